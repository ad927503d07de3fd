import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-key request counts in one-minute windows, for the channel keys' rate limit. */

export class RateLimits1795320546036 implements MigrationInterface {
  name = 'RateLimits1795320546036';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_key_rate_window" ("key_id" uuid NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL,
        "requests" integer NOT NULL, CONSTRAINT "PK_04146021e2450185522acd2e2f8" PRIMARY KEY ("key_id",
        "window_start"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "api_key_rate_window"`);
  }
}
