import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The channel's own state: inbound messages (applied once by wamid, worked in order per
 * conversation), conversations and the buyer details they collected, messages sent and their
 * statuses, the chat each Souk order belongs to, and Souk's order events (applied once by id).
 */
export class ChannelState1796300000000 implements MigrationInterface {
  name = 'ChannelState1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE whatsapp_channel.conversation (
        wa_id text PRIMARY KEY,
        profile_name text,
        locale text NOT NULL,
        step jsonb NOT NULL DEFAULT '{"kind":"new"}',
        step_number integer NOT NULL DEFAULT 0,
        last_inbound_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE whatsapp_channel.inbound_message (
        wamid text PRIMARY KEY,
        wa_id text NOT NULL REFERENCES whatsapp_channel.conversation (wa_id),
        sent_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        message jsonb NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        done_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX idx_inbound_message_due ON whatsapp_channel.inbound_message (next_attempt_at) WHERE state =
        'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_inbound_message_conversation ON whatsapp_channel.inbound_message (wa_id, sent_at,
        wamid) WHERE state = 'pending'`,
    );
    await queryRunner.query(`
      CREATE TABLE whatsapp_channel.buyer (
        wa_id text PRIMARY KEY,
        name text,
        email text,
        email_declined boolean NOT NULL DEFAULT false,
        address jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE whatsapp_channel.outbound_message (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        wa_id text NOT NULL,
        wamid text UNIQUE,
        kind text NOT NULL,
        payload jsonb NOT NULL,
        plain_text text NOT NULL,
        language text NOT NULL,
        status text NOT NULL CHECK (status IN ('accepted', 'sent', 'delivered', 'read', 'failed',
          'undeliverable', 'rejected')),
        error jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        status_at timestamptz NOT NULL DEFAULT now(),
        -- Set when Meta reported the 24-hour window closed (131047) after taking the message; the
        -- text then goes again in the re-engagement template.
        template_due boolean NOT NULL DEFAULT false
      )`);
    await queryRunner.query(
      `CREATE INDEX idx_outbound_message_template_due ON whatsapp_channel.outbound_message (id) WHERE template_due`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_outbound_message_chat ON whatsapp_channel.outbound_message (wa_id, created_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE whatsapp_channel.order_chat (
        souk_order_id uuid PRIMARY KEY,
        wa_id text NOT NULL,
        locale text NOT NULL,
        retailer_names jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE whatsapp_channel.souk_event (
        webhook_id text PRIMARY KEY,
        type text NOT NULL,
        body jsonb NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX idx_souk_event_due ON whatsapp_channel.souk_event (next_attempt_at) WHERE state = 'pending'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['souk_event', 'order_chat', 'outbound_message', 'buyer', 'inbound_message', 'conversation']) {
      await queryRunner.query(`DROP TABLE whatsapp_channel.${table}`);
    }
  }
}
