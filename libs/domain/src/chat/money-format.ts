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
  const exponent = currencyExponent(currency);
  const decimal = formatMinor(amountMinor, currency) as Intl.StringNumericLiteral;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(decimal);
}
