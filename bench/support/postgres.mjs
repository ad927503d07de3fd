// The database server of a benchmark: the one given, or a throwaway embedded PostgreSQL (the
// marketplace's own EmbeddedDatabase from dist/, server defaults otherwise: fsync and
// synchronous_commit on, for honest numbers), and a fresh database on it.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { EmbeddedDatabase } from '../../dist/libs/platform/src/database/embedded-database.js';

export async function freePort() {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  await new Promise((done) => probe.close(done));
  return port;
}

/**
 * `url`: a server to use as is. Without one, starts an embedded server in a temp folder (with
 * `extraFlags`, `-c name=value` pairs) and registers its stop and removal in `cleanups`.
 */
export async function startPostgres({ url, extraFlags = [] }, cleanups) {
  if (url) return { url, embedded: false };
  const folder = await mkdtemp(join(tmpdir(), 'souk-bench-pg-'));
  await chmod(folder, 0o755); // the server may run as the `postgres` user, which must reach its data folder
  const server = new EmbeddedDatabase({
    dataDir: join(folder, 'data'),
    port: await freePort(),
    database: 'postgres',
    persistent: false,
    extraFlags,
  });
  cleanups.push(async () => {
    await server.stop().catch(() => undefined);
    await rm(folder, { recursive: true, force: true });
  });
  return { url: await server.start(), embedded: true };
}

export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh `souk_bench_<random>` database on the server, dropped at clean-up. */
export async function createBenchDatabase(server, cleanups) {
  const name = `souk_bench_${randomBytes(5).toString('hex')}`;
  await withClient(server.url, (client) => client.query(`CREATE DATABASE ${name}`));
  cleanups.push(() =>
    withClient(server.url, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(
      () => undefined,
    ),
  );
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** Flushes dirty buffers so that one phase does not pay for the writes of the one before. */
export async function checkpoint(sql) {
  await sql.query('CHECKPOINT').catch(() => undefined); // needs superuser or pg_checkpoint; best effort
}

/** The server settings a report prints, by name (shared_buffers in MB). */
export async function serverSettings(
  sql,
  names = ['server_version', 'fsync', 'synchronous_commit', 'shared_buffers', 'max_wal_size', 'wal_level'],
) {
  const { rows } = await sql.query(`SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1)`, [names]);
  return Object.fromEntries(
    rows.map((row) => [
      row.name,
      row.unit === '8kB'
        ? `${(Number(row.setting) * 8) / 1024} MB`
        : row.unit === 'kB'
          ? `${Number(row.setting) / 1024} MB`
          : row.unit === 'MB'
            ? `${row.setting} MB`
            : row.setting,
    ]),
  );
}
