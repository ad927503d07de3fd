import { CURRENCY_CODES, currencyExponent, isCurrencyCode } from '#domain';

describe('ISO 4217 currencies', () => {
  it.each([
    ['JPY', 0],
    ['KRW', 0],
    ['EUR', 2],
    ['USD', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['CLF', 4],
  ])('gives %s the minor-unit exponent %i', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });

  it('refuses codes that are not active currencies with a minor unit', () => {
    for (const code of ['XXX', 'XAU', 'eur', 'EURO', '', 'DEM']) expect(isCurrencyCode(code)).toBe(false);
    expect(() => currencyExponent('XAU')).toThrow(/unknown ISO 4217/);
  });

  it('lists each code once, in order', () => {
    expect(new Set(CURRENCY_CODES).size).toBe(CURRENCY_CODES.length);
    expect([...CURRENCY_CODES].sort()).toEqual(CURRENCY_CODES);
    expect(CURRENCY_CODES.every((code) => /^[A-Z]{3}$/.test(code))).toBe(true);
  });
});
