import fc from 'fast-check';
import {
  parseProductRef,
  productIdFromRefToken,
  productRefToken,
  productShareText,
  SHARE_TEXT_TITLE_MAX,
} from '#domain';

const UUID = '123e4567-e89b-12d3-a456-426614174000';

describe('productRefToken', () => {
  it('packs a UUID into a 31-character token of letters and digits 2-7', () => {
    const token = productRefToken(UUID);
    expect(token).toMatch(/^P-U[A-Z2-7]{28}$/);
    expect(productIdFromRefToken(token)).toBe(UUID);
  });

  it('carries any other id as UTF-8', () => {
    for (const id of ['12345', 'sku/ABC-1', '三星-S24', '😀', UUID.toUpperCase()]) {
      const token = productRefToken(id);
      expect(token).toMatch(/^P-T[A-Z2-7]+$/);
      expect(productIdFromRefToken(token)).toBe(id);
    }
  });

  it('rejects ids it could not bring back', () => {
    expect(() => productRefToken('')).toThrow(RangeError);
    expect(() => productRefToken('a\uD800')).toThrow(RangeError);
  });

  it('does not read a damaged token as another product', () => {
    for (const id of ['12345', UUID, 'sku-1']) {
      const token = productRefToken(id);
      for (let end = 'P-T'.length; end < token.length; end += 1) {
        expect(productIdFromRefToken(token.slice(0, end))).toBeNull();
      }
      for (let at = 'P-'.length; at < token.length; at += 1) {
        expect(productIdFromRefToken(token.slice(0, at) + token.slice(at + 1))).toBeNull();
      }
    }
  });
});

describe('productShareText', () => {
  it('writes the prefilled message with the title and the ref token', () => {
    expect(productShareText(UUID, '  Samsung  Galaxy S24 ')).toBe(
      `I'd like to buy: Samsung Galaxy S24 [ref ${productRefToken(UUID)}]`,
    );
  });

  it('fits a long title and keeps the token whole', () => {
    const text = productShareText(UUID, 'word '.repeat(40));
    expect(text).toMatch(/^I'd like to buy: (word )+word… \[ref P-U[A-Z2-7]{28}\]$/);
    expect(text.length).toBeLessThanOrEqual("I'd like to buy: ".length + SHARE_TEXT_TITLE_MAX + ' [ref ]'.length + 31);
  });
});

describe('parseProductRef', () => {
  const token = productRefToken(UUID);

  it.each([
    [`I'd like to buy: Samsung Galaxy S24 [ref ${token}]`],
    [`hi! is this still available? ${token} thanks`],
    [`${token}`],
    [`ref:${token}.`],
    [`I want 2 of these (${token.toLowerCase()})`],
    [`Ich möchte das kaufen\n[ref ${token}]\nDanke`],
  ])('finds the product in %j', (message) => {
    expect(parseProductRef(message)).toBe(UUID);
  });

  it.each([
    ['I would like to buy a phone'],
    [`I'd like to buy: [ref ${token.slice(0, -1)}]`],
    [`I'd like to buy: [ref X${token}]`],
    [`I'd like to buy: [ref ${token}9]`],
    [''],
  ])('finds nothing in %j', (message) => {
    expect(parseProductRef(message)).toBeNull();
  });

  it('prefers the last valid token, so a title holding a token cannot take over', () => {
    const decoy = productRefToken('decoy');
    expect(parseProductRef(productShareText(UUID, `Phone ${decoy}`))).toBe(UUID);
    expect(parseProductRef(`${token} and P-TAAAA`)).toBe(UUID);
  });

  it('round-trips any product id and title, whatever the user adds around the token', () => {
    const id = fc.oneof(
      fc.uuid(),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
      fc.string({ unit: 'grapheme-ascii', minLength: 1 }),
    );
    const around = fc.string({ unit: 'grapheme', maxLength: 40 });
    fc.assert(
      fc.property(
        id,
        fc.string({ unit: 'grapheme', maxLength: 120 }),
        around,
        around,
        (productId, title, before, after) => {
          const shared = productShareText(productId, title);
          expect(parseProductRef(shared)).toBe(productId);
          expect(parseProductRef(`${before} ${shared} ${after}`)).toBe(productId);
          expect(parseProductRef(`${before}\n${productRefToken(productId)}\n${after}`)).toBe(productId);
        },
      ),
      { numRuns: 300 },
    );
  });
});
