import { matchedOffersSql, SqlParameters, type CatalogFilter } from './search-sql.js';

export const FACET_TOP = 20;
/** Matched offers above which facet values are counted over a sample and marked approximate. */
export const FACET_SAMPLE = 8000;

export interface FacetRow {
  facet: 'total' | 'category' | 'brand' | 'retailer' | 'price';
  value: string | null;
  label: string | null;
  count: string;
  approximate: boolean;
}

/**
 * One statement for every facet of a search: products matched in all; per child of the filtered
 * category (roots without one) the products under it; the top brands and retailers by products;
 * and products per price bucket (`bounds`, ascending minor units of `currency`; bucket i holds
 * prices from bounds[i-1] up to but not including bounds[i]). A product counts once per value,
 * however many of its offers fall there. The total is exact; value counts are estimates, marked
 * approximate, when more than FACET_SAMPLE offers matched.
 */
export function facetsStatement(filter: CatalogFilter, currency: string, bounds: readonly number[]): { sql: string; params: unknown[] } {
  const params = new SqlParameters();
  const matched = matchedOffersSql(filter, params);
  const base = filter.categoryId === undefined ? 'c.parent_id IS NULL' : `c.parent_id = ${params.add(filter.categoryId)}`;
  const priceCurrency = params.add(currency);
  const priceBounds = params.add(bounds);
  // Above FACET_SAMPLE matched offers, values are counted over a sample of whole products (a
  // hash of the product id picks them, so a product is in or out with all its offers) and scaled
  // up; the exact product total is always counted.
  const sql = `WITH RECURSIVE ${matched},
    size AS (SELECT count(*) AS offers, count(DISTINCT product_id) AS products FROM matched),
    sampled AS (
      SELECT m.* FROM matched m, size
       WHERE size.offers <= ${FACET_SAMPLE} OR (hashtext(m.product_id::text) & 65535) < 65536 * ${FACET_SAMPLE} / size.offers
    ),
    scale AS (SELECT size.products::float8 / greatest(1, (SELECT count(DISTINCT product_id) FROM sampled)) AS factor, size.offers > ${FACET_SAMPLE} AS approximate FROM size),
    bucket_tree AS (
      SELECT c.id AS bucket, c.id FROM category c WHERE ${base}
      UNION ALL
      SELECT t.bucket, c.id FROM bucket_tree t JOIN category c ON c.parent_id = t.id
    ),
    counts AS (
      SELECT 'category' AS facet, t.bucket::text AS value, min(c.name) AS label, count(DISTINCT m.product_id) AS count
        FROM sampled m JOIN bucket_tree t ON t.id = m.category_id JOIN category c ON c.id = t.bucket
       GROUP BY t.bucket
      UNION ALL
      (SELECT 'brand', lower(m.brand), min(m.brand), count(DISTINCT m.product_id)
         FROM sampled m WHERE m.brand IS NOT NULL GROUP BY lower(m.brand) ORDER BY 4 DESC, 2 LIMIT ${FACET_TOP})
      UNION ALL
      (SELECT 'retailer', m.retailer_id::text, min(r.name), count(DISTINCT m.product_id)
         FROM sampled m JOIN retailer r ON r.id = m.retailer_id GROUP BY m.retailer_id ORDER BY 4 DESC, 2 LIMIT ${FACET_TOP})
      UNION ALL
      SELECT 'price', width_bucket(m.price, ${priceBounds}::bigint[])::text, NULL, count(DISTINCT m.product_id)
        FROM sampled m WHERE m.currency = ${priceCurrency}
       GROUP BY width_bucket(m.price, ${priceBounds}::bigint[])
    )
    SELECT 'total' AS facet, NULL AS value, NULL AS label, size.products AS count, scale.approximate FROM size, scale
    UNION ALL
    SELECT counts.facet, counts.value, counts.label,
           CASE WHEN scale.approximate THEN round(counts.count * scale.factor)::bigint ELSE counts.count END, scale.approximate
      FROM counts, scale`;
  return { sql, params: params.values };
}
