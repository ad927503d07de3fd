import { OutboundAllowance, OutboundAllowanceError } from '#outbound';

function problemsOf(list: string): readonly string[] {
  try {
    OutboundAllowance.parse(list);
  } catch (error) {
    if (error instanceof OutboundAllowanceError) return error.problems;
    throw error;
  }
  return [];
}

describe('OutboundAllowance', () => {
  it('allows the addresses of a CIDR range, on any port', () => {
    const allowance = OutboundAllowance.parse('10.0.0.0/8, fd00::/8');

    expect(allowance.allowsAddress('10.1.2.3', 443)).toBe(true);
    expect(allowance.allowsAddress('fd12::1', 80)).toBe(true);
    expect(allowance.allowsAddress('11.0.0.1', 443)).toBe(false);
    expect(allowance.allowsAddress('fe80::1', 80)).toBe(false);
  });

  it('allows a single address, and with a port only that port', () => {
    const allowance = OutboundAllowance.parse('127.0.0.1:3099,[::1]:8080,192.168.1.10');

    expect(allowance.allowsAddress('127.0.0.1', 3099)).toBe(true);
    expect(allowance.allowsAddress('127.0.0.1', 3098)).toBe(false);
    expect(allowance.allowsAddress('127.0.0.2', 3099)).toBe(false);
    expect(allowance.allowsAddress('::1', 8080)).toBe(true);
    expect(allowance.allowsAddress('::1', 8081)).toBe(false);
    expect(allowance.allowsAddress('192.168.1.10', 1)).toBe(true);
  });

  it('treats an IPv4-mapped IPv6 address as the IPv4 address it maps', () => {
    const allowance = OutboundAllowance.parse('127.0.0.1:3099');

    expect(allowance.allowsAddress('::ffff:127.0.0.1', 3099)).toBe(true);
    expect(allowance.allowsAddress('::ffff:7f00:1', 3099)).toBe(true);
  });

  it('allows host names by name, case and trailing dot aside, optionally on one port', () => {
    const allowance = OutboundAllowance.parse('Feeds.Internal,shop.local:8443');

    expect(allowance.allowsHost('feeds.internal', 80)).toBe(true);
    expect(allowance.allowsHost('FEEDS.internal.', 443)).toBe(true);
    expect(allowance.allowsHost('shop.local', 8443)).toBe(true);
    expect(allowance.allowsHost('shop.local', 443)).toBe(false);
    expect(allowance.allowsHost('other.internal', 80)).toBe(false);
    // A name is not an address, and the other way round.
    expect(allowance.allowsAddress('10.0.0.1', 80)).toBe(false);
  });

  it('adds entries with `with`, keeping the earlier ones', () => {
    const allowance = OutboundAllowance.parse('10.0.0.0/8').with(['127.0.0.1:3099']);

    expect(allowance.allowsAddress('10.0.0.1', 80)).toBe(true);
    expect(allowance.allowsAddress('127.0.0.1', 3099)).toBe(true);
    expect(allowance.toString()).toBe('10.0.0.0/8,127.0.0.1:3099');
  });

  it('is empty for an empty list', () => {
    expect(OutboundAllowance.parse(' , ').isEmpty).toBe(true);
    expect(OutboundAllowance.none().allowsAddress('127.0.0.1', 80)).toBe(false);
  });

  it('names every entry it cannot read', () => {
    const problems = problemsOf(
      '10.0.0.0/33,127.0.0.1:0,127.1,0x7f000001,[shop.example]:80,bad host!,ok.example,2130706433,127.0.0.1:http',
    );

    expect(problems).toEqual([
      expect.stringContaining('"10.0.0.0/33" is not a CIDR range'),
      expect.stringContaining('"127.0.0.1:0" has a port that is not a number from 1 to 65535'),
      expect.stringContaining('"127.1" is not an IP address'),
      expect.stringContaining('"0x7f000001" is not an IP address'),
      expect.stringContaining('"[shop.example]:80" has brackets'),
      expect.stringContaining('"bad host!" is not an IP address'),
      expect.stringContaining('"2130706433" is not an IP address'),
      expect.stringContaining('"127.0.0.1:http" has a port'),
    ]);
  });
});
