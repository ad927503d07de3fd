import PgBoss from 'pg-boss';

/**
 * The SQL that creates the job schema, for a TypeORM migration. pg-boss wraps its plan in its own
 * BEGIN/COMMIT; the migration already runs in a transaction, so those two statements are removed
 * (its transaction-scoped lock and settings stay, and now cover the migration's transaction).
 */
export function jobSchemaCreationSql(schema: string): string {
  const plan = PgBoss.getConstructionPlans(schema).trim();
  if (!plan.startsWith('BEGIN;') || !plan.endsWith('COMMIT;')) {
    throw new Error('the pg-boss construction plan changed shape; review the job schema migration');
  }
  return plan.slice('BEGIN;'.length, -'COMMIT;'.length);
}

/** The version of the job schema that the installed pg-boss creates and expects. */
export function jobSchemaVersion(): number {
  const match = /INSERT INTO \w+\.version\s*\(version\)\s*VALUES\s*\('(\d+)'\)/.exec(
    PgBoss.getConstructionPlans(JOB_SCHEMA_NAME),
  );
  if (!match) throw new Error('the pg-boss construction plan changed shape; review the job schema migration');
  return Number(match[1]);
}

const JOB_SCHEMA_NAME = 'pgboss';
