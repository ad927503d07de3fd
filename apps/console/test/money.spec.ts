import fc from 'fast-check';
import {
  currencyExponent,
  formatMoney,
  minorToDecimal,
  parseDecimalToMinor,
  splitMinor,
  sumMinor,
} from '../src/money.js';

describe('console money formatting', () => {
  it('splits minor units by the exponent without floating point', () => {
    expect(splitMinor('123456', 2)).toEqual({ negative: false, integer: '1234', fraction: '56' });
    expect(splitMinor('5', 2)).toEqual({ negative: false, integer: '0', fraction: '05' });
    expect(splitMinor('-5', 2)).toEqual({ negative: true, integer: '0', fraction: '05' });
    expect(splitMinor('-0', 2)).toEqual({ negative: false, integer: '0', fraction: '00' });
    expect(splitMinor('1200', 0)).toEqual({ negative: false, integer: '1200', fraction: '' });
    expect(splitMinor('1234', 3)).toEqual({ negative: false, integer: '1', fraction: '234' });
    expect(() => splitMinor('12.5', 2)).toThrow('Not an amount in minor units');
  });

  it('formats with the currency symbol, grouping and the decimal mark of the locale', () => {
    expect(formatMoney('123456', 'EUR', 2, 'en-US')).toBe('€1,234.56');
    expect(formatMoney('123456', 'EUR', 2, 'nl-NL')).toBe('€\u00a01.234,56');
    expect(formatMoney('123456', 'EUR', 2, 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney('-995', 'EUR', 2, 'en-US')).toBe('-€9.95');
    expect(formatMoney('0', 'EUR', 2, 'en-US')).toBe('€0.00');
    expect(formatMoney('125000', 'JPY', 0, 'en-US')).toBe('¥125,000');
    expect(formatMoney('1234567', 'KWD', 3, 'en-US')).toBe('KWD\u00a01,234.567');
    expect(formatMoney('123456', 'EUR', undefined, 'en-US')).toBe('€1,234.56');
  });

  it('agrees with Intl on amounts a double holds exactly, in several locales', () => {
    for (const locale of ['en-US', 'nl-NL', 'de-DE', 'fr-FR', 'ja-JP', 'ar-EG']) {
      for (const [minor, currency, exponent] of [
        ['123456', 'EUR', 2],
        ['-123456', 'USD', 2],
        ['98765', 'JPY', 0],
        ['7', 'EUR', 2],
      ] as const) {
        const expected = new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
          Number(minor) / 10 ** exponent,
        );
        expect(formatMoney(minor, currency, exponent, locale)).toBe(expected);
      }
    }
  });

  it('stays exact beyond what a double holds', () => {
    expect(formatMoney('900719925474099312345', 'EUR', 2, 'en-US')).toBe('€9,007,199,254,740,993,123.45');
    expect(formatMoney('-900719925474099312345', 'USD', 2, 'en-US')).toBe('-$9,007,199,254,740,993,123.45');
  });

  it('writes back the digits it was given, for any amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.constantFrom(0, 2, 3), (amount, exponent) => {
        const formatted = formatMoney(amount.toString(), 'EUR', exponent, 'en-US');
        const digits = formatted.replace(/[^\d]/g, '');
        const expected = (amount < 0n ? -amount : amount).toString().padStart(exponent + 1, '0');
        expect(digits).toBe(expected);
        expect(formatted.startsWith('-')).toBe(amount < 0n);
      }),
    );
  });

  it('knows the exponents of ISO 4217', () => {
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('jpy')).toBe(0);
    expect(currencyExponent('BHD')).toBe(3);
  });

  it('reads typed decimals into minor units and adds them exactly', () => {
    expect(parseDecimalToMinor('12.5', 2)).toBe('1250');
    expect(parseDecimalToMinor('12,50', 2)).toBe('1250');
    expect(parseDecimalToMinor('0.05', 2)).toBe('5');
    expect(parseDecimalToMinor('1200', 0)).toBe('1200');
    expect(parseDecimalToMinor('1.234', 2)).toBeNull();
    expect(parseDecimalToMinor('abc', 2)).toBeNull();
    expect(minorToDecimal('-5', 2)).toBe('-0.05');
    expect(minorToDecimal('1200', 0)).toBe('1200');
    expect(sumMinor(['900719925474099312345', '1', '-46'])).toBe('900719925474099312300');
  });
});
