import type { QueryRunner } from 'typeorm';

/** The grouping rule of products.entity.ts, as SQL over an offer row `o`. */
const MATCH_KEY = `CASE WHEN o.gtin IS NOT NULL THEN 'gtin:' || o.gtin
            WHEN o.item_group_id IS NOT NULL THEN 'group:' || o.retailer_id || ':' || o.item_group_id
            ELSE 'offer:' || o.id END`;

const MATCH_SQL = `
  WITH keys AS (
    SELECT o.id, ${MATCH_KEY} AS match_key, o.gtin
      FROM offer o
     WHERE o.config_id = $1 AND o.product_id IS NULL AND o.removed_at IS NULL
  ), inserted AS (
    INSERT INTO product (match_key, gtin)
    SELECT DISTINCT ON (match_key) match_key, gtin FROM keys
    ON CONFLICT (match_key) DO NOTHING
    RETURNING id, match_key
  )
  UPDATE offer SET product_id = matched.product_id
    FROM (SELECT keys.id, coalesce(inserted.id, product.id) AS product_id
            FROM keys
            LEFT JOIN inserted ON inserted.match_key = keys.match_key
            LEFT JOIN product ON product.match_key = keys.match_key) AS matched
   WHERE offer.id = matched.id AND matched.product_id IS NOT NULL`;

/**
 * Gives every live offer of the config without a product its product, creating products as
 * needed. The upsert clears an offer's product when its GTIN or item group changes, so only new
 * and regrouped offers are touched. A product that another transaction created at the same moment
 * is invisible to the first pass; the second pass, with a fresh snapshot, picks it up.
 */
export async function matchOffersToProducts(runner: QueryRunner, configId: string): Promise<void> {
  await runner.query(MATCH_SQL, [configId]);
  await runner.query(MATCH_SQL, [configId]);
}
