import { classifyAddress } from '#outbound';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['169.254.0.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fec0::1', 'private'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['fd00::1', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['100::1', 'reserved'],
    ['3fff::1', 'reserved'],
  ])('refuses %s as %s', (address, rule) => {
    expect(classifyAddress(address)).toMatchObject({ rule });
  });

  it.each([
    // IPv4-mapped, in its dotted and its hex notation, and IPv4-translated.
    ['::ffff:127.0.0.1', 'loopback', 'an IPv4-mapped IPv6 address of 127.0.0.1, a loopback address'],
    ['::ffff:7f00:1', 'loopback', 'an IPv4-mapped IPv6 address of 127.0.0.1, a loopback address'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', 'link-local', 'an IPv4-mapped IPv6 address of 169.254.169.254'],
    ['::ffff:10.0.0.1', 'private', 'an IPv4-mapped IPv6 address of 10.0.0.1'],
    ['::ffff:0.0.0.0', 'unspecified', 'an IPv4-mapped IPv6 address of 0.0.0.0'],
    ['::ffff:0:7f00:1', 'loopback', 'an IPv4-translated IPv6 address of 127.0.0.1'],
    // IPv4-compatible (deprecated).
    ['::127.0.0.1', 'loopback', 'an IPv4-compatible IPv6 address of 127.0.0.1'],
    ['::7f00:1', 'loopback', 'an IPv4-compatible IPv6 address of 127.0.0.1'],
    ['::8.8.8.8', 'reserved', 'a deprecated IPv4-compatible IPv6 address'],
    // NAT64 (RFC 6052) of refused addresses, and its local-use prefix.
    ['64:ff9b::7f00:1', 'loopback', 'a NAT64 IPv6 address of 127.0.0.1'],
    ['64:ff9b::127.0.0.1', 'loopback', 'a NAT64 IPv6 address of 127.0.0.1'],
    ['64:ff9b::a9fe:a9fe', 'link-local', 'a NAT64 IPv6 address of 169.254.169.254'],
    ['64:ff9b:1::a00:1', 'reserved', 'a reserved or special-purpose address'],
    // 6to4 and Teredo that lead to refused IPv4 addresses.
    ['2002:7f00:1::1', 'loopback', 'a 6to4 IPv6 address of 127.0.0.1'],
    ['2002:c0a8:101::1', 'private', 'a 6to4 IPv6 address of 192.168.1.1'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'loopback', 'a Teredo IPv6 address of 127.0.0.1'],
    ['2001:0:a00:1:0:0:f7f7:f7f7', 'private', 'a Teredo IPv6 address of 10.0.0.1'],
  ])('judges %s by the IPv4 address it carries: %s', (address, rule, description) => {
    const refused = classifyAddress(address);

    expect(refused?.rule).toBe(rule);
    expect(refused?.description).toContain(description);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '1.1.1.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:82a::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('lets the global unicast address %s through', (address) => {
    expect(classifyAddress(address)).toBeNull();
  });

  it('reads the lenient IPv4 notations a URL parser also reads as loopback', () => {
    for (const notation of ['0x7f000001', '2130706433', '127.1', '0177.0.0.1'])
      expect(classifyAddress(notation)).toMatchObject({ rule: 'loopback' });
  });

  it('throws for text that is not an address', () => {
    expect(() => classifyAddress('shop.example.com')).toThrow(TypeError);
  });
});
