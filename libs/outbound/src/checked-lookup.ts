import type { LookupAddress, LookupAllOptions, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { OutboundRefusedError } from './outbound-refused-error.js';

/** Resolves a host name to all its addresses, as `dns.lookup` with `all: true` does. */
export type OutboundLookup = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for net.connect / tls.connect that resolves with `resolve` and hands the socket only
 * addresses that `refusal` lets through: one refused address refuses the connection. It answers in
 * both shapes net asks for: every address (`all: true`, as with autoSelectFamily) or the first.
 */
export function checkedLookup(
  resolve: OutboundLookup,
  refusal: (hostname: string, address: string) => OutboundRefusedError | null,
): LookupFunction {
  return (
    hostname: string,
    options: LookupOptions,
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    const asked = typeof options === 'object' && options !== null ? options : {};
    resolve(hostname, { ...asked, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      if (addresses.length === 0)
        return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND', hostname }), '');
      for (const { address } of addresses) {
        const refused = refusal(hostname, address);
        if (refused) return callback(refused, '');
      }
      if (asked.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
