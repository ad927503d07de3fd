import { divideHalfEven } from './half-even.js';

/** Basis points in one whole: 10,000 bp = 100%. */
export const BASIS_POINTS = 10_000n;

/**
 * One band of a tiered rate: the rate applies to the retailer's monthly sales up to `upToMinor` (the last band has
 * none).
 */
export interface RateTier {
  readonly upToMinor: bigint | null;
  readonly rateBasisPoints: number;
}

/** The terms of a commission rule, in the minor units of the line's currency. */
export interface CommissionTerms {
  /** A flat rate; ignored when `tiers` is given. */
  readonly rateBasisPoints: number;
  /** Marginal bands by the retailer's sales in the month, lowest first. */
  readonly tiers?: readonly RateTier[] | null;
  /** Added per line. */
  readonly fixedFeeMinor: bigint;
  readonly minMinor: bigint | null;
  readonly maxMinor: bigint | null;
}

export interface CommissionResult {
  readonly amountMinor: bigint;
  /** The rate applied, in basis points: the flat rate, or for tiers the line's blended rate rounded half-even. */
  readonly rateBasisPoints: number;
}

/**
 * The commission on one line, in minor units:
 *   1. the percentage: line amount × rate / 10,000, rounded half-even once for the line (with
 *      tiers, each band's part of the line at its rate, summed exactly, then rounded once);
 *   2. plus the fixed fee;
 *   3. raised to the minimum and lowered to the maximum, when the rule has them;
 *   4. finally kept between 0 and the line amount: a commission is never negative and never more
 *      than the sale.
 * `salesBeforeMinor` is the retailer's sales in the month before this line, which places the line
 * in the tiers; a line that crosses a band's edge is split at it.
 */
export function lineCommission(
  lineAmountMinor: bigint,
  terms: CommissionTerms,
  salesBeforeMinor = 0n,
): CommissionResult {
  if (lineAmountMinor < 0n) throw new RangeError('a line amount cannot be negative');
  const weighted = terms.tiers?.length
    ? tieredWeight(lineAmountMinor, terms.tiers, salesBeforeMinor)
    : lineAmountMinor * BigInt(terms.rateBasisPoints);
  let amount = divideHalfEven(weighted, BASIS_POINTS) + terms.fixedFeeMinor;
  if (terms.minMinor !== null && amount < terms.minMinor) amount = terms.minMinor;
  if (terms.maxMinor !== null && amount > terms.maxMinor) amount = terms.maxMinor;
  if (amount < 0n) amount = 0n;
  if (amount > lineAmountMinor) amount = lineAmountMinor;
  const rate = terms.tiers?.length
    ? lineAmountMinor === 0n
      ? terms.tiers[0]!.rateBasisPoints
      : Number(divideHalfEven(weighted, lineAmountMinor))
    : terms.rateBasisPoints;
  return { amountMinor: amount, rateBasisPoints: rate };
}

/** Σ (part of the line in each band × the band's rate), in minor units × basis points. */
function tieredWeight(lineAmountMinor: bigint, tiers: readonly RateTier[], salesBeforeMinor: bigint): bigint {
  let weighted = 0n;
  let position = salesBeforeMinor;
  let left = lineAmountMinor;
  for (const tier of tiers) {
    if (left === 0n) break;
    const room = tier.upToMinor === null ? left : tier.upToMinor - position;
    if (room <= 0n) continue;
    const part = room < left ? room : left;
    weighted += part * BigInt(tier.rateBasisPoints);
    position += part;
    left -= part;
  }
  // Sales past the last band's edge (a tier list without an open last band) earn the last rate.
  if (left > 0n) weighted += left * BigInt(tiers.at(-1)!.rateBasisPoints);
  return weighted;
}

/**
 * How much commission a refund reverses, so that refunds in any number of steps reverse exactly
 * the commission once the whole line is refunded: the commission reversed after a refund is the
 * line's commission × (refunded so far ÷ line amount), rounded half-even; this refund reverses the
 * difference from what earlier refunds reversed.
 */
export function refundReversal(
  commissionMinor: bigint,
  lineAmountMinor: bigint,
  refundedBeforeMinor: bigint,
  refundMinor: bigint,
): bigint {
  if (refundMinor < 0n || refundedBeforeMinor < 0n || refundedBeforeMinor + refundMinor > lineAmountMinor) {
    throw new RangeError('refunds must be positive and never more than the line amount');
  }
  if (lineAmountMinor === 0n) return 0n;
  const reversedBefore = divideHalfEven(commissionMinor * refundedBeforeMinor, lineAmountMinor);
  const reversedAfter = divideHalfEven(commissionMinor * (refundedBeforeMinor + refundMinor), lineAmountMinor);
  return reversedAfter - reversedBefore;
}

/**
 * Splits `amountMinor` over parts in proportion to their weights, exactly: each part gets its
 * share rounded down, and the units left over go one each to the parts with the largest
 * remainders (ties to the earlier part). No part gets more than its weight when the amount is at
 * most the total weight.
 */
export function allocateProportionally(amountMinor: bigint, weights: readonly bigint[]): bigint[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0n);
  if (total <= 0n) return weights.map(() => 0n);
  const shares = weights.map((weight) => (amountMinor * weight) / total);
  const remainders = weights.map((weight, index) => ({ index, remainder: (amountMinor * weight) % total }));
  let left = amountMinor - shares.reduce((sum, share) => sum + share, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    shares[index]! += 1n;
    left -= 1n;
  }
  return shares;
}
