import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { parseAddress } from './address-classification.js';

type AllowanceEntry =
  | {
      readonly kind: 'range';
      readonly range: [ipaddr.IPv4 | ipaddr.IPv6, number];
      readonly port: number | null;
      readonly text: string;
    }
  | { readonly kind: 'host'; readonly host: string; readonly port: number | null; readonly text: string };

/** A bad entry of an allowance, with what is wrong with it. */
export class OutboundAllowanceError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'OutboundAllowanceError';
  }
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/**
 * What an operator allows in spite of the outbound policy: CIDR ranges (`10.0.0.0/8`, `::1/128`),
 * single addresses (`127.0.0.1`, `[::1]`) and host names (`feeds.internal`), each optionally with
 * a port (`127.0.0.1:3099`, `[::1]:8080`, `feeds.internal:8443`). An allowed host name is allowed
 * whatever it resolves to; an allowed range allows the addresses in it.
 */
export class OutboundAllowance {
  private constructor(private readonly entries: readonly AllowanceEntry[]) {}

  static none(): OutboundAllowance {
    return new OutboundAllowance([]);
  }

  /** Parses a comma-separated list; throws OutboundAllowanceError naming every bad entry. */
  static parse(list: string): OutboundAllowance {
    return OutboundAllowance.none().with(list.split(','));
  }

  /** This allowance and the given entries. */
  with(entries: readonly string[]): OutboundAllowance {
    const parsed: AllowanceEntry[] = [];
    const problems: string[] = [];
    for (const text of entries.map((entry) => entry.trim()).filter((entry) => entry !== '')) {
      const entry = parseEntry(text);
      if (typeof entry === 'string') problems.push(`"${text}" ${entry}`);
      else parsed.push(entry);
    }
    if (problems.length > 0) throw new OutboundAllowanceError(problems);
    return new OutboundAllowance([...this.entries, ...parsed]);
  }

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  allowsAddress(address: string, port: number): boolean {
    if (isIP(address) === 0) return false;
    const parsed = parseAddress(address);
    // An IPv4-mapped address is the IPv4 address it maps: an allowed 127.0.0.1 allows ::ffff:127.0.0.1.
    const forms =
      parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
        ? [parsed, (parsed as ipaddr.IPv6).toIPv4Address()]
        : [parsed];
    return this.entries.some(
      (entry) =>
        entry.kind === 'range' &&
        portMatches(entry.port, port) &&
        forms.some((form) => form.kind() === entry.range[0].kind() && form.match(entry.range)),
    );
  }

  allowsHost(host: string, port: number): boolean {
    const name = normalizeHost(host);
    return this.entries.some((entry) => entry.kind === 'host' && entry.host === name && portMatches(entry.port, port));
  }

  toString(): string {
    return this.entries.map((entry) => entry.text).join(',');
  }
}

/** A host name as compared: lower case, without a trailing dot. */
export function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

function portMatches(allowed: number | null, port: number): boolean {
  return allowed === null || allowed === port;
}

/** The entry, or what is wrong with it. */
function parseEntry(text: string): AllowanceEntry | string {
  const split = splitPort(text);
  if (typeof split === 'string') return split;
  const { host, port } = split;
  if (host.includes('/')) {
    if (!ipaddr.isValidCIDR(host) || !isStrictAddress(host.slice(0, host.indexOf('/'))))
      return 'is not a CIDR range such as 10.0.0.0/8 or fd00::/8';
    return { kind: 'range', range: ipaddr.parseCIDR(host), port, text };
  }
  if (isIP(host) !== 0) {
    const address = parseAddress(host);
    return { kind: 'range', range: [address, address.kind() === 'ipv4' ? 32 : 128], port, text };
  }
  const name = normalizeHost(host);
  if (!HOST_NAME.test(name) || readsAsAddress(name))
    return (
      'is not an IP address (127.0.0.1, [::1]), a CIDR range (10.0.0.0/8) or a host name, ' +
      'each optionally with :port'
    );
  return { kind: 'host', host: name, port, text };
}

/** `[::1]:8080`, `127.0.0.1:3099`, `host:443`, or an entry without a port (`::1`, `fd00::/8`). */
function splitPort(text: string): { host: string; port: number | null } | string {
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    if (isIP(bracketed[1]!.split('/')[0]!) !== 6) return 'has brackets around something that is not an IPv6 address';
    return withPort(bracketed[1]!, bracketed[2]);
  }
  const colons = text.split(':').length - 1;
  if (colons >= 2) return { host: text, port: null };
  if (colons === 1) {
    const at = text.indexOf(':');
    return withPort(text.slice(0, at), text.slice(at + 1));
  }
  return { host: text, port: null };
}

function withPort(host: string, port: string | undefined): { host: string; port: number | null } | string {
  if (port === undefined) return { host, port: null };
  const number = /^\d{1,5}$/.test(port) ? Number(port) : NaN;
  if (!(number >= 1 && number <= 65535)) return 'has a port that is not a number from 1 to 65535';
  return { host, port: number };
}

/** A name that a URL parser reads as an IPv4 address (127.1, 0x7f000001, 2130706433): it must be written as one. */
function readsAsAddress(name: string): boolean {
  try {
    return isIP(new URL(`http://${name}/`).hostname) !== 0;
  } catch {
    return true;
  }
}

/** Dotted-quad IPv4 or any IPv6: no `127.1` or `0x7f000001` in an operator's list. */
function isStrictAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}
