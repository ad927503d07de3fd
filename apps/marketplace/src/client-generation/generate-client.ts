import 'reflect-metadata';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '#platform';
import { migrate, startDatabase } from '../database/database-runtime.js';
import { createOpenApiDocument } from '../openapi.js';
import { createApp } from '../server.js';
import { CLIENT_DOCUMENT_PATH, CLIENT_TYPES_PATH, clientTypes, openApiJson } from './client-files.js';

/**
 * `npm run client:generate`: builds the app (API role only) on a throwaway embedded PostgreSQL,
 * without listening, takes its OpenAPI document and rewrites libs/client/openapi.json and the
 * client's generated types from it. Run from the repository's root (npm does).
 */
async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'souk-client-generate-'));
  await chmod(folder, 0o755); // run as root, the server runs as the `postgres` user, which must reach its data folder
  const config = loadConfig({
    SOUK_DATA_DIR: join(folder, 'postgres'),
    SOUK_EMBEDDED_DB_PORT: String(await freePort()),
    SOUK_ROLES: 'api',
    SOUK_DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
  });
  const database = await startDatabase(config, () => undefined);
  try {
    await migrate(database.url);
    const app = await createApp({ config, databaseUrl: database.url, encryptionKey: database.encryptionKey });
    try {
      const document = createOpenApiDocument(app);
      await writeFile(resolve(CLIENT_DOCUMENT_PATH), openApiJson(document));
      await writeFile(resolve(CLIENT_TYPES_PATH), await clientTypes(document));
      process.stdout.write(
        `Wrote ${CLIENT_DOCUMENT_PATH} and ${CLIENT_TYPES_PATH} (${Object.keys(document.paths).length} paths).\n`,
      );
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `client:generate failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
