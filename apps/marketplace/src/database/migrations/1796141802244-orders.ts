import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Carts, orders, retailer orders (a real foreign key to their order), lines with a snapshot of what
 * was bought, the status history, routing attempts, refunds and each retailer's order settings.
 */
export class Orders1796141802244 implements MigrationInterface {
  name = 'Orders1796141802244';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "cart" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "channel_id" uuid NOT NULL,
        "user_hash" bytea NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_cart_user" UNIQUE ("channel_id",
        "user_hash"), CONSTRAINT "PK_c524ec48751b9b5bcfbf6e59be7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "cart_line" ("cart_id" uuid NOT NULL, "offer_id" uuid NOT NULL, "quantity" integer NOT NULL,
        "seen_price_minor" bigint NOT NULL, "seen_currency" character(3) NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_cart_line_quantity" CHECK (quantity > 0),
        CONSTRAINT "PK_e6bda61150db2c147be1ad366fb" PRIMARY KEY ("cart_id", "offer_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "customer_order" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "channel_id" uuid NOT NULL,
        "user_hash" bytea NOT NULL, "idempotency_key" text NOT NULL, "request_hash" bytea NOT NULL,
        "status" text NOT NULL, "customer" jsonb NOT NULL, "shipping_address" jsonb NOT NULL, "totals" jsonb NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_customer_order_idempotency_key" UNIQUE ("channel_id", "idempotency_key"),
        CONSTRAINT "PK_c70aef746523b2c4a0af0945209" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_customer_order_created" ON "customer_order"  ("created_at") `);
    await queryRunner.query(
      `CREATE INDEX "idx_customer_order_channel" ON "customer_order"  ("channel_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "retailer_order" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL,
        "retailer_id" uuid NOT NULL, "channel_id" uuid NOT NULL, "status" text NOT NULL,
        "currency" character(3) NOT NULL, "total_minor" bigint NOT NULL, "refunded_minor" bigint NOT NULL DEFAULT '0',
        "method" text NOT NULL, "connector_config_id" uuid, "external_reference" text,
        "routing_attempts" integer NOT NULL DEFAULT '0', "routing_series_start" integer NOT NULL DEFAULT '0',
        "accept_by" TIMESTAMP WITH TIME ZONE NOT NULL, "carrier" text, "tracking_number" text, "tracking_url" text,
        "reason" text, "submitted_at" TIMESTAMP WITH TIME ZONE, "accepted_at" TIMESTAMP WITH TIME ZONE,
        "shipped_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE,
        "closed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_retailer_order_refunded" CHECK (refunded_minor >= 0 AND refunded_minor <= total_minor),
        CONSTRAINT "ck_retailer_order_status" CHECK (status IN ('pending', 'submitted', 'accepted', 'refused',
        'shipped', 'delivered', 'cancelled', 'failed')),
        CONSTRAINT "PK_8fa87c257e35902f8767bcd4eba" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_retailer_order_accept_by" ON "retailer_order"  ("accept_by") WHERE status IN ('pending',
        'submitted')`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_retailer_order_status" ON "retailer_order"  ("retailer_id", "status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_retailer_order_retailer" ON "retailer_order"  ("retailer_id", "created_at") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_retailer_order_order" ON "retailer_order"  ("order_id") `);
    await queryRunner.query(
      `CREATE TABLE "order_line" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "retailer_order_id" uuid NOT NULL,
        "position" integer NOT NULL, "offer_id" uuid NOT NULL, "retailer_item_id" text NOT NULL,
        "snapshot" jsonb NOT NULL, "quantity" integer NOT NULL, "currency" character(3) NOT NULL,
        "unit_price_minor" bigint NOT NULL, "total_minor" bigint NOT NULL, "status" text NOT NULL DEFAULT 'open',
        "reason" text, CONSTRAINT "ck_order_line_quantity" CHECK (quantity > 0 AND unit_price_minor >= 0),
        CONSTRAINT "PK_01a7c973d9f30479647e44f9892" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_order_line_offer" ON "order_line"  ("offer_id") `);
    await queryRunner.query(
      `CREATE INDEX "idx_order_line_retailer_order" ON "order_line"  ("retailer_order_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "refund" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "retailer_order_id" uuid NOT NULL,
        "currency" character(3) NOT NULL, "amount_minor" bigint NOT NULL, "lines" jsonb NOT NULL DEFAULT '[]',
        "reason" text NOT NULL, "actor_role" text NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_f1cefa2e60d99b206c46c1116e5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_refund_retailer_order" ON "refund"  ("retailer_order_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "retailer_order_transition" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "retailer_order_id" uuid NOT NULL, "from_status" text, "to_status" text NOT NULL, "actor_role" text NOT NULL,
        "reason" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_a7bef5e6d698c85180d84cfedb1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_retailer_order_transition_order" ON "retailer_order_transition"  ("retailer_order_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "retailer_order_settings" ("retailer_id" uuid NOT NULL, "method" text NOT NULL DEFAULT 'pull',
        "webhook_url" text, "webhook_secret_sealed" text, "connector_config_id" uuid,
        "acceptance_minutes" integer NOT NULL DEFAULT '2880',
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_1a33681100e95263314ea033c9b" PRIMARY KEY ("retailer_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "routing_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "retailer_order_id" uuid NOT NULL,
        "number" integer NOT NULL, "method" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "finished_at" TIMESTAMP WITH TIME ZONE, "outcome" text, "response_status" integer, "error" text,
        "retry_at" TIMESTAMP WITH TIME ZONE, "instance_id" uuid,
        CONSTRAINT "PK_c7bbcbf0b3f9ff793ddf8eaea7b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_routing_attempt_order" ON "routing_attempt"  ("retailer_order_id", "number") `,
    );
    await queryRunner.query(
      `ALTER TABLE "cart" ADD CONSTRAINT "fk_cart_channel" FOREIGN KEY ("channel_id") REFERENCES "channel"("id") ON
        DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cart_line" ADD CONSTRAINT "fk_cart_line_cart" FOREIGN KEY ("cart_id") REFERENCES "cart"("id") ON
        DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cart_line" ADD CONSTRAINT "fk_cart_line_offer" FOREIGN KEY ("offer_id") REFERENCES "offer"("id") ON
        DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_order" ADD CONSTRAINT "fk_customer_order_channel" FOREIGN KEY ("channel_id") REFERENCES
        "channel"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "retailer_order" ADD CONSTRAINT "fk_retailer_order_order" FOREIGN KEY ("order_id") REFERENCES
        "customer_order"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "retailer_order" ADD CONSTRAINT "fk_retailer_order_retailer" FOREIGN KEY ("retailer_id") REFERENCES
        "retailer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "order_line" ADD CONSTRAINT "fk_order_line_retailer_order" FOREIGN KEY ("retailer_order_id")
        REFERENCES "retailer_order"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "order_line" ADD CONSTRAINT "fk_order_line_offer" FOREIGN KEY ("offer_id") REFERENCES "offer"("id")
        ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refund" ADD CONSTRAINT "fk_refund_retailer_order" FOREIGN KEY ("retailer_order_id") REFERENCES
        "retailer_order"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "retailer_order_transition" ADD CONSTRAINT "fk_retailer_order_transition_retailer_order" FOREIGN KEY
        ("retailer_order_id") REFERENCES "retailer_order"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "retailer_order_settings" ADD CONSTRAINT "fk_retailer_order_settings_retailer" FOREIGN KEY
        ("retailer_id") REFERENCES "retailer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "routing_attempt" ADD CONSTRAINT "fk_routing_attempt_retailer_order" FOREIGN KEY
        ("retailer_order_id") REFERENCES "retailer_order"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "routing_attempt" DROP CONSTRAINT "fk_routing_attempt_retailer_order"`);
    await queryRunner.query(
      `ALTER TABLE "retailer_order_settings" DROP CONSTRAINT "fk_retailer_order_settings_retailer"`,
    );
    await queryRunner.query(
      `ALTER TABLE "retailer_order_transition" DROP CONSTRAINT "fk_retailer_order_transition_retailer_order"`,
    );
    await queryRunner.query(`ALTER TABLE "refund" DROP CONSTRAINT "fk_refund_retailer_order"`);
    await queryRunner.query(`ALTER TABLE "order_line" DROP CONSTRAINT "fk_order_line_offer"`);
    await queryRunner.query(`ALTER TABLE "order_line" DROP CONSTRAINT "fk_order_line_retailer_order"`);
    await queryRunner.query(`ALTER TABLE "retailer_order" DROP CONSTRAINT "fk_retailer_order_retailer"`);
    await queryRunner.query(`ALTER TABLE "retailer_order" DROP CONSTRAINT "fk_retailer_order_order"`);
    await queryRunner.query(`ALTER TABLE "customer_order" DROP CONSTRAINT "fk_customer_order_channel"`);
    await queryRunner.query(`ALTER TABLE "cart_line" DROP CONSTRAINT "fk_cart_line_offer"`);
    await queryRunner.query(`ALTER TABLE "cart_line" DROP CONSTRAINT "fk_cart_line_cart"`);
    await queryRunner.query(`ALTER TABLE "cart" DROP CONSTRAINT "fk_cart_channel"`);
    await queryRunner.query(`DROP INDEX "public"."idx_routing_attempt_order"`);
    await queryRunner.query(`DROP TABLE "routing_attempt"`);
    await queryRunner.query(`DROP TABLE "retailer_order_settings"`);
    await queryRunner.query(`DROP INDEX "public"."idx_retailer_order_transition_order"`);
    await queryRunner.query(`DROP TABLE "retailer_order_transition"`);
    await queryRunner.query(`DROP INDEX "public"."idx_refund_retailer_order"`);
    await queryRunner.query(`DROP TABLE "refund"`);
    await queryRunner.query(`DROP INDEX "public"."idx_order_line_retailer_order"`);
    await queryRunner.query(`DROP INDEX "public"."idx_order_line_offer"`);
    await queryRunner.query(`DROP TABLE "order_line"`);
    await queryRunner.query(`DROP INDEX "public"."idx_retailer_order_order"`);
    await queryRunner.query(`DROP INDEX "public"."idx_retailer_order_retailer"`);
    await queryRunner.query(`DROP INDEX "public"."idx_retailer_order_status"`);
    await queryRunner.query(`DROP INDEX "public"."idx_retailer_order_accept_by"`);
    await queryRunner.query(`DROP TABLE "retailer_order"`);
    await queryRunner.query(`DROP INDEX "public"."idx_customer_order_channel"`);
    await queryRunner.query(`DROP INDEX "public"."idx_customer_order_created"`);
    await queryRunner.query(`DROP TABLE "customer_order"`);
    await queryRunner.query(`DROP TABLE "cart_line"`);
    await queryRunner.query(`DROP TABLE "cart"`);
  }
}
