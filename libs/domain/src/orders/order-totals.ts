/** An amount in minor units of one currency; bigint so sums never lose a unit. */
export interface MinorAmount {
  readonly currency: string;
  readonly amountMinor: bigint;
}

/**
 * Sums amounts per currency, never across currencies; the result is sorted by currency code so
 * that the same lines always give the same totals in the same order.
 */
export function totalsByCurrency(amounts: Iterable<MinorAmount>): MinorAmount[] {
  const sums = new Map<string, bigint>();
  for (const { currency, amountMinor } of amounts) sums.set(currency, (sums.get(currency) ?? 0n) + amountMinor);
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, amountMinor]) => ({ currency, amountMinor }));
}

/** Unit price times quantity, exact; throws on a negative or non-integer quantity. */
export function lineTotal(unitPriceMinor: bigint, quantity: number): bigint {
  if (!Number.isSafeInteger(quantity) || quantity < 1)
    throw new RangeError(`quantity must be a positive integer, got ${quantity}`);
  return unitPriceMinor * BigInt(quantity);
}
