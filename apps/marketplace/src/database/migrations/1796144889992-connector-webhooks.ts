import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks from shop systems: receipts by delivery id (a replay is applied once) and the pending-changes mark of a
 * config.
 */
export class ConnectorWebhooks1796144889992 implements MigrationInterface {
  name = 'ConnectorWebhooks1796144889992';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "connector_webhook_receipt" ("config_id" uuid NOT NULL, "delivery_id" text NOT NULL,
        "received_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_763e7a3a535de25cc292d56331c" PRIMARY KEY ("config_id", "delivery_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_connector_webhook_receipt_received" ON "connector_webhook_receipt"  ("received_at") `,
    );
    await queryRunner.query(`ALTER TABLE "connector_config" ADD "changes_pending_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "connector_webhook_receipt" ADD CONSTRAINT "fk_connector_webhook_receipt_config" FOREIGN KEY
        ("config_id") REFERENCES "connector_config"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "connector_webhook_receipt" DROP CONSTRAINT "fk_connector_webhook_receipt_config"`,
    );
    await queryRunner.query(`ALTER TABLE "connector_config" DROP COLUMN "changes_pending_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_connector_webhook_receipt_received"`);
    await queryRunner.query(`DROP TABLE "connector_webhook_receipt"`);
  }
}
