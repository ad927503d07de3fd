import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Receipts of shop webhooks are also keyed by the body's SHA-256: a signed body replayed under a new
 * or missing delivery id is the same delivery. The delivery id becomes optional and a plain unique
 * key, beside a surrogate primary key.
 */
export class WebhookReceiptsByBody1796200000001 implements MigrationInterface {
  name = 'WebhookReceiptsByBody1796200000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "connector_webhook_receipt" DROP CONSTRAINT "PK_763e7a3a535de25cc292d56331c"`);
    await queryRunner.query(
      `ALTER TABLE "connector_webhook_receipt" ADD "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "connector_webhook_receipt" ADD CONSTRAINT "PK_c83c6a90cfae30882de5a619d4f" PRIMARY KEY ("id")`,
    );
    await queryRunner.query(`ALTER TABLE "connector_webhook_receipt" ALTER COLUMN "delivery_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "connector_webhook_receipt" ADD "body_sha256" bytea`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_connector_webhook_receipt_delivery" ON "connector_webhook_receipt" ("config_id",
        "delivery_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_connector_webhook_receipt_body" ON "connector_webhook_receipt" ("config_id",
        "body_sha256")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_connector_webhook_receipt_body"`);
    await queryRunner.query(`DROP INDEX "public"."uq_connector_webhook_receipt_delivery"`);
    await queryRunner.query(`DELETE FROM "connector_webhook_receipt" WHERE "delivery_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "connector_webhook_receipt" DROP COLUMN "body_sha256"`);
    await queryRunner.query(`ALTER TABLE "connector_webhook_receipt" DROP CONSTRAINT "PK_c83c6a90cfae30882de5a619d4f"`);
    await queryRunner.query(`ALTER TABLE "connector_webhook_receipt" DROP COLUMN "id"`);
    await queryRunner.query(`ALTER TABLE "connector_webhook_receipt" ALTER COLUMN "delivery_id" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "connector_webhook_receipt" ADD CONSTRAINT "PK_763e7a3a535de25cc292d56331c" PRIMARY KEY ("config_id",
        "delivery_id")`,
    );
  }
}
