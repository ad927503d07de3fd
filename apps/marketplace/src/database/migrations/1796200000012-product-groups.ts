import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Products become models: the keys that lead to a product (item groups, GTINs, single items) move to
 * product_match_key, where one product holds many. Offers of an item group are written again on their next sync
 * (their content hash is cleared), so the variants of a group split across GTIN products come together.
 */
export class ProductGroups1796200000012 implements MigrationInterface {
  name = 'ProductGroups1796200000012';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "product_match_key" ("key" text NOT NULL, "product_id" uuid NOT NULL,
        CONSTRAINT "PK_product_match_key" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_product_match_key_product" ON "product_match_key" ("product_id") `);
    await queryRunner.query(
      `ALTER TABLE "product_match_key" ADD CONSTRAINT "fk_product_match_key_product" FOREIGN KEY ("product_id")
        REFERENCES "product"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`INSERT INTO "product_match_key" ("key", "product_id") SELECT match_key, id FROM product`);
    await queryRunner.query(
      `UPDATE "offer" SET content_hash = '\\x'::bytea WHERE item_group_id IS NOT NULL AND removed_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "product_match_key"`);
  }
}
