import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each channel may have a catalog feed token, kept as its SHA-256 only, for the feed URL that Meta's catalog fetches.
 */
export class ChannelFeedTokens1796200000003 implements MigrationInterface {
  name = 'ChannelFeedTokens1796200000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "channel" ADD "feed_token_hash" bytea`);
    await queryRunner.query(`ALTER TABLE "channel" ADD "feed_token_created_at" TIMESTAMP(3) WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "channel" DROP COLUMN "feed_token_created_at"`);
    await queryRunner.query(`ALTER TABLE "channel" DROP COLUMN "feed_token_hash"`);
  }
}
