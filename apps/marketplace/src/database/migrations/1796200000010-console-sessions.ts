import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Console sessions: the SHA-256 of each session cookie's token, the key it acts as, and when it ends. */
export class ConsoleSessions1796200000010 implements MigrationInterface {
  name = 'ConsoleSessions1796200000010';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "console_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "token_hash" character(64) NOT NULL, "api_key_id" uuid NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        CONSTRAINT "uq_console_session_token_hash" UNIQUE ("token_hash"),
        CONSTRAINT "PK_console_session" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_console_session_expires" ON "console_session" ("expires_at") `);
    await queryRunner.query(
      `ALTER TABLE "console_session" ADD CONSTRAINT "fk_console_session_api_key" FOREIGN KEY ("api_key_id") REFERENCES
        "api_key"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "console_session"`);
  }
}
