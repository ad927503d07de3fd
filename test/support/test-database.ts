import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.SOUK_TEST_SERVER_URL;
  if (!url) throw new Error('SOUK_TEST_SERVER_URL is not set: run the tests through jest (npm test)');
  return url;
}

/** A new, empty database of its own for one test file, so test files can run in parallel. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `souk_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
