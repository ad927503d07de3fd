/**
 * Money in the console is formatted exactly from minor units: the integer string is split by the
 * currency's exponent, and Intl only places the symbol, the sign, grouping and the decimal mark.
 * No amount ever passes through a floating-point number.
 */

/** ISO 4217 exponents that are not 2, for answers that do not carry the exponent themselves. */
const EXPONENTS: Record<string, number> = {
  BHD: 3,
  BIF: 0,
  CLF: 4,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  IQD: 3,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  PYG: 0,
  RWF: 0,
  TND: 3,
  UGX: 0,
  UYI: 0,
  UYW: 4,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
};

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

/** Splits "-123456" with exponent 2 into { negative: true, integer: "1234", fraction: "56" }. */
export function splitMinor(minor: string, exponent: number): { negative: boolean; integer: string; fraction: string } {
  const match = /^(-?)(\d+)$/.exec(minor.trim());
  if (!match) throw new Error(`Not an amount in minor units: ${JSON.stringify(minor)}`);
  const negative = match[1] === '-' && /[1-9]/.test(match[2]!);
  const digits = match[2]!.replace(/^0+(?=\d)/, '').padStart(exponent + 1, '0');
  const integer = digits.slice(0, digits.length - exponent).replace(/^0+(?=\d)/, '');
  const fraction = exponent > 0 ? digits.slice(digits.length - exponent) : '';
  return { negative, integer, fraction };
}

/** "123456", "EUR" → "€1,234.56" (en-US) or "€ 1.234,56" (nl-NL); exact for any length. */
export function formatMoney(
  minor: string,
  currency: string,
  exponent = currencyExponent(currency),
  locale?: string,
): string {
  const { negative, integer, fraction } = splitMinor(minor, exponent);
  const options: Intl.NumberFormatOptions = {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  };
  // The pattern of a one-unit amount with the right sign gives where symbol, sign and decimal mark go.
  const pattern = new Intl.NumberFormat(locale, options).formatToParts(negative ? -1n : 1n);
  const grouped = new Intl.NumberFormat(locale, { useGrouping: true, maximumFractionDigits: 0 }).formatToParts(
    BigInt(integer),
  );
  const groupedInteger = grouped
    .filter((part) => part.type === 'integer' || part.type === 'group')
    .map((part) => part.value)
    .join('');
  // The fraction's digits in the locale's own numbering system ("٠٥" in Arabic, "05" in English).
  const localFraction =
    exponent > 0
      ? new Intl.NumberFormat(locale, { useGrouping: false, minimumIntegerDigits: exponent }).format(BigInt(fraction))
      : '';
  let integerWritten = false;
  return pattern
    .map((part) => {
      if (part.type === 'integer' || part.type === 'group') {
        if (integerWritten) return '';
        integerWritten = true;
        return groupedInteger;
      }
      if (part.type === 'fraction') return localFraction;
      return part.value;
    })
    .join('');
}

/** The plain decimal ("1234.56", "-0.05", "1200") of a minor-unit string, for tables and exports. */
export function minorToDecimal(minor: string, exponent: number): string {
  const { negative, integer, fraction } = splitMinor(minor, exponent);
  return `${negative ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`;
}

/** Adds minor-unit strings exactly. */
export function sumMinor(values: readonly string[]): string {
  return values.reduce((total, value) => total + BigInt(value), 0n).toString();
}

/** Reads a decimal typed by a person ("12.5", "12,50") into minor units, or null when it is not one. */
export function parseDecimalToMinor(text: string, exponent: number): string | null {
  const match = /^\s*(-?)(\d+)(?:[.,](\d+))?\s*$/.exec(text);
  if (!match) return null;
  const fraction = match[3] ?? '';
  if (fraction.length > exponent) return null;
  const digits = `${match[2]}${fraction.padEnd(exponent, '0')}`.replace(/^0+(?=\d)/, '');
  return `${match[1] === '-' && /[1-9]/.test(digits) ? '-' : ''}${digits}`;
}
