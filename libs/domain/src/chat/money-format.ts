import { currencyExponent, type CurrencyCode } from '../currency.js';
import { formatMinor } from '../money.js';

/**
 * An amount of minor units as a localized price: 1999 EUR in nl-NL -> "€ 19,99", 1500 JPY in ja-JP
 * -> "￥1,500", 12345 KWD in en-US -> "KWD 12.345". A bigint amount may exceed Number.MAX_SAFE_INTEGER.
 *
 * Intl.NumberFormat is given the exact decimal STRING ("19.99"), never a Number, so no amount is
 * rounded through a float (90071992547409.91 as a Number prints as ...,90). The fraction digits
 * are the ISO 4217 exponent, so ICU's own idea of a currency's digits never rounds the amount.
 *
 * @throws RangeError for an unknown currency, a non-integer amount or an invalid locale.
 */
export function formatPrice(amountMinor: number | bigint, currency: CurrencyCode, locale: string): string {
  const decimal = formatMinor(amountMinor, currency) as Intl.StringNumericLiteral;
  return priceFormat(currency, locale).format(decimal);
}

/** Formats made so far, by locale and currency: making one costs about 50 µs, using one about 1 µs. */
const formats = new Map<string, Intl.NumberFormat>();
const MAX_FORMATS = 500;

function priceFormat(currency: CurrencyCode, locale: string): Intl.NumberFormat {
  const key = `${locale} ${currency}`;
  let format = formats.get(key);
  if (!format) {
    const exponent = currencyExponent(currency);
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    if (formats.size >= MAX_FORMATS) formats.clear();
    formats.set(key, format);
  }
  return format;
}
