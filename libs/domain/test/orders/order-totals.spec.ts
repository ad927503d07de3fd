import { lineTotal, totalsByCurrency } from '#domain';

describe('order totals', () => {
  it('sums per currency, never across, sorted by currency code', () => {
    expect(
      totalsByCurrency([
        { currency: 'KWD', amountMinor: 1500n },
        { currency: 'EUR', amountMinor: 999n },
        { currency: 'JPY', amountMinor: 1200n },
        { currency: 'EUR', amountMinor: 1n },
      ]),
    ).toEqual([
      { currency: 'EUR', amountMinor: 1000n },
      { currency: 'JPY', amountMinor: 1200n },
      { currency: 'KWD', amountMinor: 1500n },
    ]);
  });

  it('keeps every unit of amounts beyond 2^53', () => {
    expect(lineTotal(9_007_199_254_740_993n, 3)).toBe(27_021_597_764_222_979n);
  });

  it('refuses a quantity that is not a positive whole number', () => {
    expect(() => lineTotal(100n, 0)).toThrow(RangeError);
    expect(() => lineTotal(100n, 1.5)).toThrow(RangeError);
  });
});
