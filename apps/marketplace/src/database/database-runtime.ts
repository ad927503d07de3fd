import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  EmbeddedDatabase,
  dataSourceOptions,
  loadOrCreateKeyFile,
  runPendingMigrations,
  type AppConfig,
} from '#platform';
import { MARKETPLACE_SCHEMA } from './schema.js';

/** The database this process uses: an external one, or the embedded server it started itself. */
export interface DatabaseRuntime {
  readonly url: string;
  readonly embedded: boolean;
  readonly encryptionKey: Buffer;
  stop(): Promise<void>;
}

/** `log` gets the embedded server's own log lines; `notice`, what start-up did that the operator should know. */
export async function startDatabase(
  config: AppConfig,
  log: (message: string) => void,
  notice: (message: string) => void = () => undefined,
): Promise<DatabaseRuntime> {
  if (config.databaseUrl) {
    return {
      url: config.databaseUrl,
      embedded: false,
      encryptionKey: config.encryptionKey as Buffer,
      stop: async () => undefined,
    };
  }
  const { dataDir, port } = config.embeddedDatabase;
  const server = new EmbeddedDatabase({
    dataDir,
    port,
    database: 'souk',
    onLog: (line) => log(line.trim()),
    onNotice: notice,
  });
  const url = await server.start();
  const encryptionKey = config.encryptionKey ?? (await loadOrCreateKeyFile(join(dirname(dataDir), 'encryption.key')));
  return { url, embedded: true, encryptionKey, stop: () => server.stop() };
}

/** Applies pending migrations with a short-lived connection, before the application starts. */
export async function migrate(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url, MARKETPLACE_SCHEMA, { poolSize: 2 }));
  await dataSource.initialize();
  try {
    return await runPendingMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
