import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CATEGORY_ROWS_1795315009051 as ROWS } from './data/categories-1795315009051.js';

/**
 * The unified category tree (seeded with the top two levels of the Google product taxonomy), mapping rules, and offers'
 * categories.
 */

export class Categories1795315009051 implements MigrationInterface {
  name = 'Categories1795315009051';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "category" ("id" integer NOT NULL, "parent_id" integer, "name" text NOT NULL, "path" text NOT NULL,
        "level" smallint NOT NULL, CONSTRAINT "uq_category_path" UNIQUE ("path"),
        CONSTRAINT "PK_9c4e4a89e3674fc9f382d733f03" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "category_mapping_rule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "retailer_id" uuid,
        "kind" text NOT NULL, "pattern" text NOT NULL, "category_id" integer NOT NULL,
        "priority" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_category_mapping_rule_kind" CHECK (kind IN ('exact', 'prefix', 'keyword')),
        CONSTRAINT "PK_7328822c800dd2e86049cf06d18" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_category_mapping_rule_category" ON "category_mapping_rule"  ("category_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_category_mapping_rule_retailer" ON "category_mapping_rule"  ("retailer_id") `,
    );
    await queryRunner.query(`ALTER TABLE "offer" ADD "category_id" integer`);
    await queryRunner.query(
      `CREATE INDEX "idx_offer_retailer_live" ON "offer"  ("retailer_id", "id") WHERE removed_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "idx_offer_category" ON "offer"  ("category_id") WHERE removed_at IS NULL`);
    await queryRunner.query(
      `ALTER TABLE "category" ADD CONSTRAINT "fk_category_parent" FOREIGN KEY ("parent_id") REFERENCES "category"("id")
        ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "category_mapping_rule" ADD CONSTRAINT "fk_category_mapping_rule_retailer" FOREIGN KEY
        ("retailer_id") REFERENCES "retailer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "category_mapping_rule" ADD CONSTRAINT "fk_category_mapping_rule_category" FOREIGN KEY
        ("category_id") REFERENCES "category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "offer" ADD CONSTRAINT "fk_offer_category" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON
        DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO "category" ("id", "parent_id", "name", "path", "level") SELECT * FROM unnest($1::integer[],
        $2::integer[], $3::text[], $4::text[], $5::smallint[])`,
      [0, 1, 2, 3, 4].map((column) => ROWS.map((row) => row[column])),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "offer" DROP CONSTRAINT "fk_offer_category"`);
    await queryRunner.query(`ALTER TABLE "category_mapping_rule" DROP CONSTRAINT "fk_category_mapping_rule_category"`);
    await queryRunner.query(`ALTER TABLE "category_mapping_rule" DROP CONSTRAINT "fk_category_mapping_rule_retailer"`);
    await queryRunner.query(`ALTER TABLE "category" DROP CONSTRAINT "fk_category_parent"`);
    await queryRunner.query(`DROP INDEX "public"."idx_offer_category"`);
    await queryRunner.query(`DROP INDEX "public"."idx_offer_retailer_live"`);
    await queryRunner.query(`ALTER TABLE "offer" DROP COLUMN "category_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_category_mapping_rule_retailer"`);
    await queryRunner.query(`DROP INDEX "public"."idx_category_mapping_rule_category"`);
    await queryRunner.query(`DROP TABLE "category_mapping_rule"`);
    await queryRunner.query(`DROP TABLE "category"`);
  }
}
