import fc from 'fast-check';
import {
  currencyExponent,
  formatMinor,
  formatPriceText,
  InvalidAmountError,
  parseDecimalAmount,
  parsePriceWithCurrency,
} from '#domain';

const CURRENCIES = ['JPY', 'EUR', 'KWD'] as const;
const UP_TO_15_DIGITS = fc.integer({ min: 0, max: 999_999_999_999_999 });

/** The text of `minor` followed by one more fraction digit string past the currency's exponent. */
function withExtraDigits(minor: number, currency: string, extra: string): string {
  const text = formatMinor(minor, currency);
  return currencyExponent(currency) === 0 ? `${text}.${extra}` : text + extra;
}

describe('parseDecimalAmount', () => {
  it.each([
    ['15', 'EUR', 1500],
    ['15.5', 'EUR', 1550],
    ['1234.56', 'EUR', 123456],
    ['1,234.56', 'EUR', 123456],
    ['1,234,567.8', 'USD', 123456780],
    ['  15.00\t', 'USD', 1500],
    ['1500', 'JPY', 1500],
    ['12.345', 'KWD', 12345],
    ['0.999', 'KWD', 999],
    ['0', 'EUR', 0],
    ['007.10', 'EUR', 710],
  ])('reads %j %s exactly as %i minor units', (text, currency, amountMinor) => {
    expect(parseDecimalAmount(text, currency)).toEqual({ amountMinor, rounded: false });
  });

  it.each([
    ['0.125', 'EUR', 12],
    ['0.135', 'EUR', 14],
    ['0.5', 'JPY', 0],
    ['1.5', 'JPY', 2],
    ['2.5', 'JPY', 2],
    ['0.1251', 'EUR', 13],
    ['0.124999', 'EUR', 12],
    ['0.999', 'EUR', 100],
    ['0.999', 'JPY', 1],
    ['12.3455', 'KWD', 12346],
  ])('rounds %j %s half-even to %i and says so', (text, currency, amountMinor) => {
    expect(parseDecimalAmount(text, currency)).toEqual({ amountMinor, rounded: true });
  });

  it('does not report rounding when the extra fraction digits are zeros', () => {
    expect(parseDecimalAmount('15.000', 'EUR')).toEqual({ amountMinor: 1500, rounded: false });
    expect(parseDecimalAmount('1500.00', 'JPY')).toEqual({ amountMinor: 1500, rounded: false });
  });

  it('has no float artefacts', () => {
    expect(parseDecimalAmount('19.99', 'EUR').amountMinor).toBe(1999);
    expect(parseDecimalAmount('1.005', 'EUR').amountMinor).toBe(100);
    expect(parseDecimalAmount('1.015', 'EUR').amountMinor).toBe(102);
    const sum = parseDecimalAmount('0.1', 'EUR').amountMinor + parseDecimalAmount('0.2', 'EUR').amountMinor;
    expect(sum).toBe(parseDecimalAmount('0.3', 'EUR').amountMinor);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (cents) => {
        const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        expect(parseDecimalAmount(text, 'EUR')).toEqual({ amountMinor: cents, rounded: false });
      }),
    );
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['-1.00', /negative/],
    ['1e3', /exponent/],
    ['1.5E+2', /exponent/],
    ['NaN', /not a decimal number/],
    ['Infinity', /not a decimal number/],
    ['+15', /not a decimal number/],
    ['15.', /not a decimal number/],
    ['.5', /not a decimal number/],
    ['1,234', /not a decimal number/],
    ['1,23.45', /not a decimal number/],
    ['1234,56', /not a decimal number/],
    ['1 234.56', /not a decimal number/],
    ['15 EUR', /not a decimal number/],
    ['١٥', /not a decimal number/],
    ['1234567890123456', /more than 15 significant digits/],
    ['0.1234567890123456', /more than 15 significant digits/],
  ])('refuses %j with a clear InvalidAmountError', (text, message) => {
    expect(() => parseDecimalAmount(text, 'EUR')).toThrow(InvalidAmountError);
    expect(() => parseDecimalAmount(text, 'EUR')).toThrow(message);
  });

  it('refuses amounts above Number.MAX_SAFE_INTEGER minor units', () => {
    expect(() => parseDecimalAmount('999999999999999', 'CLF')).toThrow(/too large/);
    expect(parseDecimalAmount('900719925474099', 'JPY').amountMinor).toBe(900719925474099);
  });

  it('refuses an unknown currency', () => {
    expect(() => parseDecimalAmount('15', 'XYZ')).toThrow(/unknown ISO 4217 currency code: XYZ/);
  });

  it.each(CURRENCIES)('round-trips formatMinor then parse for %s', (currency) => {
    fc.assert(
      fc.property(UP_TO_15_DIGITS, (minor) => {
        expect(parseDecimalAmount(formatMinor(minor, currency), currency)).toEqual({
          amountMinor: minor,
          rounded: false,
        });
      }),
    );
  });

  it.each(CURRENCIES)('breaks an exact tie to the even neighbour for %s', (currency) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999_998 }), fc.constantFrom('5', '50', '500'), (minor, tie) => {
        const expected = minor % 2 === 0 ? minor : minor + 1;
        expect(parseDecimalAmount(withExtraDigits(minor, currency, tie), currency)).toEqual({
          amountMinor: expected,
          rounded: true,
        });
      }),
    );
  });

  it.each(CURRENCIES)('rounds to the nearer neighbour when there is no tie for %s', (currency) => {
    const below = fc.stringMatching(/^[0-4][0-9]{0,3}$/).filter((digits) => /[1-9]/.test(digits));
    const above = fc.oneof(fc.stringMatching(/^[6-9][0-9]{0,3}$/), fc.stringMatching(/^5[0-9]{0,2}[1-9]$/));
    fc.assert(
      // 11 digits of minor units plus up to 4 more keep the text within 15 significant digits.
      fc.property(fc.integer({ min: 0, max: 99_999_999_998 }), below, above, (minor, low, high) => {
        expect(parseDecimalAmount(withExtraDigits(minor, currency, low), currency).amountMinor).toBe(minor);
        expect(parseDecimalAmount(withExtraDigits(minor, currency, high), currency).amountMinor).toBe(minor + 1);
      }),
    );
  });
});

describe('formatMinor', () => {
  it.each([
    [1250, 'EUR', '12.50'],
    [5, 'EUR', '0.05'],
    [0, 'EUR', '0.00'],
    [1500, 'JPY', '1500'],
    [1250, 'KWD', '1.250'],
    [-1250, 'EUR', '-12.50'],
  ])('formats %i %s as %j', (amountMinor, currency, text) => {
    expect(formatMinor(amountMinor, currency)).toBe(text);
  });

  it('refuses amounts that are not safe integers', () => {
    expect(() => formatMinor(12.5, 'EUR')).toThrow(RangeError);
    expect(() => formatMinor(Number.MAX_SAFE_INTEGER + 1, 'EUR')).toThrow(RangeError);
  });

  it('takes a bigint past Number.MAX_SAFE_INTEGER exactly, as a sum of many lines can be', () => {
    expect(formatMinor(999n * BigInt(Number.MAX_SAFE_INTEGER), 'EUR')).toBe('89981920554862500.09');
    expect(formatMinor(-5n, 'KWD')).toBe('-0.005');
    expect(formatMinor(1500n, 'JPY')).toBe('1500');
  });
});

describe('parsePriceWithCurrency', () => {
  it.each([
    ['15.00 USD', { amount: '15.00', currency: 'USD' }],
    ['USD 15.00', { amount: '15.00', currency: 'USD' }],
    ['  1500   JPY ', { amount: '1500', currency: 'JPY' }],
    ['12.345KWD', { amount: '12.345', currency: 'KWD' }],
    ['-1.00 EUR', { amount: '-1.00', currency: 'EUR' }],
    ['15.00 XYZ', { amount: '15.00', currency: 'XYZ' }],
    ['abc EUR', { amount: 'abc', currency: 'EUR' }],
    ['EUR abc', { amount: 'abc', currency: 'EUR' }],
  ])('splits %j into amount and code', (text, parts) => {
    expect(parsePriceWithCurrency(text)).toEqual(parts);
  });

  it.each(['15.00', '15.00 usd', '15.00 EURO', 'EUR', 'ABCD', 'abcEUR', 'EURabc', '', 'free', '15.00 US D'])(
    'finds no currency code in %j',
    (text) => {
      expect(parsePriceWithCurrency(text)).toBeNull();
    },
  );
});

describe('formatPriceText', () => {
  it.each([
    [999, 'EUR', '9.99 EUR'],
    [1500, 'JPY', '1500 JPY'],
    [1, 'KWD', '0.001 KWD'],
    [9007199254740991, 'EUR', '90071992547409.91 EUR'],
  ])('writes %d %s as %j', (minor, currency, text) => {
    expect(formatPriceText(minor, currency)).toBe(text);
  });

  it.each(CURRENCIES)('reads back through parsePriceWithCurrency exactly for %s', (currency) => {
    fc.assert(
      fc.property(UP_TO_15_DIGITS, (minor) => {
        const price = parsePriceWithCurrency(formatPriceText(minor, currency))!;
        expect(price.currency).toBe(currency);
        expect(parseDecimalAmount(price.amount, currency).amountMinor).toBe(minor);
      }),
    );
  });
});
