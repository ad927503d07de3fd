import fc from 'fast-check';
import { currencyExponent, formatMinor, formatPrice } from '#domain';

/** The same Intl call formatPrice should make, on the exact decimal string. */
function intlOnString(decimal: string, currency: string, locale: string): string {
  const digits = currencyExponent(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(decimal as Intl.StringNumericLiteral);
}

const onlyDigits = (text: string) => text.replace(/[^0-9]/g, '');

describe('formatPrice', () => {
  // Verified on Node 20.20 with ICU 78.2; Intl separates symbol and number with U+00A0.
  it.each([
    [1999, 'EUR', 'nl-NL', '€\u00a019,99'],
    [1999, 'EUR', 'fr-FR', '19,99\u00a0€'],
    [-250, 'EUR', 'de-DE', '-2,50\u00a0€'],
    [5, 'EUR', 'en-US', '€0.05'],
    [1500, 'JPY', 'ja-JP', '￥1,500'],
    [12345, 'KWD', 'en-US', 'KWD\u00a012.345'],
    [123456, 'CLF', 'es-CL', 'CLF\u00a012,3456'],
    [30, 'USD', 'en-US', '$0.30'],
  ])('formats %i %s in %s as %j', (amountMinor, currency, locale, expected) => {
    expect(formatPrice(amountMinor, currency, locale)).toBe(expected);
  });

  it.each([
    ['EUR', 'nl-NL'],
    ['JPY', 'ja-JP'],
    ['KWD', 'ar-KW'],
    ['INR', 'en-IN'],
    ['BHD', 'en-GB'],
    ['CLF', 'es-CL'],
    ['USD', 'zh-CN'],
  ])('equals Intl on the exact decimal string for %s in %s', (currency, locale) => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (amountMinor) => {
        expect(formatPrice(amountMinor, currency, locale)).toBe(
          intlOnString(formatMinor(amountMinor, currency), currency, locale),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('shows exactly the ISO 4217 exponent of fraction digits: JPY 0, EUR 2, KWD 3, CLF 4', () => {
    expect(formatPrice(1500, 'JPY', 'en-US')).toBe('¥1,500');
    expect(formatPrice(1500, 'EUR', 'en-US')).toBe('€15.00');
    expect(formatPrice(1500, 'KWD', 'en-US')).toBe('KWD\u00a01.500');
    expect(formatPrice(1500, 'CLF', 'en-US')).toBe('CLF\u00a00.1500');
    expect(formatPrice(1, 'KWD', 'en-US')).toBe('KWD\u00a00.001');
    expect(formatPrice(0, 'EUR', 'en-US')).toBe('€0.00');
  });

  it('never rounds through a float, even above 2^53 / 100', () => {
    expect(formatPrice(Number.MAX_SAFE_INTEGER, 'EUR', 'de-DE')).toBe('90.071.992.547.409,91\u00a0€');
    // What a Number would have printed:
    expect(new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(90071992547409.91)).toBe(
      '90.071.992.547.409,90\u00a0€',
    );
    expect(formatPrice(10 + 20, 'USD', 'en-US')).toBe('$0.30');
  });

  it('formats a bigint past Number.MAX_SAFE_INTEGER to its last digit', () => {
    expect(formatPrice(2n ** 60n + 1n, 'EUR', 'de-DE')).toBe('11.529.215.046.068.469,77\u00a0€');
    expect(formatPrice(1999n, 'EUR', 'nl-NL')).toBe(formatPrice(1999, 'EUR', 'nl-NL'));
  });

  // Equal digits leave no room for 0.30000000000000004 or 19.989999999999998.
  it('prints the very digits of the minor units, never 0.1 + 0.2 artefacts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('USD', 'JPY', 'KWD', 'CLF'),
        (amountMinor, currency) => {
          const text = formatPrice(amountMinor, currency, 'en-US');
          expect(onlyDigits(text)).toBe(onlyDigits(formatMinor(amountMinor, currency)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects unknown currencies and amounts that are not whole minor units', () => {
    expect(() => formatPrice(100, 'XXX', 'en-US')).toThrow(RangeError);
    expect(() => formatPrice(19.99, 'EUR', 'en-US')).toThrow(RangeError);
    expect(() => formatPrice(100, 'EUR', 'not a locale!')).toThrow(RangeError);
  });
});
