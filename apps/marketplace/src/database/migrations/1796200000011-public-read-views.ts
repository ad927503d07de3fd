import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What libraries read of each other's data in SQL, owned by the library whose tables they read:
 * `retailer_directory` (retailers) and `channel_directory` (channels) are plain views, which
 * PostgreSQL folds into the queries that use them; `category_ancestry` (catalog) gives each
 * category's path of ids from the root. See "Who owns which tables" in docs/architecture.md.
 */
export class PublicReadViews1796200000011 implements MigrationInterface {
  name = 'PublicReadViews1796200000011';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE VIEW "retailer_directory" AS SELECT id, name, slug, status, default_currency, channel_policy, countries,
        created_at FROM "retailer"`,
    );
    await queryRunner.query(
      `CREATE VIEW "channel_directory" AS SELECT id, name, status, locale, currency FROM "channel"`,
    );
    await queryRunner.query(
      `CREATE FUNCTION category_ancestry(leaves integer[]) RETURNS TABLE (category_id integer, path integer[])
         LANGUAGE sql STABLE AS $$
           WITH RECURSIVE up AS (
             SELECT id AS leaf, id, parent_id, 0 AS depth FROM category WHERE id = ANY(leaves)
             UNION ALL
             SELECT up.leaf, c.id, c.parent_id, up.depth + 1 FROM category c JOIN up ON c.id = up.parent_id
           )
           SELECT leaf, array_agg(id ORDER BY depth DESC) FROM up GROUP BY leaf
         $$`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION category_ancestry(integer[])`);
    await queryRunner.query(`DROP VIEW "channel_directory"`);
    await queryRunner.query(`DROP VIEW "retailer_directory"`);
  }
}
