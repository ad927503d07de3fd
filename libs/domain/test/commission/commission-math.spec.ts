import fc from 'fast-check';
import { allocateProportionally, divideHalfEven, lineCommission, refundReversal, type CommissionTerms } from '#domain';

const terms = (overrides: Partial<CommissionTerms> = {}): CommissionTerms => ({
  rateBasisPoints: 0,
  fixedFeeMinor: 0n,
  minMinor: null,
  maxMinor: null,
  ...overrides,
});

describe('half-even division', () => {
  it('rounds ties to the even neighbour and everything else to the nearest', () => {
    expect([5n, 15n, 25n, 35n, -5n, -15n].map((n) => divideHalfEven(n, 10n))).toEqual([0n, 2n, 2n, 4n, 0n, -2n]);
    expect([14n, 16n, -14n, -16n].map((n) => divideHalfEven(n, 10n))).toEqual([1n, 2n, -1n, -2n]);
  });

  it('is never more than half a unit from the exact quotient', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (numerator, denominator) => {
          const error = divideHalfEven(numerator, denominator) * denominator - numerator;
          return 2n * (error < 0n ? -error : error) <= denominator;
        },
      ),
    );
  });
});

describe('commission of a line', () => {
  it('takes the rate of the line amount, rounded half-even once, plus the fixed fee', () => {
    // 12.5% of 1.00 EUR is 12.5 cents: half-even gives 12; of 1.08 EUR, 13.5 → 14.
    expect(lineCommission(100n, terms({ rateBasisPoints: 1250 })).amountMinor).toBe(12n);
    expect(lineCommission(108n, terms({ rateBasisPoints: 1250 })).amountMinor).toBe(14n);
    expect(lineCommission(10_000n, terms({ rateBasisPoints: 500, fixedFeeMinor: 30n })).amountMinor).toBe(530n);
    // JPY has no minor unit below the yen: 3% of ¥1,050 is ¥31.5 → ¥32; KWD has three: 2.5% of 1.234 KWD is 30.85 fils → 31.
    expect(lineCommission(1050n, terms({ rateBasisPoints: 300 })).amountMinor).toBe(32n);
    expect(lineCommission(1234n, terms({ rateBasisPoints: 250 })).amountMinor).toBe(31n);
  });

  it('raises to the minimum and cuts to the maximum, at their edges', () => {
    const capped = terms({ rateBasisPoints: 1000, minMinor: 50n, maxMinor: 500n });
    expect(lineCommission(499n, capped).amountMinor).toBe(50n);
    expect(lineCommission(500n, capped).amountMinor).toBe(50n);
    expect(lineCommission(510n, capped).amountMinor).toBe(51n);
    expect(lineCommission(5000n, capped).amountMinor).toBe(500n);
    expect(lineCommission(5010n, capped).amountMinor).toBe(500n);
  });

  it('splits a line that crosses a tier edge between the two rates', () => {
    const tiered = terms({
      tiers: [
        { upToMinor: 100_000n, rateBasisPoints: 1000 },
        { upToMinor: null, rateBasisPoints: 500 },
      ],
    });
    // 90,000 already sold this month: 10,000 of this 30,000 line at 10%, 20,000 at 5%.
    expect(lineCommission(30_000n, tiered, 90_000n)).toEqual({ amountMinor: 2000n, rateBasisPoints: 667 });
    expect(lineCommission(30_000n, tiered, 0n).amountMinor).toBe(3000n);
    expect(lineCommission(30_000n, tiered, 100_000n).amountMinor).toBe(1500n);
  });

  it('is never negative and never more than the line, whatever the terms', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.bigInt({ min: -1000n, max: 10n ** 6n }),
        fc.option(fc.bigInt({ min: 0n, max: 10n ** 6n })),
        fc.option(fc.bigInt({ min: 0n, max: 10n ** 7n })),
        (amount, rate, fee, min, max) => {
          const { amountMinor } = lineCommission(
            amount,
            terms({ rateBasisPoints: rate, fixedFeeMinor: fee, minMinor: min, maxMinor: max }),
          );
          return amountMinor >= 0n && amountMinor <= amount;
        },
      ),
    );
  });
});

describe('refund reversals', () => {
  it('reverse exactly the commission when a line is refunded in full, in any number of steps', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 10n }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 12 }),
        (amount, rate, cuts) => {
          const commission = lineCommission(amount, terms({ rateBasisPoints: rate })).amountMinor;
          const steps = allocateProportionally(amount, cuts.map(BigInt));
          let refunded = 0n;
          let reversed = 0n;
          for (const step of steps) {
            const reversal = refundReversal(commission, amount, refunded, step);
            if (reversal < 0n) return false;
            reversed += reversal;
            refunded += step;
          }
          return reversed === commission;
        },
      ),
    );
  });

  it('refuses a refund beyond the line amount', () => {
    expect(() => refundReversal(10n, 100n, 60n, 41n)).toThrow(RangeError);
  });
});

describe('proportional allocation', () => {
  it('splits exactly, giving leftover units to the largest remainders', () => {
    expect(allocateProportionally(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(allocateProportionally(10n, [300n, 600n, 100n])).toEqual([3n, 6n, 1n]);
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 9n }), { minLength: 1, maxLength: 10 }),
        (amount, weights) => {
          const shares = allocateProportionally(amount, weights);
          const total = weights.reduce((sum, weight) => sum + weight, 0n);
          return (
            shares.reduce((sum, share) => sum + share, 0n) === amount &&
            shares.every((share, index) => share >= 0n && (amount > total || share <= weights[index]!))
          );
        },
      ),
    );
  });
});
