import { matchedOffersSql, type CatalogFilter } from './search-sql.js';
import { SqlParameters } from '../sql/sql-parameters.js';

export const FACET_TOP = 20;

export interface FacetRow {
  facet: 'total' | 'own' | 'category' | 'brand' | 'retailer' | 'price';
  value: string | null;
  label: string | null;
  count: string;
}

/**
 * One statement for every facet of a search: products matched in all; per child of the filtered
 * category (roots without one) the products under it, and the products filed in the filtered
 * category itself, which no child counts; the top brands and retailers by products; and products
 * per price bucket (`bounds`, ascending minor units of `currency`; bucket i holds prices from
 * bounds[i-1] up to but not including bounds[i]). A product counts once per value, however many of
 * its offers fall there; in the price facet it counts once in all, in the bucket of its lowest price
 * in the currency, so the buckets add up to the products priced in it. With a sampled filter
 * (search-sampling.ts) the counts are of the sample; the caller scales them.
 */
export function facetsStatement(
  filter: CatalogFilter,
  currency: string,
  bounds: readonly number[],
): { sql: string; params: unknown[] } {
  const params = new SqlParameters();
  const matched = matchedOffersSql(filter, params, { ranked: false });
  const parent = filter.categoryId === undefined ? null : params.add(filter.categoryId);
  const base = parent === null ? 'c.parent_id IS NULL' : `c.parent_id = ${parent}`;
  const own =
    parent === null
      ? ''
      : `SELECT 'own', NULL, NULL, count(DISTINCT m.product_id) FROM matched m WHERE m.category_id = ${parent}
    UNION ALL
    `;
  const priceCurrency = params.add(currency);
  const priceBounds = params.add(bounds);
  const sql = `WITH RECURSIVE ${matched},
    bucket_tree AS (
      SELECT c.id AS bucket, c.id FROM category c WHERE ${base}
      UNION ALL
      SELECT t.bucket, c.id FROM bucket_tree t JOIN category c ON c.parent_id = t.id
    )
    SELECT 'total' AS facet, NULL AS value, NULL AS label, count(DISTINCT m.product_id) AS count FROM matched m
    UNION ALL
    ${own}    SELECT 'category', t.bucket::text, min(c.name), count(DISTINCT m.product_id)
      FROM matched m JOIN bucket_tree t ON t.id = m.category_id JOIN category c ON c.id = t.bucket
     GROUP BY t.bucket
    UNION ALL
    (SELECT 'brand', lower(m.brand), min(m.brand), count(DISTINCT m.product_id)
       FROM matched m WHERE m.brand IS NOT NULL GROUP BY lower(m.brand) ORDER BY 4 DESC, 2 LIMIT ${FACET_TOP})
    UNION ALL
    (SELECT 'retailer', m.retailer_id::text, min(r.name), count(DISTINCT m.product_id)
       FROM matched m JOIN retailer_directory r ON r.id = m.retailer_id
      GROUP BY m.retailer_id ORDER BY 4 DESC, 2 LIMIT ${FACET_TOP})
    UNION ALL
    SELECT 'price', width_bucket(p.price, ${priceBounds}::bigint[])::text, NULL, count(*)
      FROM (SELECT m.product_id, min(m.price) AS price FROM matched m WHERE m.currency = ${priceCurrency}
             GROUP BY m.product_id) p
     GROUP BY width_bucket(p.price, ${priceBounds}::bigint[])`;
  return { sql, params: params.values };
}
