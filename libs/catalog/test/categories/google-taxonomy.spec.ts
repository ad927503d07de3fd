import { GOOGLE_TAXONOMY_TOP_LEVELS } from './google-taxonomy.js';

const SEPARATOR = ' > ';
const roots = GOOGLE_TAXONOMY_TOP_LEVELS.filter(([, path]) => !path.includes(SEPARATOR));
const children = GOOGLE_TAXONOMY_TOP_LEVELS.filter(([, path]) => path.includes(SEPARATOR));

describe('GOOGLE_TAXONOMY_TOP_LEVELS', () => {
  it('has the 21 level-1 categories of the Google product taxonomy', () => {
    expect(roots).toHaveLength(21);
  });

  it('has the level-2 categories, and nothing deeper', () => {
    expect(children).toHaveLength(192);
    for (const [, path] of children) expect(path.split(SEPARATOR)).toHaveLength(2);
  });

  it('gives every level-2 category a parent that is a level-1 category of the list', () => {
    const rootPaths = new Set(roots.map(([, path]) => path));
    for (const [, path] of children) expect(rootPaths).toContain(path.split(SEPARATOR)[0]);
  });

  it('has unique ids and unique paths', () => {
    expect(new Set(GOOGLE_TAXONOMY_TOP_LEVELS.map(([id]) => id)).size).toBe(GOOGLE_TAXONOMY_TOP_LEVELS.length);
    expect(new Set(GOOGLE_TAXONOMY_TOP_LEVELS.map(([, path]) => path)).size).toBe(GOOGLE_TAXONOMY_TOP_LEVELS.length);
  });

  it('lists every parent before its children', () => {
    const seen = new Set<string>();
    for (const [, path] of GOOGLE_TAXONOMY_TOP_LEVELS) {
      if (path.includes(SEPARATOR)) expect(seen).toContain(path.split(SEPARATOR)[0]);
      seen.add(path);
    }
  });

  it('has clean paths: positive integer ids, no stray spaces', () => {
    for (const [id, path] of GOOGLE_TAXONOMY_TOP_LEVELS) {
      expect(Number.isInteger(id) && id > 0).toBe(true);
      for (const level of path.split(SEPARATOR)) expect(level).toMatch(/^\S(.*\S)?$/);
    }
  });

  it.each([
    [1, 'Animals & Pet Supplies'],
    [166, 'Apparel & Accessories'],
    [1604, 'Apparel & Accessories > Clothing'],
    [187, 'Apparel & Accessories > Shoes'],
    [222, 'Electronics'],
    [278, 'Electronics > Computers'],
    [412, 'Food, Beverages & Tobacco'],
    [422, 'Food, Beverages & Tobacco > Food Items'],
    [536, 'Home & Garden'],
    [988, 'Sporting Goods'],
    [1239, 'Toys & Games'],
    [888, 'Vehicles & Parts'],
  ])('has %i %s', (id, path) => {
    expect(GOOGLE_TAXONOMY_TOP_LEVELS).toContainEqual([id, path]);
  });

  it('names the 21 roots as Google does', () => {
    expect(roots.map(([, path]) => path)).toEqual([
      'Animals & Pet Supplies',
      'Apparel & Accessories',
      'Arts & Entertainment',
      'Baby & Toddler',
      'Business & Industrial',
      'Cameras & Optics',
      'Electronics',
      'Food, Beverages & Tobacco',
      'Furniture',
      'Hardware',
      'Health & Beauty',
      'Home & Garden',
      'Luggage & Bags',
      'Mature',
      'Media',
      'Office Supplies',
      'Religious & Ceremonial',
      'Software',
      'Sporting Goods',
      'Toys & Games',
      'Vehicles & Parts',
    ]);
  });
});
