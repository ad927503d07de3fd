import { SqlParameters } from '../sql/sql-parameters.js';
import { FACET_TOP } from './facets-statement.js';
import { searchProductMatch } from './search-product-match.js';
import { offerMatch, visibleRetailersSelect, type CatalogFilter } from './search-sql.js';
import { afterPosition, pageHitSql, type SearchPlan } from './search-statement.js';
import type { SearchSort } from './search.dto.js';

/**
 * Candidates read past the page, for those whose best offer the offer's own conditions turn down
 * (search-product-match.ts): with them a page is usually filled by one statement.
 */
export const CANDIDATE_MARGIN = 4;

/** The sort value over candidate `c`, which carries the product's relevance, newest offer and lowest price. */
const SORT_VALUE: Record<SearchSort, { expression: string; descending: boolean }> = {
  relevance: { expression: 'c.relevance', descending: true },
  newest: { expression: 'extract(epoch FROM c.newest)::float8 * 1000', descending: true },
  // Price sorts filter to one currency (search.service.ts), the one lowest_price is in.
  price_asc: { expression: 'c.lowest_price::float8', descending: false },
  price_desc: { expression: 'c.lowest_price::float8', descending: true },
};

/**
 * searchStatement's page for words that match a large share of the catalog, read from the products' search
 * rows instead of their offers: the candidates (search-product-match.ts) in the sample, ordered by the sort
 * and product id after the cursor, `limit` + 1 + CANDIDATE_MARGIN of them, each with its best matching offer
 * (pageHitSql; `matching` not true when it has none, and the caller passes over it). Rows come in the order of
 * the page; the total counts the candidates.
 */
export function productSearchStatement(plan: SearchPlan): { sql: string; params: unknown[] } {
  const params = new SqlParameters();
  const offers = offerMatch(plan.filter, params);
  const products = searchProductMatch(plan.filter, params);
  const currency = params.add(plan.currency);
  const sort = SORT_VALUE[plan.sort];
  if (products.lowestPrice === null && (plan.sort === 'price_asc' || plan.sort === 'price_desc'))
    throw new Error('a price sort needs the filter to name its currency');
  // ts_rank reads the whole document: ranked over every candidate for the relevance sort, else over the page only.
  const ranked = plan.sort === 'relevance';
  const relevance = products.relevance();
  const after = afterPosition(plan.after, sort.descending, params);
  const window = params.add(plan.limit + 1 + CANDIDATE_MARGIN);
  const direction = sort.descending ? 'DESC' : 'ASC';
  const sql = `WITH visible_retailer AS MATERIALIZED (${visibleRetailersSelect(offers.channel)}),
    candidate AS MATERIALIZED (
      SELECT sp.product_id, sp.bucket, sp.offer_count, sp.newest,
             ${products.lowestPrice ?? 'NULL::bigint'} AS lowest_price,
             ${ranked ? relevance : 'NULL::float8'} AS relevance
        FROM search_product sp
       WHERE ${products.conditions.join('\n         AND ')}
    ), page AS (
      SELECT c.product_id, c.bucket, c.offer_count, c.relevance, ${sort.expression} AS sort_value,
             count(*) OVER () AS total
        FROM candidate c
    ), window_page AS (
      SELECT * FROM page o WHERE ${after} ORDER BY o.sort_value ${direction}, o.product_id LIMIT ${window}
    )
    SELECT w.product_id, w.offer_count, ${
      ranked
        ? 'w.relevance'
        : `(SELECT ${relevance} FROM search_product sp
                                                 WHERE sp.product_id = w.product_id AND sp.bucket = w.bucket)`
    } AS relevance,
           w.sort_value, w.total, best.*
      FROM window_page w
      LEFT JOIN LATERAL ${pageHitSql('w.product_id', offers, currency)} best ON true
     ORDER BY w.sort_value ${direction}, w.product_id`;
  return { sql, params: params.values };
}

/** The candidates of a filter, counted (productSearchStatement's total, for a page past the end). */
export function productCountStatement(filter: CatalogFilter): { sql: string; params: unknown[] } {
  const params = new SqlParameters();
  const channel = params.add(filter.channelId);
  const products = searchProductMatch(filter, params);
  return {
    sql: `WITH visible_retailer AS MATERIALIZED (${visibleRetailersSelect(channel)})
          SELECT count(*) AS total FROM search_product sp WHERE ${products.conditions.join(' AND ')}`,
    params: params.values,
  };
}

/**
 * facetsStatement over the products' search rows: the same facets (facets-statement.ts), counted over the
 * candidates of the filter, each product once per category, brand and visible retailer it has an offer of,
 * and in the price bucket of its lowest price in `currency`.
 */
export function productFacetsStatement(
  filter: CatalogFilter,
  currency: string,
  bounds: readonly number[],
): { sql: string; params: unknown[] } {
  const params = new SqlParameters();
  const channel = params.add(filter.channelId);
  const products = searchProductMatch(filter, params);
  const priceCurrency = params.add(currency);
  const parent = filter.categoryId === undefined ? null : params.add(filter.categoryId);
  const base = parent === null ? 'c.parent_id IS NULL' : `c.parent_id = ${parent}`;
  const own =
    parent === null
      ? ''
      : `SELECT 'own', NULL, NULL, count(*) FROM matched m WHERE ${parent}::int = ANY(m.category_ids)
    UNION ALL
    `;
  const priceBounds = params.add(bounds);
  const sql = `WITH RECURSIVE visible_retailer AS MATERIALIZED (${visibleRetailersSelect(channel)}),
    matched AS MATERIALIZED (
      SELECT sp.product_id, sp.category_ids, sp.brands, sp.retailer_ids,
             sp.lowest_prices[array_position(sp.currencies, ${priceCurrency}::text)] AS price
        FROM search_product sp
       WHERE ${products.conditions.join('\n         AND ')}
    ), bucket_tree AS (
      SELECT c.id AS bucket, c.id FROM category c WHERE ${base}
      UNION ALL
      SELECT t.bucket, c.id FROM bucket_tree t JOIN category c ON c.parent_id = t.id
    )
    SELECT 'total' AS facet, NULL AS value, NULL AS label, count(*) AS count FROM matched m
    UNION ALL
    ${own}    SELECT 'category', t.bucket::text, min(c.name), count(DISTINCT m.product_id)
      FROM matched m CROSS JOIN unnest(m.category_ids) AS mc(id)
      JOIN bucket_tree t ON t.id = mc.id JOIN category c ON c.id = t.bucket
     GROUP BY t.bucket
    UNION ALL
    (SELECT 'brand', lower(b.brand), min(b.brand), count(DISTINCT m.product_id)
       FROM matched m CROSS JOIN unnest(m.brands) AS b(brand)
      GROUP BY lower(b.brand) ORDER BY 4 DESC, 2 LIMIT ${FACET_TOP})
    UNION ALL
    (SELECT 'retailer', r.id::text, min(r.name), count(*)
       FROM matched m CROSS JOIN unnest(m.retailer_ids) AS mr(id)
       JOIN visible_retailer v ON v.id = mr.id JOIN retailer_directory r ON r.id = mr.id
      GROUP BY r.id ORDER BY 4 DESC, 2 LIMIT ${FACET_TOP})
    UNION ALL
    SELECT 'price', width_bucket(m.price, ${priceBounds}::bigint[])::text, NULL, count(*)
      FROM matched m WHERE m.price IS NOT NULL
     GROUP BY width_bucket(m.price, ${priceBounds}::bigint[])`;
  return { sql, params: params.values };
}
