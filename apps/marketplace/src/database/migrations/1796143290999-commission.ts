import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Commission: rules (with the platform default, 0% until an operator sets it), the commission
 * frozen on each order line, the append-only ledger (a trigger rejects UPDATE, DELETE and TRUNCATE,
 * as for the audit log) and issued statements.
 */
export class Commission1796143290999 implements MigrationInterface {
  name = 'Commission1796143290999';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "commission_statement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "retailer_id" uuid NOT NULL,
        "currency" character(3) NOT NULL, "period" character(7) NOT NULL, "totals" jsonb NOT NULL,
        "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "issued_by_key_id" uuid,
        CONSTRAINT "uq_commission_statement_period" UNIQUE ("retailer_id", "currency", "period"),
        CONSTRAINT "PK_0d1f93234427bac4674e04f2f07" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "commission_entry" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "retailer_id" uuid NOT NULL,
        "channel_id" uuid, "currency" character(3) NOT NULL, "period" character(7) NOT NULL, "kind" text NOT NULL,
        "amount_minor" bigint NOT NULL, "sales_minor" bigint NOT NULL DEFAULT '0',
        "refunded_minor" bigint NOT NULL DEFAULT '0', "order_id" uuid, "retailer_order_id" uuid, "order_line_id" uuid,
        "refund_id" uuid, "rule_id" uuid, "reason" text, "actor_role" text NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_commission_entry_period" CHECK ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        CONSTRAINT "PK_751d30b4bba04cd95e629ddf79d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_commission_entry_created" ON "commission_entry"  ("created_at") `);
    await queryRunner.query(`CREATE INDEX "idx_commission_entry_line" ON "commission_entry"  ("order_line_id") `);
    await queryRunner.query(
      `CREATE INDEX "idx_commission_entry_statement" ON "commission_entry"  ("retailer_id", "currency", "period",
        "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "commission_rule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL,
        "is_default" boolean NOT NULL DEFAULT false, "retailer_id" uuid, "category_id" integer, "channel_id" uuid,
        "brand" text, "rate_basis_points" integer NOT NULL DEFAULT '0', "tiers" jsonb,
        "currency_terms" jsonb NOT NULL DEFAULT '{}', "priority" integer NOT NULL DEFAULT '0',
        "valid_from" TIMESTAMP WITH TIME ZONE, "valid_to" TIMESTAMP WITH TIME ZONE,
        "retired_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_commission_rule_default_unscoped" CHECK (NOT "is_default" OR ("retailer_id" IS NULL AND
        "category_id" IS NULL AND "channel_id" IS NULL AND "brand" IS NULL AND "valid_from" IS NULL AND "valid_to" IS
        NULL)), CONSTRAINT "ck_commission_rule_window" CHECK ("valid_to" IS NULL OR "valid_from" IS NULL OR "valid_to" >
        "valid_from"), CONSTRAINT "ck_commission_rule_rate" CHECK ("rate_basis_points" BETWEEN 0 AND 10000),
        CONSTRAINT "PK_a796c9e56589f8140550cbfcb14" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_commission_rule_default" ON "commission_rule"  ("is_default") WHERE "is_default"`,
    );
    await queryRunner.query(`ALTER TABLE "order_line" ADD "refunded_minor" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "order_line" ADD "commission_rule_id" uuid`);
    await queryRunner.query(`ALTER TABLE "order_line" ADD "commission_rate_basis_points" integer`);
    await queryRunner.query(`ALTER TABLE "order_line" ADD "commission_fixed_fee_minor" bigint`);
    await queryRunner.query(`ALTER TABLE "order_line" ADD "commission_minor" bigint`);
    await queryRunner.query(
      `ALTER TABLE "order_line" ADD CONSTRAINT "ck_order_line_commission" CHECK (commission_minor IS NULL OR
        (commission_minor >= 0 AND commission_minor <= total_minor))`,
    );
    await queryRunner.query(
      `ALTER TABLE "order_line" ADD CONSTRAINT "ck_order_line_refunded" CHECK (refunded_minor >= 0 AND refunded_minor <=
        total_minor)`,
    );
    await queryRunner.query(
      `ALTER TABLE "commission_statement" ADD CONSTRAINT "fk_commission_statement_retailer" FOREIGN KEY ("retailer_id")
        REFERENCES "retailer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commission_entry" ADD CONSTRAINT "fk_commission_entry_retailer" FOREIGN KEY ("retailer_id")
        REFERENCES "retailer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO "commission_rule" ("name", "is_default", "rate_basis_points") VALUES ('Platform default', true, 0)`,
    );
    await queryRunner.query(`CREATE FUNCTION "commission_entry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION
                  'commission_entry is append-only: % is not allowed; book a reversal or an adjustment instead', TG_OP
                  USING ERRCODE = '42501';
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "trg_commission_entry_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "commission_entry" FOR
        EACH STATEMENT EXECUTE FUNCTION "commission_entry_append_only"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_commission_entry_append_only" ON "commission_entry"`);
    await queryRunner.query(`DROP FUNCTION "commission_entry_append_only"()`);
    await queryRunner.query(`ALTER TABLE "commission_entry" DROP CONSTRAINT "fk_commission_entry_retailer"`);
    await queryRunner.query(`ALTER TABLE "commission_statement" DROP CONSTRAINT "fk_commission_statement_retailer"`);
    await queryRunner.query(`ALTER TABLE "order_line" DROP CONSTRAINT "ck_order_line_refunded"`);
    await queryRunner.query(`ALTER TABLE "order_line" DROP CONSTRAINT "ck_order_line_commission"`);
    await queryRunner.query(`ALTER TABLE "order_line" DROP COLUMN "commission_minor"`);
    await queryRunner.query(`ALTER TABLE "order_line" DROP COLUMN "commission_fixed_fee_minor"`);
    await queryRunner.query(`ALTER TABLE "order_line" DROP COLUMN "commission_rate_basis_points"`);
    await queryRunner.query(`ALTER TABLE "order_line" DROP COLUMN "commission_rule_id"`);
    await queryRunner.query(`ALTER TABLE "order_line" DROP COLUMN "refunded_minor"`);
    await queryRunner.query(`DROP INDEX "public"."uq_commission_rule_default"`);
    await queryRunner.query(`DROP TABLE "commission_rule"`);
    await queryRunner.query(`DROP INDEX "public"."idx_commission_entry_statement"`);
    await queryRunner.query(`DROP INDEX "public"."idx_commission_entry_line"`);
    await queryRunner.query(`DROP INDEX "public"."idx_commission_entry_created"`);
    await queryRunner.query(`DROP TABLE "commission_entry"`);
    await queryRunner.query(`DROP TABLE "commission_statement"`);
  }
}
