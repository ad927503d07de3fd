import type { UserInterests } from '../personal/user-interests.js';
import { SqlParameters } from '../sql/sql-parameters.js';
import { SAMPLE_BUCKETS } from './search-sampling.js';
import {
  BRAND_BOOST,
  CATEGORY_BOOST,
  filterWordsQuery,
  interestParameters,
  RANK_WEIGHTS,
  type CatalogFilter,
} from './search-sql.js';

/**
 * What makes a product's search row (search_product, see search-products.ts) a candidate for a filter:
 * its words in the sample, and for every other filter some live offer of the product that meets it. The
 * conditions are checked on the product, not on one offer, so they admit a superset: a product whose
 * in-stock offer is blue and whose red offer is sold out is a candidate for "red, in stock". The best
 * offer of a page's product is looked up with the offer's own conditions, which settles it (a candidate
 * without a matching offer drops out), so what a hit shows is always exact.
 */
export interface SearchProductMatch {
  readonly conditions: readonly string[];
  /** ts_rank of the product's document times the personal boost of its categories and brands. */
  relevance(): string;
  /** The product's lowest price in the filter's currency. */
  readonly lowestPrice: string | null;
}

/** Conditions over search_product `sp`, in a statement that has the channel's `visible_retailer` CTE. */
export function searchProductMatch(filter: CatalogFilter, params: SqlParameters): SearchProductMatch {
  const conditions = ['sp.retailer_ids && ARRAY(SELECT id FROM visible_retailer)'];
  let relevance = '1.0::float8';
  if (filter.words !== undefined) {
    const query = filterWordsQuery(filter, params);
    // A constant, so the planner reads the partitions of the sample's buckets alone.
    conditions.push(`sp.bucket < ${Math.trunc(filter.sampleBuckets ?? SAMPLE_BUCKETS)}`, `sp.document @@ ${query}`);
    relevance = `ts_rank(${RANK_WEIGHTS}, sp.document, ${query})::float8`;
  }
  if (filter.categoryId !== undefined) {
    const categoryId = params.add(filter.categoryId);
    conditions.push(
      filter.categoryOnly
        ? `${categoryId}::int = ANY(sp.category_ids)`
        : `sp.category_ids && ARRAY(SELECT id FROM souk_category_subtree(${categoryId}))`,
    );
  }
  if (filter.brands?.length)
    conditions.push(`sp.brand_keys && ${params.add(filter.brands.map((brand) => brand.trim().toLowerCase()))}::text[]`);
  if (filter.retailerId !== undefined) conditions.push(`${params.add(filter.retailerId)}::uuid = ANY(sp.retailer_ids)`);
  let lowestPrice: string | null = null;
  if (filter.priceCurrency !== undefined) {
    const currency = params.add(filter.priceCurrency);
    const position = `array_position(sp.currencies, ${currency}::text)`;
    lowestPrice = `sp.lowest_prices[${position}]`;
    conditions.push(`${position} IS NOT NULL`);
    if (filter.minPrice !== undefined)
      conditions.push(`sp.highest_prices[${position}] >= ${params.add(filter.minPrice)}`);
    if (filter.maxPrice !== undefined) conditions.push(`${lowestPrice} <= ${params.add(filter.maxPrice)}`);
  }
  if (filter.availability?.length) conditions.push(`sp.availabilities && ${params.add(filter.availability)}::text[]`);
  if (filter.condition?.length) conditions.push(`sp.conditions && ${params.add(filter.condition)}::text[]`);
  if (filter.interestsOnly) {
    const categoryIds = params.add((filter.interests?.categories ?? []).map((category) => category.id));
    const brandKeys = params.add((filter.interests?.brands ?? []).map((brand) => brand.key));
    conditions.push(`(sp.category_ids && ${categoryIds}::int[] OR sp.brand_keys && ${brandKeys}::text[])`);
  }
  if (filter.excludeProductIds?.length)
    conditions.push(`sp.product_id <> ALL(${params.add(filter.excludeProductIds)}::uuid[])`);
  return {
    conditions,
    lowestPrice,
    relevance: () => `${relevance} * ${productBoost(filter.interests, params)}`,
  };
}

/** search-sql.ts's personal boost for a product: the weight of its best-liked category and brand. */
function productBoost(interests: UserInterests | undefined, params: SqlParameters): string {
  const interest = interestParameters(interests, params);
  if (!interest) return '1.0';
  const { categoryIds, categoryWeights, brandKeys, brandWeights } = interest;
  return `(1.0
      + ${CATEGORY_BOOST} * coalesce((SELECT max(w.weight)
          FROM unnest(${categoryIds}::int[], ${categoryWeights}::float8[]) AS w(id, weight)
         WHERE w.id = ANY(sp.category_ids)), 0)
      + ${BRAND_BOOST} * coalesce((SELECT max(w.weight)
          FROM unnest(${brandKeys}::text[], ${brandWeights}::float8[]) AS w(key, weight)
         WHERE w.key = ANY(sp.brand_keys)), 0))`;
}
