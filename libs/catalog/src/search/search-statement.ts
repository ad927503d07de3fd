import { bestOfferOrder } from '../products/best-offer.js';
import { matchedOffersSql, SqlParameters, type CatalogFilter } from './search-sql.js';
import type { SearchSort } from './search.dto.js';

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
  link: string;
  availability: string;
  condition: string;
  category_id: number | null;
  category_name: string | null;
  price: string;
  currency: string;
}

const SORT_VALUE: Record<SearchSort, { expression: string; descending: boolean }> = {
  relevance: { expression: 'g.relevance', descending: true },
  newest: { expression: 'extract(epoch FROM g.newest)::float8 * 1000', descending: true },
  price_asc: { expression: 'g.price::float8', descending: false },
  price_desc: { expression: 'g.price::float8', descending: true },
};

/**
 * One statement for one page of search results, grouped by product: the matched offers (see
 * matchedOffersSql), each product's best matching offer (best-offer.ts), its matching offer count
 * and best relevance, ordered by the sort and then product id. Paging is keyset: the next page
 * starts after the last (sort value, product id), so offers changing between pages never repeat
 * or skip a product whose place did not change. Every page ranks the whole match, so a deep page
 * costs what the first does. The total counts every product matched.
 */
export function searchStatement(plan: SearchPlan): { sql: string; params: unknown[] } {
  const params = new SqlParameters();
  const matched = matchedOffersSql(plan.filter, params);
  const currency = params.add(plan.currency);
  const sort = SORT_VALUE[plan.sort];
  let after = 'true';
  if (plan.after) {
    const value = params.add(plan.after.value);
    const productId = params.add(plan.after.productId);
    after = `(o.sort_value ${sort.descending ? '<' : '>'} ${value}::float8 OR (o.sort_value = ${value}::float8 AND o.product_id > ${productId}::uuid))`;
  }
  const limit = params.add(plan.limit + 1);
  const direction = sort.descending ? 'DESC' : 'ASC';
  const sql = `WITH ${matched},
    grouped AS (
      SELECT DISTINCT ON (m.product_id) m.product_id, m.id AS offer_id, m.price, m.currency,
             max(m.relevance) OVER product AS relevance, max(m.created_at) OVER product AS newest,
             count(*) OVER product AS offer_count
        FROM matched m
      WINDOW product AS (PARTITION BY m.product_id)
       ORDER BY m.product_id, ${bestOfferOrder(currency, 'm', 'm.price')}
    ), ordered AS (
      SELECT g.*, ${sort.expression} AS sort_value, count(*) OVER () AS total FROM grouped g
    ), page AS (
      SELECT * FROM ordered o WHERE ${after} ORDER BY o.sort_value ${direction}, o.product_id LIMIT ${limit}
    )
    SELECT page.product_id, page.offer_id, page.offer_count, page.relevance, page.sort_value, page.total,
           page.price, page.currency, o.retailer_id, r.name AS retailer_name, o.title, o.brand, o.image_link, o.link,
           o.availability, o.condition, o.category_id, c.name AS category_name
      FROM page
      JOIN offer o ON o.id = page.offer_id
      JOIN retailer r ON r.id = o.retailer_id
      LEFT JOIN category c ON c.id = o.category_id
     ORDER BY page.sort_value ${direction}, page.product_id`;
  return { sql, params: params.values };
}

/** The total when a page comes back empty (a cursor past the end): the count alone. */
export function countStatement(filter: CatalogFilter): { sql: string; params: unknown[] } {
  const params = new SqlParameters();
  return { sql: `WITH ${matchedOffersSql(filter, params)} SELECT count(DISTINCT product_id) AS total FROM matched`, params: params.values };
}
