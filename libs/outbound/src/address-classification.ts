import ipaddr from 'ipaddr.js';

/** Why an address is not one Souk may call on someone else's behalf. */
export type AddressRule =
  | 'loopback'
  | 'link-local'
  | 'private'
  | 'carrier-grade-nat'
  | 'unique-local'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'reserved';

export interface RefusedAddress {
  readonly rule: AddressRule;
  /** For messages: "a loopback address", "an IPv4-mapped IPv6 address of 127.0.0.1, a loopback address". */
  readonly description: string;
}

type Address = ipaddr.IPv4 | ipaddr.IPv6;

const V4_RULES: Readonly<Record<string, RefusedAddress>> = {
  loopback: { rule: 'loopback', description: 'a loopback address' },
  linkLocal: { rule: 'link-local', description: 'a link-local address (cloud metadata services answer there)' },
  private: { rule: 'private', description: 'a private address (RFC 1918)' },
  carrierGradeNat: { rule: 'carrier-grade-nat', description: 'a carrier-grade NAT address (RFC 6598)' },
  multicast: { rule: 'multicast', description: 'a multicast address' },
  unspecified: { rule: 'unspecified', description: 'an unspecified address ("this host")' },
  broadcast: { rule: 'broadcast', description: 'the broadcast address' },
};

const V6_RULES: Readonly<Record<string, RefusedAddress>> = {
  loopback: { rule: 'loopback', description: 'a loopback address' },
  linkLocal: { rule: 'link-local', description: 'a link-local address' },
  uniqueLocal: { rule: 'unique-local', description: 'a unique-local address (fc00::/7)' },
  deprecatedSiteLocal: { rule: 'private', description: 'a site-local address (fec0::/10)' },
  multicast: { rule: 'multicast', description: 'a multicast address' },
  unspecified: { rule: 'unspecified', description: 'an unspecified address ("this host")' },
};

const RESERVED: RefusedAddress = { rule: 'reserved', description: 'a reserved or special-purpose address' };
/** Global unicast IPv6 (RFC 4291): everything else is special. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');
const NAT64 = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

/**
 * Null for a global unicast address, the only kind Souk calls on someone else's behalf; else the
 * rule that refuses it. IPv6 forms that carry an IPv4 address (IPv4-mapped and -compatible,
 * IPv4-translated, NAT64, 6to4, Teredo) are judged by that address, so `::ffff:127.0.0.1` is
 * refused as loopback. Throws a TypeError for text that is not an IP address.
 */
export function classifyAddress(text: string): RefusedAddress | null {
  return classify(parseAddress(text));
}

/**
 * The address in `text`. IPv6 with a dotted tail is read as a URL parser reads it: ipaddr.js reads
 * `::127.0.0.1` as `::ffff:127.0.0.1`, but it is `::7f00:1`, an IPv4-compatible address.
 */
export function parseAddress(text: string): Address {
  let canonical = text;
  if (text.includes(':') && text.includes('.') && !text.includes('%')) {
    try {
      canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
    } catch {
      throw new TypeError(`not an IP address: ${text}`);
    }
  }
  if (!ipaddr.isValid(canonical)) throw new TypeError(`not an IP address: ${text}`);
  return ipaddr.parse(canonical);
}

function classify(address: Address): RefusedAddress | null {
  if (address.kind() === 'ipv4') {
    const range = address.range();
    return range === 'unicast' ? null : (V4_RULES[range] ?? RESERVED);
  }
  const v6 = address as ipaddr.IPv6;
  const carried = carriedIPv4(v6);
  if (carried) {
    const inner = classify(carried.address);
    if (inner)
      return {
        rule: inner.rule,
        description: `${carried.form} IPv6 address of ${carried.address.toString()}, ${inner.description}`,
      };
    return carried.form === 'an IPv4-compatible'
      ? { rule: 'reserved', description: 'a deprecated IPv4-compatible IPv6 address' }
      : null;
  }
  const range = v6.range();
  if (range === 'unicast' && v6.match(GLOBAL_UNICAST_V6)) return null;
  return V6_RULES[range] ?? RESERVED;
}

/** The IPv4 address an IPv6 address stands for or tunnels to, when it is one of the forms that carry one. */
function carriedIPv4(address: ipaddr.IPv6): { form: string; address: ipaddr.IPv4 } | null {
  const parts = address.parts;
  const last32 = () => v4(parts[6]!, parts[7]!);
  switch (address.range()) {
    case 'ipv4Mapped':
      return { form: 'an IPv4-mapped', address: last32() };
    case 'rfc6145':
      return { form: 'an IPv4-translated', address: last32() };
    case '6to4':
      return { form: 'a 6to4', address: v4(parts[1]!, parts[2]!) };
    case 'teredo': {
      // The client's address is stored inverted; the server's as it is. Either may be the way in.
      const client = v4(~parts[6]! & 0xffff, ~parts[7]! & 0xffff);
      const server = v4(parts[2]!, parts[3]!);
      return { form: 'a Teredo', address: classify(client) ? client : server };
    }
    default:
      break;
  }
  if (address.match(NAT64)) return { form: 'a NAT64', address: last32() };
  const compatible = parts.slice(0, 6).every((part) => part === 0) && (parts[6] !== 0 || parts[7]! > 1);
  return compatible ? { form: 'an IPv4-compatible', address: last32() } : null;
}

function v4(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}
