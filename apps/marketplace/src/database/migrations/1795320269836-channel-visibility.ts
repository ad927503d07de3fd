import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Channel visibility: retailers' channel policies and lists, and operators' hidden retailers and offers per channel.
 */

export class ChannelVisibility1795320269836 implements MigrationInterface {
  name = 'ChannelVisibility1795320269836';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "retailer_channel_list" ("retailer_id" uuid NOT NULL, "channel_id" uuid NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_f8dd53549c8fb018d0b0eae6bb4" PRIMARY KEY ("retailer_id", "channel_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "channel_hidden_retailer" ("channel_id" uuid NOT NULL, "retailer_id" uuid NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_6368ce6665ff9efc57f83022464" PRIMARY KEY ("channel_id", "retailer_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "channel_hidden_offer" ("channel_id" uuid NOT NULL, "offer_id" uuid NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_083e845a7f5c98618c8836edf8b" PRIMARY KEY ("channel_id", "offer_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "retailer" ADD "channel_policy" text NOT NULL DEFAULT 'all'`);
    await queryRunner.query(
      `ALTER TABLE "retailer_channel_list" ADD CONSTRAINT "fk_retailer_channel_list_retailer" FOREIGN KEY
        ("retailer_id") REFERENCES "retailer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "retailer_channel_list" ADD CONSTRAINT "fk_retailer_channel_list_channel" FOREIGN KEY ("channel_id")
        REFERENCES "channel"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "channel_hidden_retailer" ADD CONSTRAINT "fk_channel_hidden_retailer_channel" FOREIGN KEY
        ("channel_id") REFERENCES "channel"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "channel_hidden_retailer" ADD CONSTRAINT "fk_channel_hidden_retailer_retailer" FOREIGN KEY
        ("retailer_id") REFERENCES "retailer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "channel_hidden_offer" ADD CONSTRAINT "fk_channel_hidden_offer_channel" FOREIGN KEY ("channel_id")
        REFERENCES "channel"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "channel_hidden_offer" ADD CONSTRAINT "fk_channel_hidden_offer_offer" FOREIGN KEY ("offer_id")
        REFERENCES "offer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "channel_hidden_offer" DROP CONSTRAINT "fk_channel_hidden_offer_offer"`);
    await queryRunner.query(`ALTER TABLE "channel_hidden_offer" DROP CONSTRAINT "fk_channel_hidden_offer_channel"`);
    await queryRunner.query(
      `ALTER TABLE "channel_hidden_retailer" DROP CONSTRAINT "fk_channel_hidden_retailer_retailer"`,
    );
    await queryRunner.query(
      `ALTER TABLE "channel_hidden_retailer" DROP CONSTRAINT "fk_channel_hidden_retailer_channel"`,
    );
    await queryRunner.query(`ALTER TABLE "retailer_channel_list" DROP CONSTRAINT "fk_retailer_channel_list_channel"`);
    await queryRunner.query(`ALTER TABLE "retailer_channel_list" DROP CONSTRAINT "fk_retailer_channel_list_retailer"`);
    await queryRunner.query(`ALTER TABLE "retailer" DROP COLUMN "channel_policy"`);
    await queryRunner.query(`DROP TABLE "channel_hidden_offer"`);
    await queryRunner.query(`DROP TABLE "channel_hidden_retailer"`);
    await queryRunner.query(`DROP TABLE "retailer_channel_list"`);
  }
}
