import { selectRule, type CommissionScope, type LineFacts, type RuleCandidate } from '#domain';

const EMPTY: CommissionScope = { retailerId: null, categoryId: null, channelId: null, brand: null };
const AT = new Date('2026-11-15T12:00:00Z');
let serial = 0;
const rule = (scope: Partial<CommissionScope>, extra: Partial<RuleCandidate> = {}): RuleCandidate => ({
  id: `r${++serial}`,
  scope: { ...EMPTY, ...scope },
  priority: 0,
  validFrom: null,
  validTo: null,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, serial)),
  ...extra,
});
// Apparel (1) > Shoes (2) > Running shoes (3)
const line: LineFacts = { retailerId: 'shop', channelId: 'wa', brand: 'Stride', categoryPath: [1, 2, 3], at: AT };

describe('commission rule precedence', () => {
  it('picks the rule that names more of retailer, category, channel and brand, in every combination', () => {
    const dimensions = { retailerId: 'shop', categoryId: 2, channelId: 'wa', brand: 'stride' } as const;
    const keys = Object.keys(dimensions) as (keyof typeof dimensions)[];
    const subsets = Array.from({ length: 16 }, (_, mask) => keys.filter((_, bit) => mask & (1 << bit)));
    for (const wider of subsets) {
      for (const narrower of subsets) {
        if (narrower.length <= wider.length || !wider.every((key) => narrower.includes(key))) continue;
        const a = rule(Object.fromEntries(wider.map((key) => [key, dimensions[key]])), { priority: 100 });
        const b = rule(Object.fromEntries(narrower.map((key) => [key, dimensions[key]])));
        expect([wider, narrower, selectRule([a, b], line)?.id]).toEqual([wider, narrower, b.id]);
        expect(selectRule([b, a], line)?.id).toBe(b.id);
      }
    }
  });

  it('never picks a rule whose scope misses the line', () => {
    expect(
      selectRule(
        [rule({ retailerId: 'other' }), rule({ channelId: 'sms' }), rule({ brand: 'Hide' }), rule({ categoryId: 9 })],
        line,
      ),
    ).toBeNull();
  });

  it('matches a category rule for everything below its category, the deeper category first', () => {
    const apparel = rule({ categoryId: 1 });
    const shoes = rule({ categoryId: 2 });
    expect(selectRule([shoes, apparel], line)?.id).toBe(shoes.id);
    expect(selectRule([apparel], { ...line, categoryPath: [1] })?.id).toBe(apparel.id);
    expect(selectRule([shoes], { ...line, categoryPath: [1] })).toBeNull();
  });

  it('breaks ties by priority, then by the newest rule', () => {
    const older = rule({ retailerId: 'shop' }, { priority: 5 });
    const newer = rule({ retailerId: 'shop' }, { priority: 5 });
    const low = rule({ retailerId: 'shop' }, { priority: 1 });
    expect(selectRule([older, newer, low], line)?.id).toBe(newer.id);
    expect(selectRule([older, low], line)?.id).toBe(older.id);
  });

  it('holds a rule from its first instant to just before its end', () => {
    const promo = rule({ retailerId: 'shop' }, { validFrom: AT, validTo: new Date(AT.getTime() + 1000) });
    expect(selectRule([promo], line)?.id).toBe(promo.id);
    expect(selectRule([promo], { ...line, at: new Date(AT.getTime() - 1) })).toBeNull();
    expect(selectRule([promo], { ...line, at: new Date(AT.getTime() + 999) })?.id).toBe(promo.id);
    expect(selectRule([promo], { ...line, at: new Date(AT.getTime() + 1000) })).toBeNull();
  });
});
