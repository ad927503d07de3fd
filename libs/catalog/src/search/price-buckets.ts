import { currencyExponent, type CurrencyCode } from '#domain';

/** Bucket edges in major units: 10, 20, 50, 100, ... 5,000. */
const LADDER = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

/**
 * Price bucket edges in minor units of `currency`. The ladder is in major units, times 100 for
 * currencies without minor units (yen, won: their major unit is worth about a cent), so buckets
 * fall at comparable amounts everywhere.
 */
export function priceBucketBounds(currency: CurrencyCode): number[] {
  const exponent = currencyExponent(currency);
  const scale = 10 ** exponent * (exponent === 0 ? 100 : 1);
  return LADDER.map((edge) => edge * scale);
}
