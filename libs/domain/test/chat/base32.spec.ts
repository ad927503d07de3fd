import fc from 'fast-check';
import { decodeBase32, encodeBase32 } from '../../src/chat/base32.js';

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('base32', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('encodes %j as %j (RFC 4648 test vectors, unpadded)', (text, encoded) => {
    expect(encodeBase32(bytesOf(text))).toBe(encoded);
    expect(decodeBase32(encoded)).toEqual(bytesOf(text));
    expect(decodeBase32(encoded.toLowerCase())).toEqual(bytesOf(text));
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(decodeBase32(encodeBase32(bytes))).toEqual(bytes);
      }),
    );
  });

  it('rejects text no encoding produces', () => {
    expect(decodeBase32('MZXW6YTBO1')).toBeNull(); // 1 is not in the alphabet
    expect(decodeBase32('M')).toBeNull(); // 5 bits cannot end a byte string
    expect(decodeBase32('MZ')).toBeNull(); // the unused tail bits are not zero
    expect(decodeBase32('MZXW6YTBOI=')).toBeNull(); // no padding
  });
});
