import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Retailers, channels, API keys, the append-only audit log and the instance registry. */

export class Foundation1795312723035 implements MigrationInterface {
  name = 'Foundation1795312723035';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_entry" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "actor_role" text NOT NULL,
        "actor_key_id" uuid, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL,
        "before" jsonb, "after" jsonb, "request_id" text,
        CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_audit_entry_entity" ON "audit_entry"  ("entity_type", "entity_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "platform_instance" ("id" uuid NOT NULL, "roles" text array NOT NULL, "hostname" text NOT NULL,
        "pid" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "heartbeat_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_cb87a7940d6763411487bdcd9b2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "channel" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL,
        "status" text NOT NULL DEFAULT 'active', "webhook_url" text, "webhook_secret_sealed" text NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_590f33ee6ee7d76437acf362e39" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "retailer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL,
        "slug" text NOT NULL, "status" text NOT NULL DEFAULT 'active', "default_currency" character(3) NOT NULL,
        "contact_email" text NOT NULL, "countries" text array NOT NULL DEFAULT '{}',
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_retailer_slug" UNIQUE ("slug"),
        CONSTRAINT "PK_47bbf48e11e51cc7366f88a8add" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE TABLE "api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL,
      "role" text NOT NULL, "retailer_id" uuid, "channel_id" uuid, "prefix" text NOT NULL,
      "secret_hash" character(64) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "created_by_key_id" uuid, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "uq_api_key_secret_hash" UNIQUE ("secret_hash"),
      CONSTRAINT "ck_api_key_scope" CHECK ((role = 'operator' AND retailer_id IS NULL AND channel_id IS NULL)
    OR (role = 'retailer' AND retailer_id IS NOT NULL AND channel_id IS NULL)
    OR (role = 'channel' AND channel_id IS NOT NULL AND retailer_id IS NULL)),
      CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_api_key_channel" ON "api_key"  ("channel_id") `);
    await queryRunner.query(`CREATE INDEX "idx_api_key_retailer" ON "api_key"  ("retailer_id") `);
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "fk_api_key_retailer" FOREIGN KEY ("retailer_id") REFERENCES
        "retailer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "fk_api_key_channel" FOREIGN KEY ("channel_id") REFERENCES "channel"("id")
        ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // The audit log is append-only: the database itself refuses to change or remove an entry.
    await queryRunner.query(`CREATE FUNCTION "audit_entry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit_entry is append-only: % is not allowed', TG_OP
              USING ERRCODE = 'insufficient_privilege'; END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "trg_audit_entry_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_entry" FOR EACH
        STATEMENT EXECUTE FUNCTION "audit_entry_append_only"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "fk_api_key_channel"`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "fk_api_key_retailer"`);
    await queryRunner.query(`DROP INDEX "public"."idx_api_key_retailer"`);
    await queryRunner.query(`DROP INDEX "public"."idx_api_key_channel"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
    await queryRunner.query(`DROP TABLE "retailer"`);
    await queryRunner.query(`DROP TABLE "channel"`);
    await queryRunner.query(`DROP TABLE "platform_instance"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_entry_entity"`);
    await queryRunner.query(`DROP TRIGGER "trg_audit_entry_append_only" ON "audit_entry"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
    await queryRunner.query(`DROP FUNCTION "audit_entry_append_only"()`);
  }
}
