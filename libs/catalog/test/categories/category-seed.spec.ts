import { categorySeedRows } from '../../src/categories/category-seed.js';
import { GOOGLE_TAXONOMY_TOP_LEVELS } from '../../src/categories/google-taxonomy.js';

describe('categorySeedRows', () => {
  const rows = categorySeedRows();

  it('gives one row per taxonomy line', () => {
    expect(rows).toHaveLength(GOOGLE_TAXONOMY_TOP_LEVELS.length);
  });

  it('makes a root a level-1 category without parent, named by its path', () => {
    expect(rows.find((row) => row.id === 166)).toEqual({ id: 166, parentId: null, name: 'Apparel & Accessories', path: 'Apparel & Accessories', level: 1 });
  });

  it('links a level-2 category to its root and names it by its last level', () => {
    expect(rows.find((row) => row.id === 1604)).toEqual({ id: 1604, parentId: 166, name: 'Clothing', path: 'Apparel & Accessories > Clothing', level: 2 });
    expect(rows.find((row) => row.id === 6551)).toMatchObject({ parentId: 166, name: 'Handbags, Wallets & Cases' });
  });

  it('refuses a line whose parent is missing or comes later', () => {
    expect(() => categorySeedRows([[2, 'A > B'], [1, 'A']])).toThrow(/parent "A" of category 2/);
  });
});
