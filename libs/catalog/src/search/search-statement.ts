import { bestOfferOrder, EFFECTIVE_PRICE } from '../offers/best-offer.js';
import { matchedOffersSql, offerMatch, wordsQuery, type CatalogFilter, type OfferMatch } from './search-sql.js';
import { sampleQuery } from './search-sampling.js';
import type { SearchSort } from './search.dto.js';
import { SqlParameters } from '../sql/sql-parameters.js';
import { VARIANT_OFFER_JSON, type VariantOffer } from '../products/variant-summaries.js';
import { offerNotHiddenFromChannel } from '../visibility/visible-offers.js';

/** Where the previous page ended: its last product's sort value and id. */
export interface SearchPosition {
  readonly value: number;
  readonly productId: string;
}

export interface SearchPlan {
  readonly filter: CatalogFilter;
  readonly sort: SearchSort;
  /** The currency whose offers are best (the channel's, or the one asked for). */
  readonly currency: string;
  readonly limit: number;
  readonly after?: SearchPosition;
}

export interface SearchRow {
  product_id: string;
  offer_id: string;
  offer_count: string;
  relevance: number;
  sort_value: number;
  total: string;
  retailer_id: string;
  retailer_name: string;
  title: string;
  brand: string | null;
  image_link: string | null;
  /** The first DESCRIPTION_PREVIEW characters. */
  description: string | null;
  ships_to: string[];
  link: string;
  availability: string;
  condition: string;
  category_id: number | null;
  category_name: string | null;
  price: string;
  currency: string;
  /** The product's visible offers as its variant summary needs them (variant-summaries.ts). */
  variants: VariantOffer[];
  /** Whether the best offer is one the search admits (pageHitSql). */
  matching: boolean;
}

/** How much of the best offer's description a hit carries: enough for a card, not the whole page. */
export const DESCRIPTION_PREVIEW = 300;

/**
 * The best offer's rank as an array, so min() over a product's offers picks it (see best-offer.ts; price within the
 * currency).
 */
const BEST_KEY = (currency: string) =>
  `ARRAY[CASE m.availability WHEN 'in_stock' THEN 0 WHEN 'preorder' THEN 1 WHEN 'backorder' THEN 1 ELSE 2 END,
         CASE WHEN m.currency = ${currency} THEN 0 ELSE 1 END, m.price]::bigint[]`;

const SORT_VALUE: Record<SearchSort, { expression: string; descending: boolean }> = {
  relevance: { expression: 'g.relevance', descending: true },
  newest: { expression: 'extract(epoch FROM g.newest)::float8 * 1000', descending: true },
  // Price sorts filter to one currency (search.service.ts), so the best offer's price compares.
  price_asc: { expression: 'g.best_key[3]::float8', descending: false },
  price_desc: { expression: 'g.best_key[3]::float8', descending: true },
};

/**
 * One statement for one page of search results, grouped by product: the matched offers (see
 * search-sql.ts) are aggregated per product (matching offer count, best relevance, newest offer,
 * best offer's rank), ordered by the sort and then product id; only the page's products then
 * look up their best matching offer (best-offer.ts) and their visible offers' variants
 * (variant-summaries.ts) by the product index. Paging is keyset: the next page starts after the
 * last (sort value, product id), so offers changing between pages never repeat or skip a product
 * whose place did not change. Every page ranks the whole match, so a deep page costs what the
 * first does. The total counts every product matched.
 */
export function searchStatement(plan: SearchPlan): { sql: string; params: unknown[] } {
  const params = new SqlParameters();
  const match = offerMatch(plan.filter, params);
  const matched = matchedOffersSql(plan.filter, params, { match, ranked: true });
  const currency = params.add(plan.currency);
  const sort = SORT_VALUE[plan.sort];
  const after = afterPosition(plan.after, sort.descending, params);
  const limit = params.add(plan.limit + 1);
  const direction = sort.descending ? 'DESC' : 'ASC';
  const sql = `WITH ${matched},
    grouped AS (
      SELECT m.product_id, max(m.relevance) AS relevance, max(m.created_at) AS newest, count(*) AS offer_count,
             min(${BEST_KEY(currency)}) AS best_key
        FROM matched m
       GROUP BY m.product_id
    ), ordered AS (
      SELECT g.*, ${sort.expression} AS sort_value, count(*) OVER () AS total FROM grouped g
    ), page AS (
      SELECT * FROM ordered o WHERE ${after} ORDER BY o.sort_value ${direction}, o.product_id LIMIT ${limit}
    )
    SELECT page.product_id, page.offer_count, page.relevance, page.sort_value, page.total, best.*
      FROM page
      CROSS JOIN LATERAL ${pageHitSql('page.product_id', match, currency)} best
     ORDER BY page.sort_value ${direction}, page.product_id`;
  return { sql, params: params.values };
}

/** Rows `o` (with sort_value and product_id) that come after `position` in the sort; every row without one. */
export function afterPosition(
  position: SearchPosition | undefined,
  descending: boolean,
  params: SqlParameters,
): string {
  if (!position) return 'true';
  const value = params.add(position.value);
  const productId = params.add(position.productId);
  return `(o.sort_value ${descending ? '<' : '>'} ${value}::float8
      OR (o.sort_value = ${value}::float8 AND o.product_id > ${productId}::uuid))`;
}

/**
 * A subquery for a LATERAL join: one read of the visible offers of the product in `productColumn` that yields the
 * best (best-offer.ts) of those `match` admits, with what a hit shows of it, and all of them as VariantOffers, oldest
 * first (variant-summaries.ts). `matching` is false when `match` admits none of them.
 */
export function pageHitSql(productColumn: string, match: OfferMatch, currency: string): string {
  return `(
        SELECT v.*, r.name AS retailer_name, r.countries AS ships_to, c.name AS category_name
          FROM (
            SELECT o.id AS offer_id, ${EFFECTIVE_PRICE} AS price, o.currency, o.retailer_id, o.title, o.brand,
                   o.image_link, left(o.description, ${DESCRIPTION_PREVIEW}) AS description, o.link, o.availability,
                   o.condition, o.category_id, coalesce(${match.conditions.join(' AND ')}, false) AS matching,
                   jsonb_agg(${VARIANT_OFFER_JSON}) OVER (ORDER BY o.created_at, o.id
                     ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS variants
              FROM offer o
             WHERE o.product_id = ${productColumn} AND o.removed_at IS NULL
               AND o.retailer_id IN (SELECT id FROM visible_retailer) AND ${offerNotHiddenFromChannel(match.channel)}
             ORDER BY matching DESC, ${bestOfferOrder(currency)}
             LIMIT 1
          ) v
          JOIN retailer_directory r ON r.id = v.retailer_id
          LEFT JOIN category c ON c.id = v.category_id
      )`;
}

/** The total when a page comes back empty (a cursor past the end): the count alone. */
export function countStatement(filter: CatalogFilter): { sql: string; params: unknown[] } {
  const params = new SqlParameters();
  return {
    sql: `WITH ${matchedOffersSql(filter, params, { ranked: false })}
          SELECT count(DISTINCT product_id) AS total FROM matched`,
    params: params.values,
  };
}

/**
 * The live offers whose documents match the words within the first sample bucket (search-sampling.ts), counted up
 * to `exactOffers` + 1: 32 times that estimates the whole match (far enough to choose any sample size), read from the
 * index and at most that many rows. Filters do not take part: what a search costs is the offers its words find. Also
 * the words' tsquery as text, for the searches that follow (CatalogFilter.wordsTsquery).
 */
export function wordsProbeStatement(words: string, exactOffers: number): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT (SELECT count(*)::int FROM (
              SELECT 1 FROM offer o
               WHERE o.removed_at IS NULL AND o.search_document @@ (${wordsQuery('$1')} && ${sampleQuery(1)})
               LIMIT $2) probe) AS in_first_bucket,
            ${wordsQuery('$1')}::text AS query`,
    params: [words, exactOffers + 1],
  };
}
