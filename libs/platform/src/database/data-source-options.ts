import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export interface SchemaDefinition {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: MixedList<Function | string>;
}

/** The one place that turns a database URL and the schema into TypeORM options. */
export function dataSourceOptions(
  url: string,
  schema: SchemaDefinition,
  overrides: { poolSize?: number; connectionWaitMs?: number } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'all',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; the schema comes from migrations alone, so no extension is
    // installed at connect.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    poolSize: overrides.poolSize ?? 10,
    // JIT compilation costs tens of milliseconds and pays off only for long analytic queries, which
    // Souk does not run on its request path; catalog searches sort and group tens of thousands of
    // rows, which spill to disk at the default 4 MB of work memory.
    // The connection timeout bounds how long work waits for a pooled connection (connections-by-work.ts).
    extra: {
      application_name: 'souk',
      connectionTimeoutMillis: overrides.connectionWaitMs ?? 10_000,
      options: '-c jit=off -c work_mem=32MB',
    },
    logging: false,
  };
}
