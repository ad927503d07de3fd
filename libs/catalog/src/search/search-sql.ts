import { EFFECTIVE_PRICE } from '../offers/best-offer.js';
import { offerNotHiddenFromChannel, retailerVisibleToChannel } from '../visibility/visible-offers.js';
import type { UserInterests } from '../personal/user-interests.js';
import { SAMPLE_BUCKETS, sampledMatch } from './search-sampling.js';
import { SqlParameters } from '../sql/sql-parameters.js';

/** The languages queries are stemmed in; documents are indexed in their own (see the CatalogSearch migration). */
const QUERY_CONFIGS = ['souk_english', 'souk_dutch', 'souk_french', 'souk_german'];

/**
 * The words as a tsquery that matches a document in any supported language: unstemmed (accents
 * folded, Chinese and Japanese cut into bigrams) or stemmed in English, Dutch, French or German.
 * Each alternative needs all the words (websearch syntax: "quoted phrases", -excluded, or).
 */
export function wordsQuery(wordsParameter: string): string {
  const bigrams = `souk_cjk_bigrams(${wordsParameter})`;
  const perConfig = ['souk_simple', ...QUERY_CONFIGS].map((config) => `websearch_to_tsquery('${config}', ${bigrams})`);
  return `(${perConfig.join(' || ')})`;
}

/** The tsquery of a filter's words: the one the caller made of them, else wordsQuery's. */
export function filterWordsQuery(filter: CatalogFilter, params: SqlParameters): string {
  return filter.wordsTsquery !== undefined
    ? `${params.add(filter.wordsTsquery)}::tsquery`
    : wordsQuery(params.add(filter.words));
}

/**
 * Relevance weights for ts_rank, in its order {D, C, B, A}: description 0.1, category names 0.2,
 * brand 0.4, title 1.0, so a word in the title outranks the same word in a description.
 */
export const RANK_WEIGHTS = `'{0.1, 0.2, 0.4, 1.0}'`;

/** Personal boost: a product in a category or brand the user cares about ranks up to this much higher. */
export const CATEGORY_BOOST = 0.5;
export const BRAND_BOOST = 0.3;

export interface CatalogFilter {
  channelId: string;
  words?: string;
  /** The category and all below it. */
  categoryId?: number;
  /** With categoryId: that category alone, none below it. */
  categoryOnly?: boolean;
  brands?: string[];
  retailerId?: string;
  minPrice?: number;
  maxPrice?: number;
  /** Set when prices are filtered or sorted: only offers in this currency take part. */
  priceCurrency?: string;
  availability?: string[];
  condition?: string[];
  interests?: UserInterests;
  /** Only offers in a category or of a brand among `interests` (recommendations). */
  interestsOnly?: boolean;
  /** Leave these products out (e.g. what the user already bought). */
  excludeProductIds?: string[];
  /** With words: read only the products of this many sample buckets of 32 (search-sampling.ts). */
  sampleBuckets?: number;
  /**
   * With words: the tsquery wordsQuery makes of them, as text, when the caller has it (word-estimates.ts).
   * PostgreSQL then parses one constant instead of folding five text search parsers into each plan.
   */
  wordsTsquery?: string;
}

/** The WHERE conditions (over offer `o`) and the relevance expression of a filter. */
export interface OfferMatch {
  /** The placeholder of the channel id. */
  readonly channel: string;
  readonly conditions: readonly string[];
  /** The relevance expression; its parameters (the personal boost's) are added when it is asked for. */
  relevance(): string;
}

/**
 * What makes an offer part of a channel's result: visible to the channel (visible-offers.ts; the
 * retailers it may see come from the `visible_retailer` CTE of matchedOffersSql), matching the
 * words and filters; and its relevance (1 without words) times the personal boost.
 */
export function offerMatch(filter: CatalogFilter, params: SqlParameters): OfferMatch {
  const channel = params.add(filter.channelId);
  const conditions = [
    'o.removed_at IS NULL',
    'o.product_id IS NOT NULL',
    'o.retailer_id IN (SELECT id FROM visible_retailer)',
    offerNotHiddenFromChannel(channel),
  ];
  let relevance = '1.0::float8';
  if (filter.words !== undefined) {
    const query = filterWordsQuery(filter, params);
    conditions.push(sampledMatch('o.search_document', 'o.product_id', query, filter.sampleBuckets ?? SAMPLE_BUCKETS));
    relevance = `ts_rank(${RANK_WEIGHTS}, o.search_document, ${query})::float8`;
  }
  if (filter.categoryId !== undefined) {
    const categoryId = params.add(filter.categoryId);
    conditions.push(
      filter.categoryOnly
        ? `o.category_id = ${categoryId}`
        : `o.category_id IN (SELECT id FROM souk_category_subtree(${categoryId}))`,
    );
  }
  if (filter.brands?.length)
    conditions.push(
      `lower(o.brand) = ANY(${params.add(filter.brands.map((brand) => brand.trim().toLowerCase()))}::text[])`,
    );
  if (filter.retailerId !== undefined) conditions.push(`o.retailer_id = ${params.add(filter.retailerId)}`);
  if (filter.priceCurrency !== undefined) conditions.push(`o.currency = ${params.add(filter.priceCurrency)}`);
  if (filter.minPrice !== undefined) conditions.push(`${EFFECTIVE_PRICE} >= ${params.add(filter.minPrice)}`);
  if (filter.maxPrice !== undefined) conditions.push(`${EFFECTIVE_PRICE} <= ${params.add(filter.maxPrice)}`);
  if (filter.availability?.length) conditions.push(`o.availability = ANY(${params.add(filter.availability)}::text[])`);
  if (filter.condition?.length) conditions.push(`o.condition = ANY(${params.add(filter.condition)}::text[])`);
  if (filter.interestsOnly) {
    const categoryIds = params.add((filter.interests?.categories ?? []).map((category) => category.id));
    const brandKeys = params.add((filter.interests?.brands ?? []).map((brand) => brand.key));
    conditions.push(`(o.category_id = ANY(${categoryIds}::int[]) OR lower(o.brand) = ANY(${brandKeys}::text[]))`);
  }
  if (filter.excludeProductIds?.length)
    conditions.push(`o.product_id <> ALL(${params.add(filter.excludeProductIds)}::uuid[])`);
  return { channel, conditions, relevance: () => `${relevance} * ${personalBoost(filter.interests, params)}` };
}

/**
 * `visible_retailer` and `matched`: the channel's visible live offers that match the words and
 * filters (offerMatch), with their effective price and, when `ranked`, their relevance (ts_rank
 * costs a few microseconds an offer: counts leave it out). Both are CTEs for a WITH clause; the
 * retailers the channel may see are listed once per query.
 */
export function matchedOffersSql(
  filter: CatalogFilter,
  params: SqlParameters,
  { match = offerMatch(filter, params), ranked }: { match?: OfferMatch; ranked: boolean },
): string {
  return `visible_retailer AS MATERIALIZED (${visibleRetailersSelect(match.channel)}), matched AS MATERIALIZED (
      SELECT o.id, o.product_id, o.retailer_id, o.category_id, o.brand, o.availability, o.currency, o.created_at,
             ${EFFECTIVE_PRICE} AS price${ranked ? `, ${match.relevance()} AS relevance` : ''}
        FROM offer o
       WHERE ${match.conditions.join('\n         AND ')}
    )`;
}

/** The ids of the retailers the channel may see (visible-offers.ts). */
export function visibleRetailersSelect(channelParameter: string): string {
  return `SELECT r.id FROM retailer_directory r WHERE ${retailerVisibleToChannel(channelParameter)}`;
}

/** The placeholders of a user's interests, for a personal boost; null when there are none. */
export function interestParameters(
  interests: UserInterests | undefined,
  params: SqlParameters,
): { categoryIds: string; categoryWeights: string; brandKeys: string; brandWeights: string } | null {
  if (!interests || (interests.categories.length === 0 && interests.brands.length === 0)) return null;
  return {
    categoryIds: params.add(interests.categories.map((category) => category.id)),
    categoryWeights: params.add(interests.categories.map((category) => category.weight)),
    brandKeys: params.add(interests.brands.map((brand) => brand.key)),
    brandWeights: params.add(interests.brands.map((brand) => brand.weight)),
  };
}

function personalBoost(interests: UserInterests | undefined, params: SqlParameters): string {
  const interest = interestParameters(interests, params);
  if (!interest) return '1.0';
  const { categoryIds, categoryWeights, brandKeys, brandWeights } = interest;
  return `(1.0
      + ${CATEGORY_BOOST}
        * coalesce((${categoryWeights}::float8[])[array_position(${categoryIds}::int[], o.category_id)], 0)
      + ${BRAND_BOOST}
        * coalesce((${brandWeights}::float8[])[array_position(${brandKeys}::text[], lower(o.brand))], 0))`;
}
