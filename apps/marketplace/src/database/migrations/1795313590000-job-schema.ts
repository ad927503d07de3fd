import type { MigrationInterface, QueryRunner } from 'typeorm';
import { JOB_SCHEMA, jobSchemaCreationSql } from '#platform';

/**
 * The job queue's tables (pg-boss), in their own schema. pg-boss is started with migrate off, so
 * an upgrade of pg-boss that changes its schema comes with a migration that applies its plans.
 */
export class JobSchema1795313590000 implements MigrationInterface {
  name = 'JobSchema1795313590000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(jobSchemaCreationSql(JOB_SCHEMA));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA ${JOB_SCHEMA} CASCADE`);
  }
}
