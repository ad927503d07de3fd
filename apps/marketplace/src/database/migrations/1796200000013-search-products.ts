import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One search row per product (search_product), for searches whose words match a large share of the
 * catalog: the union of its live offers' search documents and what the filters, facets and sorts need
 * of its offers, as sets (retailers, categories, brands, availabilities, conditions) and as the lowest and
 * highest effective price per currency. A broad search then reads a product once instead of each of its offers.
 *
 * The rows are kept by the catalog (search-products.ts), not by the writers of offers: statement triggers
 * on offer append the products a statement touched to search_product_stale, and a refresher rebuilds
 * those rows from committed offers, one refresher at a time. Writers never wait on each other for it,
 * and a product changed while a refresh runs keeps its mark for the next one.
 */
export class SearchProducts1796200000013 implements MigrationInterface {
  name = 'SearchProducts1796200000013';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

/** The sample buckets of search-sampling.ts, as souk_sample_lexeme (migration CatalogSearch) hashes them. */
const SAMPLE_BUCKETS = 32;

/** What a buyer pays now (best-offer.ts EFFECTIVE_PRICE), over offer `o`. */
const EFFECTIVE_PRICE = `CASE WHEN o.sale_price_minor IS NOT NULL
       AND (o.sale_starts_at IS NULL OR o.sale_starts_at <= now())
       AND (o.sale_ends_at IS NULL OR o.sale_ends_at > now())
     THEN o.sale_price_minor ELSE o.price_minor END`;

/** The columns whose change changes an offer's part of its product's search row. */
const SEARCHED_COLUMNS = [
  'product_id',
  'removed_at',
  'search_document',
  'retailer_id',
  'category_id',
  'brand',
  'availability',
  'condition',
  'currency',
  'price_minor',
  'sale_price_minor',
  'sale_starts_at',
  'sale_ends_at',
  'created_at',
];

const UP = [
  `CREATE AGGREGATE souk_tsvector_union(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '')`,
  // Partitioned by the product's sample bucket (search-sampling.ts), the one its offers' documents name: a
  // sampled search reads the GIN index and rows of its buckets' partitions alone.
  `CREATE TABLE search_product (
     product_id uuid NOT NULL REFERENCES product(id) ON DELETE CASCADE,
     bucket smallint NOT NULL,
     document tsvector NOT NULL,
     retailer_ids uuid[] NOT NULL,
     category_ids integer[] NOT NULL,
     brands text[] NOT NULL,
     brand_keys text[] NOT NULL,
     availabilities text[] NOT NULL,
     conditions text[] NOT NULL,
     currencies text[] NOT NULL,
     lowest_prices bigint[] NOT NULL,
     highest_prices bigint[] NOT NULL,
     offer_count integer NOT NULL,
     newest timestamptz(3) NOT NULL,
     prices_change_at timestamptz(3),
     refreshed_at timestamptz(3) NOT NULL DEFAULT now(),
     PRIMARY KEY (product_id, bucket)
   ) PARTITION BY LIST (bucket)`,
  ...Array.from(
    { length: SAMPLE_BUCKETS },
    (_, bucket) => `CREATE TABLE search_product_${bucket} PARTITION OF search_product FOR VALUES IN (${bucket})`,
  ),
  `CREATE INDEX idx_search_product_document ON search_product USING gin (document)`,
  `CREATE INDEX idx_search_product_prices_change ON search_product (prices_change_at)
     WHERE prices_change_at IS NOT NULL`,
  `CREATE TABLE search_product_stale (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     product_id uuid NOT NULL
   )`,
  // The search rows of the given products as their live offers make them now; a product without live offers
  // has none. Currencies and their lowest and highest prices are in the same order. prices_change_at is the next
  // start or end of a sale among the offers, when a lowest price changes without a write.
  `CREATE FUNCTION souk_search_product_rows(products uuid[]) RETURNS SETOF search_product
   LANGUAGE sql STABLE AS $$
     WITH live AS (
       SELECT o.*, ${EFFECTIVE_PRICE} AS price FROM offer o
        WHERE o.product_id = ANY(products) AND o.removed_at IS NULL
     ), prices AS (
       SELECT product_id, array_agg(currency ORDER BY currency) AS currencies,
              array_agg(lowest ORDER BY currency) AS lowest_prices,
              array_agg(highest ORDER BY currency) AS highest_prices
         FROM (SELECT product_id, currency, min(price) AS lowest, max(price) AS highest
                 FROM live GROUP BY product_id, currency) per_currency
        GROUP BY product_id
     )
     SELECT l.product_id, (hashtext(l.product_id::text) & ${SAMPLE_BUCKETS - 1})::smallint,
            souk_tsvector_union(l.search_document),
            array_agg(DISTINCT l.retailer_id),
            coalesce(array_agg(DISTINCT l.category_id) FILTER (WHERE l.category_id IS NOT NULL), '{}'),
            coalesce(array_agg(DISTINCT l.brand) FILTER (WHERE l.brand IS NOT NULL), '{}'),
            coalesce(array_agg(DISTINCT lower(l.brand)) FILTER (WHERE l.brand IS NOT NULL), '{}'),
            array_agg(DISTINCT l.availability), array_agg(DISTINCT l.condition),
            p.currencies, p.lowest_prices, p.highest_prices, count(*)::int, max(l.created_at),
            min(least(CASE WHEN l.sale_starts_at > now() THEN l.sale_starts_at END,
                      CASE WHEN l.sale_ends_at > now() THEN l.sale_ends_at END))
              FILTER (WHERE l.sale_price_minor IS NOT NULL),
            now()
       FROM live l JOIN prices p USING (product_id)
      GROUP BY l.product_id, p.currencies, p.lowest_prices, p.highest_prices
   $$`,
  // Marks are appended, never merged: a writer takes no lock a refresher or another writer holds.
  `CREATE FUNCTION souk_mark_inserted_offers() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO search_product_stale (product_id)
     SELECT DISTINCT product_id FROM new_offers WHERE product_id IS NOT NULL;
     RETURN NULL;
   END
   $$`,
  `CREATE FUNCTION souk_mark_updated_offers() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO search_product_stale (product_id)
     SELECT DISTINCT product_id FROM (
       SELECT n.product_id AS touched, o.product_id AS before
         FROM new_offers n JOIN old_offers o USING (id)
        WHERE (${SEARCHED_COLUMNS.map((column) => `n.${column}`).join(', ')})
              IS DISTINCT FROM (${SEARCHED_COLUMNS.map((column) => `o.${column}`).join(', ')})
     ) changed, unnest(ARRAY[changed.touched, changed.before]) AS product_id
      WHERE product_id IS NOT NULL;
     RETURN NULL;
   END
   $$`,
  `CREATE FUNCTION souk_mark_deleted_offers() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO search_product_stale (product_id)
     SELECT DISTINCT product_id FROM old_offers WHERE product_id IS NOT NULL;
     RETURN NULL;
   END
   $$`,
  `CREATE TRIGGER trg_offer_search_product_insert AFTER INSERT ON offer
     REFERENCING NEW TABLE AS new_offers FOR EACH STATEMENT EXECUTE FUNCTION souk_mark_inserted_offers()`,
  `CREATE TRIGGER trg_offer_search_product_update AFTER UPDATE ON offer
     REFERENCING NEW TABLE AS new_offers OLD TABLE AS old_offers
     FOR EACH STATEMENT EXECUTE FUNCTION souk_mark_updated_offers()`,
  `CREATE TRIGGER trg_offer_search_product_delete AFTER DELETE ON offer
     REFERENCING OLD TABLE AS old_offers FOR EACH STATEMENT EXECUTE FUNCTION souk_mark_deleted_offers()`,
  `INSERT INTO search_product
   SELECT * FROM souk_search_product_rows(ARRAY(SELECT DISTINCT product_id FROM offer
                                                 WHERE removed_at IS NULL AND product_id IS NOT NULL))`,
];

const DOWN = [
  `DROP TRIGGER trg_offer_search_product_delete ON offer`,
  `DROP TRIGGER trg_offer_search_product_update ON offer`,
  `DROP TRIGGER trg_offer_search_product_insert ON offer`,
  `DROP FUNCTION souk_mark_deleted_offers()`,
  `DROP FUNCTION souk_mark_updated_offers()`,
  `DROP FUNCTION souk_mark_inserted_offers()`,
  `DROP FUNCTION souk_search_product_rows(uuid[])`,
  `DROP TABLE search_product_stale`,
  `DROP TABLE search_product`,
  `DROP AGGREGATE souk_tsvector_union(tsvector)`,
];
