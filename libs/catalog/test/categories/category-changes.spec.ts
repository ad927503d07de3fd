import { categoryChanges } from '../../src/categories/category-changes.js';
import { buildTaxonomyIndex, type MappingRule } from '../../src/categories/category-resolver.js';

const taxonomy = buildTaxonomyIndex([
  { id: 166, path: 'Apparel & Accessories' },
  { id: 1604, path: 'Apparel & Accessories > Clothing' },
]);
const rules: MappingRule[] = [
  {
    id: 'a',
    retailerId: null,
    kind: 'prefix',
    pattern: 'mode',
    categoryId: 166,
    priority: 0,
    createdAt: new Date('2026-01-01T00:00:00Z'),
  },
];

function state(
  id: string,
  categoryId: number | null,
  categoryPath: string[],
  googleProductCategory: string | null = null,
) {
  return { id, categoryId, categoryPath, googleProductCategory, title: 'x' };
}

describe('categoryChanges', () => {
  it('lists only the offers whose category changes, with their new category (null included)', () => {
    const changes = categoryChanges(
      [
        state('same', 166, ['Mode']),
        state('new', null, ['Mode', 'Damen']),
        state('better', 166, ['Mode'], '1604'),
        state('lost', 1604, ['Garten']),
        state('still-none', null, []),
      ],
      rules,
      taxonomy,
    );
    expect(changes).toEqual({ ids: ['new', 'better', 'lost'], categoryIds: [166, 1604, null] });
  });

  it('gives nothing for no offers', () => {
    expect(categoryChanges([], rules, taxonomy)).toEqual({ ids: [], categoryIds: [] });
  });
});
