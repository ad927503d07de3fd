import { currencyExponent, isCurrencyCode, type CurrencyCode } from './currency.js';

/** A decimal amount that cannot be read as money (empty, negative, exponent, too precise, too large). */
export class InvalidAmountError extends Error {
  constructor(
    message: string,
    readonly input: string,
  ) {
    super(message);
    this.name = 'InvalidAmountError';
  }
}

export interface ParsedAmount {
  readonly amountMinor: number;
  /** True when fraction digits beyond the currency's exponent changed the value. */
  readonly rounded: boolean;
}

export const MAX_SIGNIFICANT_DIGITS = 15;

// Plain digits, or digits grouped by ',' in threes (then a '.' fraction is required, because
// "1,234" alone may mean 1.234 in a locale that writes the decimal point as a comma).
const PLAIN = /^([0-9]+)(?:\.([0-9]+))?$/;
const GROUPED = /^([0-9]{1,3}(?:,[0-9]{3})+)\.([0-9]+)$/;

/**
 * Reads a non-negative decimal string ("15", "15.5", "1,234.56", "0.999") as an integer count of
 * the currency's minor units, exactly: digits are read as text (BigInt), never through a float.
 *
 * Rounding: when the text has more fraction digits than the currency's ISO 4217 exponent (JPY 0,
 * EUR 2, KWD 3), the value is rounded to the exponent HALF-EVEN ("banker's rounding"): to the
 * nearer minor unit, and on an exact tie to the even one ("0.125" EUR -> 12, "0.135" EUR -> 14,
 * "0.5" JPY -> 0, "1.5" JPY -> 2). Half-even does not drift upwards over many amounts, unlike
 * half-up. `rounded` is true only when the value changed ("15.000" EUR is exact).
 *
 * Significant digits run from the first non-zero digit to the last non-zero fraction digit.
 *
 * @throws InvalidAmountError for empty text, signs, exponents, letters, more than 15 significant
 *   digits or more than Number.MAX_SAFE_INTEGER minor units; also for an unknown currency.
 */
export function parseDecimalAmount(text: string, currency: CurrencyCode): ParsedAmount {
  if (!isCurrencyCode(currency)) throw new InvalidAmountError(`unknown ISO 4217 currency code: ${currency}`, text);
  const exponent = currencyExponent(currency);
  const { integerDigits, fractionDigits } = splitDecimal(text);

  const significant = (integerDigits + fractionDigits.replace(/0+$/, '')).replace(/^0+/, '');
  if (significant.length > MAX_SIGNIFICANT_DIGITS) {
    throw new InvalidAmountError(
      `amount "${text.trim()}" has more than ${MAX_SIGNIFICANT_DIGITS} significant digits`,
      text,
    );
  }

  const kept = BigInt(integerDigits + fractionDigits.slice(0, exponent).padEnd(exponent, '0'));
  const dropped = fractionDigits.slice(exponent);
  const roundUp = dropped !== '' && shouldRoundUpHalfEven(dropped, kept % 2n === 1n);
  const amountMinor = roundUp ? kept + 1n : kept;
  if (amountMinor > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new InvalidAmountError(`amount "${text.trim()}" is too large`, text);
  }
  return { amountMinor: Number(amountMinor), rounded: /[1-9]/.test(dropped) };
}

function splitDecimal(text: string): { integerDigits: string; fractionDigits: string } {
  const value = text.trim();
  if (value === '') throw new InvalidAmountError('amount is empty', text);
  if (value.startsWith('-')) throw new InvalidAmountError(`amount "${value}" is negative`, text);
  if (/^\+?[0-9.,]+e[+-]?[0-9]+$/i.test(value)) {
    throw new InvalidAmountError(`amount "${value}" uses an exponent; write it as plain digits`, text);
  }
  const plain = PLAIN.exec(value);
  if (plain) return { integerDigits: plain[1], fractionDigits: plain[2] ?? '' };
  const grouped = GROUPED.exec(value);
  if (grouped) return { integerDigits: grouped[1].replaceAll(',', ''), fractionDigits: grouped[2] };
  throw new InvalidAmountError(`amount "${value}" is not a decimal number such as 15, 15.50 or 1,234.56`, text);
}

/** `dropped` are the digits past the exponent; a tie ("5", "50", ...) goes to the even neighbour. */
function shouldRoundUpHalfEven(dropped: string, keptIsOdd: boolean): boolean {
  const first = dropped.charCodeAt(0) - 48;
  if (first !== 5) return first > 5;
  const exactTie = !/[1-9]/.test(dropped.slice(1));
  return exactTie ? keptIsOdd : true;
}

/**
 * Google's price text: an amount and an ISO 4217 code, "15.00 USD" (or "USD 15.00"). The code must
 * be three uppercase letters; whether it is a known currency and whether the amount parses are left
 * to the caller, so it can say precisely what is wrong. Null when the text has no such code.
 */
export function parsePriceWithCurrency(text: string): { amount: string; currency: string } | null {
  const value = text.trim();
  // Without a space between them, letters next to the code would make it ambiguous ("ABCD").
  const amountFirst = /^(\S+?)(\s*)([A-Z]{3})$/.exec(value);
  if (amountFirst && (amountFirst[2] !== '' || !/[A-Za-z]$/.test(amountFirst[1]))) {
    return { amount: amountFirst[1], currency: amountFirst[3] };
  }
  const codeFirst = /^([A-Z]{3})(\s*)(\S+)$/.exec(value);
  if (codeFirst && (codeFirst[2] !== '' || !/^[A-Za-z]/.test(codeFirst[3]))) {
    return { amount: codeFirst[3], currency: codeFirst[1] };
  }
  return null;
}

/**
 * Minor units as a plain decimal string with the currency's exponent: 1250 EUR -> "12.50", 1500 JPY -> "1500". A
 * bigint may go past Number.MAX_SAFE_INTEGER (a cart's total), exactly.
 */
export function formatMinor(amountMinor: number | bigint, currency: CurrencyCode): string {
  if (typeof amountMinor === 'number' && !Number.isSafeInteger(amountMinor))
    throw new RangeError(`not an integer amount of minor units: ${amountMinor}`);
  const exponent = currencyExponent(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(amountMinor < 0 ? -amountMinor : amountMinor).padStart(exponent + 1, '0');
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * Google's and Meta's price text: the exact amount with the currency's exponent and the ISO 4217 code, 999 EUR -> "9.99
 * EUR".
 */
export function formatPriceText(amountMinor: number, currency: CurrencyCode): string {
  return `${formatMinor(amountMinor, currency)} ${currency}`;
}
