import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Connector configs, sync runs and their item issues, uploads, offers and products. */

export class CatalogIngestion1795314350512 implements MigrationInterface {
  name = 'CatalogIngestion1795314350512';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "connector_config" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "retailer_id" uuid NOT NULL,
        "connector_id" text NOT NULL, "name" text NOT NULL, "settings" jsonb NOT NULL DEFAULT '{}',
        "secrets_sealed" text, "enabled" boolean NOT NULL DEFAULT true, "schedule_interval_minutes" integer,
        "next_run_at" TIMESTAMP WITH TIME ZONE, "allow_empty_catalog" boolean NOT NULL DEFAULT false,
        "checkpoint" jsonb, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_1265c8533b4b9f168349810e7c9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_connector_config_due" ON "connector_config"  ("next_run_at") WHERE enabled AND next_run_at IS
        NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "idx_connector_config_retailer" ON "connector_config"  ("retailer_id") `);
    await queryRunner.query(
      `CREATE TABLE "sync_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "config_id" uuid NOT NULL,
        "retailer_id" uuid NOT NULL, "mode" text NOT NULL, "trigger" text NOT NULL,
        "status" text NOT NULL DEFAULT 'queued', "upload_id" uuid, "read_count" integer NOT NULL DEFAULT '0',
        "created_count" integer NOT NULL DEFAULT '0', "updated_count" integer NOT NULL DEFAULT '0',
        "unchanged_count" integer NOT NULL DEFAULT '0', "removed_count" integer NOT NULL DEFAULT '0',
        "failed_count" integer NOT NULL DEFAULT '0', "warning_count" integer NOT NULL DEFAULT '0', "error" text,
        "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE,
        "heartbeat_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_ab1387853fd86ea904a21058b01" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_sync_run_active_per_config" ON "sync_run"  ("config_id") WHERE status IN ('queued',
        'running')`,
    );
    await queryRunner.query(`CREATE INDEX "idx_sync_run_config" ON "sync_run"  ("config_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "sync_item_issue" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "run_id" uuid NOT NULL,
        "item_id" text, "line" integer, "severity" text NOT NULL, "field" text, "message" text NOT NULL,
        CONSTRAINT "PK_736a7a1cdc62d60c42a7ddd24cc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_sync_item_issue_run" ON "sync_item_issue"  ("run_id", "id") `);
    await queryRunner.query(
      `CREATE TABLE "catalog_upload" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "config_id" uuid NOT NULL,
        "retailer_id" uuid NOT NULL, "content_type" text, "size_bytes" bigint NOT NULL DEFAULT '0',
        "sha256" character(64), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_707afbc29cfc1d8988123838bdf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_catalog_upload_config" ON "catalog_upload"  ("config_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "catalog_upload_chunk" ("upload_id" uuid NOT NULL, "seq" integer NOT NULL, "data" bytea NOT NULL,
        CONSTRAINT "PK_6edb3357ce825add19848406b28" PRIMARY KEY ("upload_id", "seq"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "product" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "match_key" text NOT NULL,
        "gtin" character(14), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_product_match_key" UNIQUE ("match_key"),
        CONSTRAINT "PK_bebc9158e480b949565b4dc7a82" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "offer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "retailer_id" uuid NOT NULL,
        "retailer_item_id" text NOT NULL, "product_id" uuid, "config_id" uuid NOT NULL, "title" text NOT NULL,
        "description" text, "link" text NOT NULL, "image_link" text,
        "additional_image_links" text array NOT NULL DEFAULT '{}', "availability" text NOT NULL,
        "availability_date" TIMESTAMP WITH TIME ZONE, "price_minor" bigint NOT NULL, "currency" character(3) NOT NULL,
        "sale_price_minor" bigint, "sale_starts_at" TIMESTAMP WITH TIME ZONE, "sale_ends_at" TIMESTAMP WITH TIME ZONE,
        "brand" text, "gtin" character(14), "mpn" text, "condition" text NOT NULL,
        "category_path" text array NOT NULL DEFAULT '{}', "google_product_category" text, "item_group_id" text,
        "variant_attributes" jsonb NOT NULL DEFAULT '{}', "stock_quantity" integer, "language" text,
        "content_hash" bytea NOT NULL, "removed_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_offer_retailer_item" UNIQUE ("retailer_id", "retailer_item_id"),
        CONSTRAINT "PK_57c6ae1abe49201919ef68de900" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_offer_product" ON "offer"  ("product_id") `);
    await queryRunner.query(`CREATE INDEX "idx_offer_config" ON "offer"  ("config_id") `);
    await queryRunner.query(
      `CREATE INDEX "idx_offer_gtin" ON "offer"  ("gtin") WHERE gtin IS NOT NULL AND removed_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "connector_config" ADD CONSTRAINT "fk_connector_config_retailer" FOREIGN KEY ("retailer_id")
        REFERENCES "retailer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sync_run" ADD CONSTRAINT "fk_sync_run_config" FOREIGN KEY ("config_id") REFERENCES
        "connector_config"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sync_item_issue" ADD CONSTRAINT "fk_sync_item_issue_run" FOREIGN KEY ("run_id") REFERENCES
        "sync_run"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog_upload" ADD CONSTRAINT "fk_catalog_upload_config" FOREIGN KEY ("config_id") REFERENCES
        "connector_config"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog_upload_chunk" ADD CONSTRAINT "fk_catalog_upload_chunk_upload" FOREIGN KEY ("upload_id")
        REFERENCES "catalog_upload"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "offer" ADD CONSTRAINT "fk_offer_product" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON
        DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "offer" ADD CONSTRAINT "fk_offer_retailer" FOREIGN KEY ("retailer_id") REFERENCES "retailer"("id") ON
        DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "offer" ADD CONSTRAINT "fk_offer_config" FOREIGN KEY ("config_id") REFERENCES
        "connector_config"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "offer" DROP CONSTRAINT "fk_offer_config"`);
    await queryRunner.query(`ALTER TABLE "offer" DROP CONSTRAINT "fk_offer_retailer"`);
    await queryRunner.query(`ALTER TABLE "offer" DROP CONSTRAINT "fk_offer_product"`);
    await queryRunner.query(`ALTER TABLE "catalog_upload_chunk" DROP CONSTRAINT "fk_catalog_upload_chunk_upload"`);
    await queryRunner.query(`ALTER TABLE "catalog_upload" DROP CONSTRAINT "fk_catalog_upload_config"`);
    await queryRunner.query(`ALTER TABLE "sync_item_issue" DROP CONSTRAINT "fk_sync_item_issue_run"`);
    await queryRunner.query(`ALTER TABLE "sync_run" DROP CONSTRAINT "fk_sync_run_config"`);
    await queryRunner.query(`ALTER TABLE "connector_config" DROP CONSTRAINT "fk_connector_config_retailer"`);
    await queryRunner.query(`DROP INDEX "public"."idx_offer_gtin"`);
    await queryRunner.query(`DROP INDEX "public"."idx_offer_config"`);
    await queryRunner.query(`DROP INDEX "public"."idx_offer_product"`);
    await queryRunner.query(`DROP TABLE "offer"`);
    await queryRunner.query(`DROP TABLE "product"`);
    await queryRunner.query(`DROP TABLE "catalog_upload_chunk"`);
    await queryRunner.query(`DROP INDEX "public"."idx_catalog_upload_config"`);
    await queryRunner.query(`DROP TABLE "catalog_upload"`);
    await queryRunner.query(`DROP INDEX "public"."idx_sync_item_issue_run"`);
    await queryRunner.query(`DROP TABLE "sync_item_issue"`);
    await queryRunner.query(`DROP INDEX "public"."idx_sync_run_config"`);
    await queryRunner.query(`DROP INDEX "public"."uq_sync_run_active_per_config"`);
    await queryRunner.query(`DROP TABLE "sync_run"`);
    await queryRunner.query(`DROP INDEX "public"."idx_connector_config_retailer"`);
    await queryRunner.query(`DROP INDEX "public"."idx_connector_config_due"`);
    await queryRunner.query(`DROP TABLE "connector_config"`);
  }
}
