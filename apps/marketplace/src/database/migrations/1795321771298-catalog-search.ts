import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalog search. Besides the tables TypeORM knows (user events, channel settings, the offer's
 * search document column) it creates, by hand:
 *   - the pg_trgm and unaccent extensions (both trusted: no superuser needed);
 *   - text search configurations that fold accents before stemming: souk_simple (no stemming) and
 *     souk_english, souk_dutch, souk_french, souk_german;
 *   - souk_cjk_bigrams(text): Chinese and Japanese runs cut into overlapping two-character words,
 *     since PostgreSQL has no CJK word splitter: documents and queries are cut alike, so a query
 *     finds a title when all its bigrams occur there;
 *   - the trigger that keeps offer.search_document: title (weight A) in souk_simple and in the
 *     offer's language (English when unknown), brand (B), unified and retailer category names (C),
 *     and the first 1,000 characters of the description (D), plus a sample-bucket lexeme per
 *     product; and its GIN index over live offers;
 *   - souk_category_subtree(id): a category and every category below it;
 *   - search_term: the words of live titles and brands, with a trigram index, which the typo
 *     fallback picks corrections from; filled by statement triggers on offer.
 */

export class CatalogSearch1795321771298 implements MigrationInterface {
  name = 'CatalogSearch1795321771298';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "channel_user_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "channel_id" uuid NOT NULL,
        "user_hash" bytea NOT NULL, "type" text NOT NULL, "product_id" uuid NOT NULL, "category_id" integer,
        "brand_key" text, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_bb1247021ab81290ad06e78445d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_channel_user_event_occurred" ON "channel_user_event"  ("occurred_at") `);
    await queryRunner.query(
      `CREATE INDEX "idx_channel_user_event_user" ON "channel_user_event"  ("channel_id", "user_hash", "occurred_at") `,
    );
    await queryRunner.query(`ALTER TABLE "channel" ADD "locale" text NOT NULL DEFAULT 'en'`);
    await queryRunner.query(`ALTER TABLE "channel" ADD "currency" character(3) NOT NULL DEFAULT 'EUR'`);
    await queryRunner.query(`ALTER TABLE "channel" ADD "whatsapp_number" text`);
    await queryRunner.query(`ALTER TABLE "channel" ADD "whatsapp_catalog_id" text`);
    await queryRunner.query(`ALTER TABLE "offer" ADD "search_document" tsvector`);
    await queryRunner.query(
      `ALTER TABLE "channel_user_event" ADD CONSTRAINT "fk_channel_user_event_channel" FOREIGN KEY ("channel_id")
        REFERENCES "channel"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "channel_user_event" ADD CONSTRAINT "fk_channel_user_event_product" FOREIGN KEY ("product_id")
        REFERENCES "product"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    for (const statement of SEARCH_SQL) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of SEARCH_SQL_DOWN) await queryRunner.query(statement);
    await queryRunner.query(`ALTER TABLE "channel_user_event" DROP CONSTRAINT "fk_channel_user_event_product"`);
    await queryRunner.query(`ALTER TABLE "channel_user_event" DROP CONSTRAINT "fk_channel_user_event_channel"`);
    await queryRunner.query(`ALTER TABLE "offer" DROP COLUMN "search_document"`);
    await queryRunner.query(`ALTER TABLE "channel" DROP COLUMN "whatsapp_catalog_id"`);
    await queryRunner.query(`ALTER TABLE "channel" DROP COLUMN "whatsapp_number"`);
    await queryRunner.query(`ALTER TABLE "channel" DROP COLUMN "currency"`);
    await queryRunner.query(`ALTER TABLE "channel" DROP COLUMN "locale"`);
    await queryRunner.query(`DROP INDEX "public"."idx_channel_user_event_user"`);
    await queryRunner.query(`DROP INDEX "public"."idx_channel_user_event_occurred"`);
    await queryRunner.query(`DROP TABLE "channel_user_event"`);
  }
}

const CJK = '[\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]';

const SEARCH_SQL = [
  `CREATE EXTENSION IF NOT EXISTS pg_trgm`,
  `CREATE EXTENSION IF NOT EXISTS unaccent`,
  `CREATE TEXT SEARCH CONFIGURATION souk_simple (COPY = simple)`,
  `ALTER TEXT SEARCH CONFIGURATION souk_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple`,
  ...['english', 'dutch', 'french', 'german'].flatMap((language) => [
    `CREATE TEXT SEARCH CONFIGURATION souk_${language} (COPY = ${language})`,
    `ALTER TEXT SEARCH CONFIGURATION souk_${language} ALTER MAPPING FOR hword, hword_part, word WITH unaccent,
      ${language}_stem`,
  ]),
  `CREATE FUNCTION souk_search_config(language text) RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
     SELECT CASE lower(left(language, 2))
              WHEN 'nl' THEN 'souk_dutch'::regconfig WHEN 'fr' THEN 'souk_french'::regconfig
              WHEN 'de' THEN 'souk_german'::regconfig
              WHEN 'zh' THEN 'souk_simple'::regconfig WHEN 'ja' THEN 'souk_simple'::regconfig
              ELSE 'souk_english'::regconfig END
   $$`,
  `CREATE FUNCTION souk_cjk_bigrams(input text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
     SELECT CASE WHEN input IS NULL OR input !~ '${CJK}' THEN input
       ELSE regexp_replace(input, '${CJK}+', ' ', 'g') || ' ' || (
         SELECT string_agg(CASE WHEN length(run) = 1 THEN run ELSE substr(run, position, 2) END, ' ')
           FROM (SELECT match[1] AS run FROM regexp_matches(input, '(${CJK}+)', 'g') AS match) AS runs,
                generate_series(1, greatest(length(run) - 1, 1)) AS position)
     END
   $$`,
  // Runs for every offer a sync writes, so it is kept to plain SQL that PostgreSQL inlines: the
  // configurations are constants, and text is cut into bigrams only when it holds CJK at all.
  `CREATE FUNCTION souk_weighted_document(title text, brand text, category_names text, description text,
    config regconfig)
   RETURNS tsvector LANGUAGE sql STABLE PARALLEL SAFE AS $$
     SELECT setweight(to_tsvector('souk_simple', coalesce(title, '')), 'A')
         || setweight(to_tsvector(config, coalesce(title, '')), 'A')
         || setweight(to_tsvector('souk_simple', coalesce(brand, '')), 'B')
         || setweight(to_tsvector(config, coalesce(category_names, '')), 'C')
         || setweight(to_tsvector(config, coalesce(description, '')), 'D')
   $$`,
  // The sample lexeme '_s<n>' puts each product in one of 32 buckets by a hash of its id, so a search
  // that matches a large share of the catalog can fetch the offers of a few buckets only: the GIN
  // index intersects them before any row is read (search-sampling.ts). User words never produce
  // it: the parser splits at the underscore.
  `CREATE FUNCTION souk_sample_lexeme(product_id uuid) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
     SELECT CASE WHEN product_id IS NULL THEN ''::tsvector ELSE array_to_tsvector(ARRAY['_s' ||
       (hashtext(product_id::text) & 31)]) END
   $$`,
  `CREATE FUNCTION souk_offer_document(title text, brand text, description text, category_names text, language text,
    product_id uuid)
   RETURNS tsvector LANGUAGE sql STABLE PARALLEL SAFE AS $$
     SELECT souk_sample_lexeme(product_id) || CASE WHEN concat_ws(' ', title, brand, category_names, left(description,
       1000)) ~ '${CJK}'
       THEN souk_weighted_document(souk_cjk_bigrams(title), souk_cjk_bigrams(brand), souk_cjk_bigrams(category_names),
                                   souk_cjk_bigrams(left(description, 1000)), souk_search_config(language))
       ELSE souk_weighted_document(title, brand, category_names, left(description, 1000), souk_search_config(language))
     END
   $$`,
  `CREATE FUNCTION souk_category_subtree(root integer) RETURNS TABLE (id integer) LANGUAGE sql STABLE PARALLEL SAFE AS
    $$
     WITH RECURSIVE tree AS (
       SELECT c.id FROM category c WHERE c.id = root
       UNION ALL
       SELECT c.id FROM category c JOIN tree ON c.parent_id = tree.id
     )
     SELECT tree.id FROM tree
   $$`,
  // The category path is read by its own statement: inside the assignment it would put PL/pgSQL
  // on its slow path for every row.
  `CREATE FUNCTION souk_offer_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE
     unified_path text;
   BEGIN
     SELECT c.path INTO unified_path FROM category c WHERE c.id = NEW.category_id;
     NEW.search_document := souk_offer_document(
       NEW.title, NEW.brand, NEW.description,
       concat_ws(' ', unified_path, array_to_string(NEW.category_path, ' ')), NEW.language, NEW.product_id);
     RETURN NEW;
   END
   $$`,
  `CREATE TRIGGER trg_offer_search_document BEFORE INSERT OR UPDATE OF title, brand, description, category_id,
    category_path, language, product_id
     ON offer FOR EACH ROW EXECUTE FUNCTION souk_offer_search_document()`,
  `UPDATE offer SET title = title`,
  `CREATE INDEX idx_offer_search_document ON offer USING gin (search_document) WHERE removed_at IS NULL`,
  `CREATE TABLE search_term (term text PRIMARY KEY)`,
  `CREATE INDEX idx_search_term_trigram ON search_term USING gist (term gist_trgm_ops)`,
  // Terms are inserted in order so that two syncs adding the same new words never deadlock.
  `CREATE FUNCTION souk_collect_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO search_term (term)
     SELECT DISTINCT word
       FROM changed_offers, unnest(tsvector_to_array(to_tsvector('souk_simple', concat_ws(' ', title, brand)))) AS word
      WHERE word ~ '^[a-z]{3,40}$'
      ORDER BY word
     ON CONFLICT DO NOTHING;
     RETURN NULL;
   END
   $$`,
  `CREATE FUNCTION souk_collect_changed_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO search_term (term)
     SELECT DISTINCT word
       FROM new_offers JOIN old_offers USING (id),
            unnest(tsvector_to_array(to_tsvector('souk_simple', concat_ws(' ',
              new_offers.title, new_offers.brand)))) AS word
      WHERE (new_offers.title IS DISTINCT FROM old_offers.title OR new_offers.brand IS DISTINCT FROM old_offers.brand)
        AND word ~ '^[a-z]{3,40}$'
      ORDER BY word
     ON CONFLICT DO NOTHING;
     RETURN NULL;
   END
   $$`,
  `CREATE TRIGGER trg_offer_search_terms_insert AFTER INSERT ON offer
     REFERENCING NEW TABLE AS changed_offers FOR EACH STATEMENT EXECUTE FUNCTION souk_collect_search_terms()`,
  `CREATE TRIGGER trg_offer_search_terms_update AFTER UPDATE ON offer
     REFERENCING NEW TABLE AS new_offers OLD TABLE AS old_offers
     FOR EACH STATEMENT EXECUTE FUNCTION souk_collect_changed_search_terms()`,
  `INSERT INTO search_term (term)
   SELECT DISTINCT word FROM offer, unnest(tsvector_to_array(to_tsvector('souk_simple', concat_ws(' ', title,
     brand)))) AS word
    WHERE removed_at IS NULL AND word ~ '^[a-z]{3,40}$'
   ON CONFLICT DO NOTHING`,
];

const SEARCH_SQL_DOWN = [
  `DROP TRIGGER trg_offer_search_terms_update ON offer`,
  `DROP TRIGGER trg_offer_search_terms_insert ON offer`,
  `DROP FUNCTION souk_collect_changed_search_terms()`,
  `DROP FUNCTION souk_collect_search_terms()`,
  `DROP TABLE search_term`,
  `DROP INDEX idx_offer_search_document`,
  `DROP TRIGGER trg_offer_search_document ON offer`,
  `DROP FUNCTION souk_offer_search_document()`,
  `DROP FUNCTION souk_category_subtree(integer)`,
  `DROP FUNCTION souk_offer_document(text, text, text, text, text, uuid)`,
  `DROP FUNCTION souk_sample_lexeme(uuid)`,
  `DROP FUNCTION souk_weighted_document(text, text, text, text, regconfig)`,
  `DROP FUNCTION souk_cjk_bigrams(text)`,
  `DROP FUNCTION souk_search_config(text)`,
  ...['simple', 'english', 'dutch', 'french', 'german'].map(
    (language) => `DROP TEXT SEARCH CONFIGURATION souk_${language}`,
  ),
];
