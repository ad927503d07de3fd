import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `channel_directory` (channels' public read surface) also shows a channel's WhatsApp number and catalog: with its
 * locale and currency, what shapes what the channel is shown, so that a channel key's request reads them with the
 * key (auth's ApiKeyService.authenticate) instead of in a statement of its own.
 */
export class ChannelDirectoryChatSettings1796200000014 implements MigrationInterface {
  name = 'ChannelDirectoryChatSettings1796200000014';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE VIEW "channel_directory" AS
         SELECT id, name, status, locale, currency, whatsapp_number, whatsapp_catalog_id FROM "channel"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "channel_directory"`);
    await queryRunner.query(
      `CREATE VIEW "channel_directory" AS SELECT id, name, status, locale, currency FROM "channel"`,
    );
  }
}
