import { resolveCategory, type CategorizableOffer } from './category-resolver.js';
import type { MappingRule } from './mapping-rule.js';
import type { TaxonomyIndex } from './taxonomy-index.js';

/** An offer with the category it has now. */
export interface OfferCategoryState extends CategorizableOffer {
  readonly id: string;
  readonly categoryId: number | null;
}

/** The offers whose category changes, with their new category, as parallel arrays for one UPDATE. */
export interface CategoryChanges {
  readonly ids: string[];
  readonly categoryIds: (number | null)[];
}

export function categoryChanges(
  offers: readonly OfferCategoryState[],
  rules: readonly MappingRule[],
  taxonomy: TaxonomyIndex,
): CategoryChanges {
  const changes: CategoryChanges = { ids: [], categoryIds: [] };
  for (const offer of offers) {
    const categoryId = resolveCategory(offer, rules, taxonomy);
    if (categoryId === offer.categoryId) continue;
    changes.ids.push(offer.id);
    changes.categoryIds.push(categoryId);
  }
  return changes;
}
