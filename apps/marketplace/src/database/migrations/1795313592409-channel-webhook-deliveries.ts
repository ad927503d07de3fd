import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The log of webhook events sent to channels and their delivery attempts. */

export class ChannelWebhookDeliveries1795313592409 implements MigrationInterface {
  name = 'ChannelWebhookDeliveries1795313592409';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "channel_webhook_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "channel_id" uuid NOT NULL, "event_type" text NOT NULL, "body" text NOT NULL,
        "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0',
        "last_attempt_at" TIMESTAMP WITH TIME ZONE, "last_response_status" integer, "last_error" text,
        "last_attempt_instance_id" uuid, "delivered_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_a79712dd0ffa238e599f33cd73d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_channel_webhook_delivery_channel" ON "channel_webhook_delivery"  ("channel_id",
        "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "channel_webhook_delivery" ADD CONSTRAINT "fk_channel_webhook_delivery_channel" FOREIGN KEY
        ("channel_id") REFERENCES "channel"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "channel_webhook_delivery" DROP CONSTRAINT "fk_channel_webhook_delivery_channel"`,
    );
    await queryRunner.query(`DROP INDEX "public"."idx_channel_webhook_delivery_channel"`);
    await queryRunner.query(`DROP TABLE "channel_webhook_delivery"`);
  }
}
