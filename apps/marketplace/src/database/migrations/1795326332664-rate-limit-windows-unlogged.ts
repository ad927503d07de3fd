import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit windows are counted on every channel request; as an unlogged table their writes skip
 * the write-ahead log and its flush. A crash empties the table, which only forgives the current
 * minute's requests; standbys do not see it, which a new primary's fresh counts make harmless.
 */
export class RateLimitWindowsUnlogged1795326332664 implements MigrationInterface {
  name = 'RateLimitWindowsUnlogged1795326332664';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_key_rate_window" SET UNLOGGED`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_key_rate_window" SET LOGGED`);
  }
}
