import { COUNTRY_CODES, isCountryCode, isSlug } from '#domain';

describe('ISO 3166-1 alpha-2 countries', () => {
  it('knows the officially assigned codes and nothing else', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    for (const code of ['NL', 'BE', 'DE', 'FR', 'CN', 'JP', 'IN', 'US']) expect(isCountryCode(code)).toBe(true);
    for (const code of ['ZZ', 'UK', 'EU', 'nl', 'NLD', '']) expect(isCountryCode(code)).toBe(false);
  });
});

describe('slugs', () => {
  it('accepts lowercase words joined by single hyphens, 2 to 63 characters', () => {
    for (const slug of ['ab', 'corner-shop', 'shop-42', 'a'.repeat(63)]) expect(isSlug(slug)).toBe(true);
  });

  it('refuses capitals, spaces, double or edge hyphens, and the wrong length', () => {
    for (const slug of ['a', 'Corner', 'corner shop', 'corner--shop', '-shop', 'shop-', 'a'.repeat(64), 'café']) {
      expect(isSlug(slug)).toBe(false);
    }
  });
});
