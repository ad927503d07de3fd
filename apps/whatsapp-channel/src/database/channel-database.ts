import pg from 'pg';
import { DataSource } from 'typeorm';
import { ChannelState1796300000000 } from './migrations/1796300000000-channel-state.js';

/** The schema that holds every table of the channel; the channel never reads another schema. */
export const CHANNEL_SCHEMA = 'whatsapp_channel';

const MIGRATIONS = [ChannelState1796300000000];

/**
 * Creates the schema if needed and applies pending migrations, in one transaction under an
 * advisory lock, so several channel processes can start at once.
 */
export async function migrateChannelDatabase(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, application_name: 'whatsapp-channel-migrations' });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('whatsapp-channel.migrations'))`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${CHANNEL_SCHEMA}`);
    const dataSource = new DataSource({
      type: 'postgres',
      url,
      schema: CHANNEL_SCHEMA,
      migrations: MIGRATIONS,
      migrationsTableName: 'schema_migration',
      migrationsTransactionMode: 'all',
      poolSize: 1,
    });
    await dataSource.initialize();
    try {
      return (await dataSource.runMigrations()).map((migration) => migration.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await client.end();
  }
}

/** The pool every part of the channel uses. */
export function createChannelPool(url: string, max: number): pg.Pool {
  return new pg.Pool({ connectionString: url, max, application_name: 'whatsapp-channel' });
}
