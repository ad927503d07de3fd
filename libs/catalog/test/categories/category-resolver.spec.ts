import {
  buildTaxonomyIndex,
  normalizePath,
  resolveCategory,
  type MappingRule,
} from '../../src/categories/category-resolver.js';
import { GOOGLE_TAXONOMY_TOP_LEVELS } from './google-taxonomy.js';

const taxonomy = buildTaxonomyIndex(GOOGLE_TAXONOMY_TOP_LEVELS.map(([id, path]) => ({ id, path })));
const RETAILER = '11111111-1111-4111-8111-111111111111';

// Category ids used as rule targets; which ones does not matter to the resolver.
const SHOES = 187;
const CLOTHING = 1604;
const JEWELRY = 188;
const FOOD = 422;
const BEVERAGES = 413;
const TOYS = 1253;

let sequence = 0;
function rule(overrides: Partial<MappingRule> & Pick<MappingRule, 'kind' | 'pattern' | 'categoryId'>): MappingRule {
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    retailerId: RETAILER,
    priority: 0,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

/** Every order of a few rules: a precedence that holds must not depend on where a rule stands in the list. */
function everyOrder<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    everyOrder([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

function offer(categoryPath: string[], title = 'Untitled', googleProductCategory: string | null = null) {
  return { categoryPath, title, googleProductCategory };
}

describe('resolveCategory', () => {
  describe("(a) the offer's own google_product_category", () => {
    const anyPath = [rule({ kind: 'prefix', pattern: 'mode', categoryId: JEWELRY })];

    it('takes a known id, before any rule', () => {
      expect(resolveCategory(offer(['Mode', 'Kleider'], 'Kleid', '1604'), anyPath, taxonomy)).toBe(CLOTHING);
      expect(resolveCategory(offer([], 'x', ' 222 '), [], taxonomy)).toBe(222);
    });

    it('takes a known path, whatever its case and spacing', () => {
      expect(resolveCategory(offer(['Mode'], 'x', 'apparel & ACCESSORIES>clothing'), anyPath, taxonomy)).toBe(CLOTHING);
      expect(resolveCategory(offer([], 'x', 'Electronics'), [], taxonomy)).toBe(222);
    });

    it('maps a deeper Google path to its deepest known ancestor', () => {
      expect(resolveCategory(offer([], 'x', 'Apparel & Accessories > Clothing > Dresses'), [], taxonomy)).toBe(
        CLOTHING,
      );
      expect(
        resolveCategory(offer([], 'x', 'Apparel & Accessories > Clothing > Shirts & Tops > T-Shirts'), [], taxonomy),
      ).toBe(CLOTHING);
      expect(resolveCategory(offer([], 'x', 'Apparel & Accessories > No Such Thing > Dresses'), [], taxonomy)).toBe(
        166,
      );
    });

    it('leaves an unknown id or path to the rules', () => {
      expect(resolveCategory(offer(['Mode'], 'x', '2271'), anyPath, taxonomy)).toBe(JEWELRY);
      expect(resolveCategory(offer(['Mode'], 'x', 'Clothing > Dresses'), anyPath, taxonomy)).toBe(JEWELRY);
      expect(resolveCategory(offer(['Mode'], 'x', '  '), anyPath, taxonomy)).toBe(JEWELRY);
      expect(resolveCategory(offer(['Mode'], 'x', '2271'), [], taxonomy)).toBeNull();
    });
  });

  describe('(b) the rules', () => {
    it("puts the retailer's own rules before global ones, whatever their kind", () => {
      const rules = [
        rule({ retailerId: null, kind: 'exact', pattern: 'sport > schuhe', categoryId: SHOES, priority: 1000 }),
        rule({ kind: 'keyword', pattern: 'laufschuh', categoryId: CLOTHING, priority: -1000 }),
      ];
      for (const ordered of everyOrder(rules)) {
        expect(resolveCategory(offer(['Sport', 'Schuhe'], 'Laufschuh Pro'), ordered, taxonomy)).toBe(CLOTHING);
        expect(resolveCategory(offer(['Sport', 'Schuhe'], 'Wanderstiefel'), ordered, taxonomy)).toBe(SHOES);
      }
    });

    it('uses global rules when the retailer has none that match', () => {
      const rules = [rule({ retailerId: null, kind: 'prefix', pattern: 'spielzeug', categoryId: TOYS })];
      expect(resolveCategory(offer(['Spielzeug', 'Puppen']), rules, taxonomy)).toBe(TOYS);
    });

    it('tries exact, then prefix, then keyword, whatever the priorities', () => {
      const keyword = rule({ kind: 'keyword', pattern: 'schuhe', categoryId: JEWELRY, priority: 1000 });
      const prefix = rule({ kind: 'prefix', pattern: 'sport', categoryId: CLOTHING, priority: 500 });
      const exact = rule({ kind: 'exact', pattern: 'sport > schuhe', categoryId: SHOES, priority: -1000 });
      const path = ['Sport', 'Schuhe'];
      for (const ordered of everyOrder([keyword, prefix, exact]))
        expect(resolveCategory(offer(path), ordered, taxonomy)).toBe(SHOES);
      for (const ordered of everyOrder([keyword, prefix]))
        expect(resolveCategory(offer(path), ordered, taxonomy)).toBe(CLOTHING);
      expect(resolveCategory(offer(path), [keyword], taxonomy)).toBe(JEWELRY);
    });

    it('matches exact rules on the whole path only', () => {
      const rules = [rule({ kind: 'exact', pattern: 'sport > schuhe', categoryId: SHOES })];
      expect(resolveCategory(offer(['Sport', 'Schuhe', 'Laufen']), rules, taxonomy)).toBeNull();
      expect(resolveCategory(offer(['Sport']), rules, taxonomy)).toBeNull();
      expect(resolveCategory(offer(['Sport', 'Schuhe']), rules, taxonomy)).toBe(SHOES);
    });

    it('matches prefix rules on whole levels, and on the whole path too', () => {
      const rules = [rule({ kind: 'prefix', pattern: 'sport > schu', categoryId: SHOES })];
      expect(resolveCategory(offer(['Sport', 'Schuhe']), rules, taxonomy)).toBeNull();
      const whole = [rule({ kind: 'prefix', pattern: 'sport > schuhe', categoryId: SHOES })];
      expect(resolveCategory(offer(['Sport', 'Schuhe']), whole, taxonomy)).toBe(SHOES);
      expect(resolveCategory(offer(['Sport', 'Schuhe', 'Laufen']), whole, taxonomy)).toBe(SHOES);
      expect(resolveCategory(offer(['Freizeit', 'Sport', 'Schuhe']), whole, taxonomy)).toBeNull();
    });

    it('lets the longest prefix win over a higher priority', () => {
      const rules = [
        rule({ kind: 'prefix', pattern: 'sport', categoryId: CLOTHING, priority: 1000 }),
        rule({ kind: 'prefix', pattern: 'sport > schuhe', categoryId: SHOES, priority: 0 }),
        rule({ kind: 'prefix', pattern: 'sport > schuhe > laufen > trail', categoryId: JEWELRY, priority: 1000 }),
      ];
      for (const ordered of everyOrder(rules)) {
        expect(resolveCategory(offer(['Sport', 'Schuhe', 'Laufen']), ordered, taxonomy)).toBe(SHOES);
        expect(resolveCategory(offer(['Sport', 'Hosen']), ordered, taxonomy)).toBe(CLOTHING);
      }
    });

    it('breaks ties by higher priority, then the newer rule, then the smaller id', () => {
      const older = new Date('2026-01-01T00:00:00Z');
      const newer = new Date('2026-02-01T00:00:00Z');
      const low = rule({ kind: 'keyword', pattern: 'kaffee', categoryId: FOOD, priority: 1, createdAt: newer });
      const high = rule({ kind: 'keyword', pattern: 'bohnen', categoryId: BEVERAGES, priority: 2, createdAt: older });
      // Each winner stands first in one order and last in the other, so neither "first match wins" nor "last match wins" passes.
      for (const ordered of everyOrder([low, high]))
        expect(resolveCategory(offer([], 'Kaffee Bohnen'), ordered, taxonomy)).toBe(BEVERAGES);

      const oldRule = rule({ kind: 'keyword', pattern: 'kaffee', categoryId: FOOD, createdAt: older });
      const newRule = rule({ kind: 'keyword', pattern: 'bohnen', categoryId: BEVERAGES, createdAt: newer });
      for (const ordered of everyOrder([oldRule, newRule]))
        expect(resolveCategory(offer([], 'Kaffee Bohnen'), ordered, taxonomy)).toBe(BEVERAGES);

      const first = rule({
        id: '00000000-0000-4000-8000-00000000000a',
        kind: 'exact',
        pattern: 'kaffee',
        categoryId: FOOD,
      });
      const second = rule({
        id: '00000000-0000-4000-8000-00000000000b',
        kind: 'exact',
        pattern: 'Kaffee',
        categoryId: BEVERAGES,
      });
      for (const ordered of everyOrder([first, second]))
        expect(resolveCategory(offer(['Kaffee']), ordered, taxonomy)).toBe(FOOD);
    });

    it('matches keywords as whole words in the title', () => {
      const rules = [rule({ kind: 'keyword', pattern: 'dress', categoryId: CLOTHING })];
      expect(resolveCategory(offer([], 'Summer DRESS, blue'), rules, taxonomy)).toBe(CLOTHING);
      expect(resolveCategory(offer([], 'Dress'), rules, taxonomy)).toBe(CLOTHING);
      expect(resolveCategory(offer([], 'Dresser with drawers'), rules, taxonomy)).toBeNull();
      expect(resolveCategory(offer([], 'Addressbook'), rules, taxonomy)).toBeNull();
      expect(resolveCategory(offer([], 'dress_code'), rules, taxonomy)).toBeNull();
    });

    it('matches keywords in any single level of the path, not across levels', () => {
      const rules = [rule({ kind: 'keyword', pattern: 'running shoes', categoryId: SHOES })];
      expect(resolveCategory(offer(['Sport', 'Men', 'Running  Shoes']), rules, taxonomy)).toBe(SHOES);
      expect(resolveCategory(offer(['Running', 'Shoes']), rules, taxonomy)).toBeNull();
    });

    it('treats the characters of a keyword literally', () => {
      const rules = [rule({ kind: 'keyword', pattern: 'c++ (3rd ed.)', categoryId: JEWELRY })];
      expect(resolveCategory(offer([], 'Learning C++ (3rd ed.) paperback'), rules, taxonomy)).toBe(JEWELRY);
      expect(resolveCategory(offer([], 'Learning Cxx 3rd ed'), rules, taxonomy)).toBeNull();
    });

    it('ignores a rule whose pattern is empty once normalized', () => {
      const rules = [rule({ kind: 'prefix', pattern: ' > ', categoryId: JEWELRY })];
      expect(resolveCategory(offer(['Anything']), rules, taxonomy)).toBeNull();
    });

    it('prepares each rules array on its own', () => {
      const shoes = [rule({ kind: 'prefix', pattern: 'sport', categoryId: SHOES })];
      const clothing = [rule({ kind: 'prefix', pattern: 'sport', categoryId: CLOTHING })];
      expect(resolveCategory(offer(['Sport']), shoes, taxonomy)).toBe(SHOES);
      expect(resolveCategory(offer(['Sport']), clothing, taxonomy)).toBe(CLOTHING);
      expect(resolveCategory(offer(['Sport']), shoes, taxonomy)).toBe(SHOES);
    });
  });

  describe("(c) the retailer's own path spells a Google category path", () => {
    it('maps it to the deepest known ancestor, after the rules', () => {
      expect(resolveCategory(offer(['Apparel & Accessories', 'Clothing', 'Dresses']), [], taxonomy)).toBe(1604);
      expect(resolveCategory(offer(['ELECTRONICS']), [], taxonomy)).toBe(222);
      const rules = [rule({ kind: 'prefix', pattern: 'electronics', categoryId: 536 })];
      expect(resolveCategory(offer(['Electronics', 'Audio']), rules, taxonomy)).toBe(536);
    });
  });

  describe('(d) nothing matches', () => {
    it('leaves the offer unmapped', () => {
      expect(resolveCategory(offer([]), [], taxonomy)).toBeNull();
      expect(
        resolveCategory(
          offer(['Garten'], 'Rasenmäher'),
          [rule({ kind: 'exact', pattern: 'garten > geräte', categoryId: 536 })],
          taxonomy,
        ),
      ).toBeNull();
    });
  });

  describe('normalization', () => {
    it('compares paths whatever their case, extra spaces and spacing around >', () => {
      const rules = [rule({ kind: 'exact', pattern: normalizePath(['  Home>Garden  ']), categoryId: 689 })];
      expect(rules[0].pattern).toBe('home > garden');
      for (const path of [
        ['Home', 'Garden'],
        [' HOME ', '  garden'],
        ['Home>Garden'],
        ['Home  >  Garden'],
        ['Home >', 'Garden', ' '],
      ]) {
        expect(resolveCategory(offer(path), rules, taxonomy)).toBe(689);
      }
    });

    it('normalizes a pattern stored without normalization', () => {
      const rules = [rule({ kind: 'prefix', pattern: ' HOME>Garden ', categoryId: 689 })];
      expect(resolveCategory(offer(['home', 'garden', 'tools']), rules, taxonomy)).toBe(689);
    });

    it('compares keywords whatever the spacing and case of the title', () => {
      const rules = [rule({ kind: 'keyword', pattern: 'Coffee   Beans', categoryId: FOOD })];
      expect(resolveCategory(offer([], 'Organic COFFEE\u00a0 beans 1kg'), rules, taxonomy)).toBe(FOOD);
    });
  });

  describe('Unicode', () => {
    const kaffee = [rule({ kind: 'keyword', pattern: 'kaffee', categoryId: FOOD })];

    it('does not match a keyword inside a longer word', () => {
      expect(resolveCategory(offer([], 'Kaffeebohnen 1 kg'), kaffee, taxonomy)).toBeNull();
      expect(resolveCategory(offer(['Lebensmittel', 'Kaffeebohnen']), kaffee, taxonomy)).toBeNull();
      expect(resolveCategory(offer([], 'Eiskaffee'), kaffee, taxonomy)).toBeNull();
    });

    it('matches a keyword next to punctuation, digits apart', () => {
      expect(resolveCategory(offer([], 'Kaffee, ganze Bohnen'), kaffee, taxonomy)).toBe(FOOD);
      expect(resolveCategory(offer([], 'Bio-Kaffee (500 g)'), kaffee, taxonomy)).toBe(FOOD);
      expect(resolveCategory(offer(['Kaffee & Tee']), kaffee, taxonomy)).toBe(FOOD);
      expect(resolveCategory(offer([], 'Kaffee500'), kaffee, taxonomy)).toBeNull();
    });

    it('treats accented letters as letters', () => {
      const cafe = [rule({ kind: 'keyword', pattern: 'café', categoryId: BEVERAGES })];
      expect(resolveCategory(offer([], 'Café crème'), cafe, taxonomy)).toBe(BEVERAGES);
      expect(resolveCategory(offer([], 'CAFÉS'), cafe, taxonomy)).toBeNull();
      expect(resolveCategory(offer([], 'Cafe\u0301 noir'), cafe, taxonomy)).toBe(BEVERAGES);
      const shortCafe = [rule({ kind: 'keyword', pattern: 'caf', categoryId: BEVERAGES })];
      expect(resolveCategory(offer([], 'Café'), shortCafe, taxonomy)).toBeNull();
    });

    it('works in other scripts', () => {
      const tea = [rule({ kind: 'keyword', pattern: 'ЧАЙ', categoryId: BEVERAGES })];
      expect(resolveCategory(offer([], 'Зелёный чай, 100 г'), tea, taxonomy)).toBe(BEVERAGES);
      expect(resolveCategory(offer([], 'Электрический чайник'), tea, taxonomy)).toBeNull();
    });

    it('matches an exact path with accents, whatever the case', () => {
      const rules = [rule({ kind: 'exact', pattern: 'café > bohnen', categoryId: FOOD })];
      expect(resolveCategory(offer(['Café', 'Bohnen']), rules, taxonomy)).toBe(FOOD);
      expect(resolveCategory(offer(['CAFÉ > BOHNEN']), rules, taxonomy)).toBe(FOOD);
      expect(resolveCategory(offer(['Cafe', 'Bohnen']), rules, taxonomy)).toBeNull();
    });
  });
});
