import type { MigrationInterface, QueryRunner } from 'typeorm';
import { JOB_SCHEMA, jobSchemaCreationSql, jobSchemaVersion } from '#platform';

/** Where the job tables of the earlier pg-boss go while their waiting jobs are carried over. */
const RETIRED_SCHEMA = 'pgboss_retired';

/**
 * The job queue moved to pg-boss 10, the newest line that supports Node.js 20 (see README, "Node.js
 * version"). A database made by an earlier Souk holds the job tables of pg-boss 12, which pg-boss
 * 10 cannot read and has no plan to migrate down from. This moves those tables aside, creates the
 * pg-boss 10 schema, carries over every job that had not finished (an interrupted one runs again,
 * as after a worker's crash) and drops the old tables. On a database whose job schema is already
 * the current one (every new database), it does nothing.
 */
export class JobSchemaPgBoss101796200000000 implements MigrationInterface {
  name = 'JobSchemaPgBoss101796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const [row] = (await queryRunner.query(`SELECT max(version) AS version FROM ${JOB_SCHEMA}.version`)) as {
      version: number | null;
    }[];
    if (Number(row?.version) === jobSchemaVersion()) return;

    await queryRunner.query(`ALTER SCHEMA ${JOB_SCHEMA} RENAME TO ${RETIRED_SCHEMA}`);
    await queryRunner.query(jobSchemaCreationSql(JOB_SCHEMA));
    const queues = (await queryRunner.query(
      `SELECT name, retry_limit, retry_delay, retry_backoff,
        expire_seconds FROM ${RETIRED_SCHEMA}.queue WHERE name NOT LIKE '\\_\\_pgboss%'`,
    )) as { name: string; retry_limit: number; retry_delay: number; retry_backoff: boolean; expire_seconds: number }[];
    for (const queue of queues) {
      const options = {
        policy: 'standard',
        retryLimit: queue.retry_limit,
        retryDelay: queue.retry_delay,
        retryBackoff: queue.retry_backoff,
        expireInSeconds: queue.expire_seconds,
      };
      await queryRunner.query(`SELECT ${JOB_SCHEMA}.create_queue($1, $2::json)`, [queue.name, JSON.stringify(options)]);
    }
    await queryRunner.query(
      `INSERT INTO ${JOB_SCHEMA}.job (id, name, priority, data, state, retry_limit, retry_count, retry_delay,
        retry_backoff,
                                      start_after, singleton_key, expire_in, created_on, keep_until, policy)
       SELECT id, name, priority, data,
              (CASE WHEN state::text = 'active' THEN 'retry' ELSE state::text END)::${JOB_SCHEMA}.job_state,
              retry_limit, retry_count, retry_delay, retry_backoff, start_after, singleton_key,
              make_interval(secs => expire_seconds), created_on, keep_until, 'standard'
         FROM ${RETIRED_SCHEMA}.job
        WHERE state::text IN ('created', 'retry', 'active')
          AND name IN (SELECT name FROM ${JOB_SCHEMA}.queue)`,
    );
    await queryRunner.query(`DROP SCHEMA ${RETIRED_SCHEMA} CASCADE`);
  }

  public async down(): Promise<void> {
    throw new Error('The job schema cannot go back to pg-boss 12: no pg-boss 10 plan creates it.');
  }
}
