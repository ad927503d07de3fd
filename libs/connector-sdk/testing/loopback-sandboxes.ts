import { OutboundAllowance, OutboundPolicy } from '#connector-sdk';

/**
 * For connector tests only: an outbound policy that allows loopback, where the tests run their
 * sandbox shops and feed servers. Souk's default policy refuses loopback, so a test that talks to
 * a local sandbox must say so by passing this.
 */
export const LOOPBACK_SANDBOXES = new OutboundPolicy({
  allow: OutboundAllowance.parse('127.0.0.0/8,::1/128,localhost'),
});
