import type { AddressRule } from './address-classification.js';

/** Which rule of the outbound policy refused a request. */
export type OutboundRule = AddressRule | 'scheme' | 'credentials-in-url' | 'invalid-url' | 'unix-socket';

/** Rules an operator can lift with an allowance; the others hold for everyone. */
const ALLOWABLE: ReadonlySet<OutboundRule> = new Set<OutboundRule>([
  'loopback',
  'link-local',
  'private',
  'carrier-grade-nat',
  'unique-local',
  'multicast',
  'unspecified',
  'broadcast',
  'reserved',
]);

/**
 * A request the outbound policy did not let out. The message names the rule and the address or
 * name it applied to, never anything the remote side said: `refused by the outbound policy:
 * 127.0.0.1 is a loopback address (allow it with SOUK_OUTBOUND_ALLOW)`. Not worth retrying.
 */
export class OutboundRefusedError extends Error {
  readonly code = 'ERR_OUTBOUND_REFUSED';

  constructor(
    readonly rule: OutboundRule,
    /** What the rule was applied to, as it is shown: `127.0.0.1`, `shop.example resolves to 10.0.0.5`. */
    reason: string,
  ) {
    super(
      `refused by the outbound policy: ${reason}${ALLOWABLE.has(rule) ? ' (allow it with SOUK_OUTBOUND_ALLOW)' : ''}`,
    );
    this.name = 'OutboundRefusedError';
  }

  /**
   * The refusal inside an error that a client wrapped, following `cause` (axios, follow-redirects); null when there is
   * none.
   */
  static in(error: unknown): OutboundRefusedError | null {
    for (let current = error, depth = 0; current !== null && typeof current === 'object' && depth < 10; depth++) {
      if (current instanceof OutboundRefusedError) return current;
      current = (current as { cause?: unknown }).cause;
    }
    return null;
  }
}
