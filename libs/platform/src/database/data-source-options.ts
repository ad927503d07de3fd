import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export interface SchemaDefinition {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: MixedList<Function | string>;
}

/** The one place that turns a database URL and the schema into TypeORM options. */
export function dataSourceOptions(url: string, schema: SchemaDefinition, overrides: { poolSize?: number } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'all',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; the schema comes from migrations alone, so no extension is installed at connect.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    poolSize: overrides.poolSize ?? 10,
    extra: { application_name: 'souk', connectionTimeoutMillis: 10_000 },
    logging: false,
  };
}
