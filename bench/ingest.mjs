// npm run bench:ingest -- [--offers N] [--json] [--database-url URL] [--seed N] [--keep-files] [--sql-profile]
// [--cpu-profile DIR]
//
// Catalog ingestion benchmark: a synthetic Google Merchant feed is uploaded to the real
// marketplace (built app from dist/, in this process, on a fresh database) three times (first
// load, unchanged re-sync, 10%-changed re-sync), and compared with a raw COPY of the same rows
// into a copy of the offer table. See bench/README.md. Progress goes to stderr; the report to
// stdout, and with --json one JSON object as its last line.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { request as httpRequest } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '#platform';
import { migrate } from '../dist/apps/marketplace/src/database/database-runtime.js';
import { FirstStartService } from '../dist/apps/marketplace/src/first-start/first-start.service.js';
import { createApp } from '../dist/apps/marketplace/src/server.js';
import { CopyFromFile, CopyToFile, runCopy } from './pg-copy.mjs';
import { writeSyntheticFeed } from './synthetic-feed.mjs';
import { cleanupRegistry, exitWithCode } from './support/cleanup.mjs';
import { firstLoadFloor } from './support/ingest-floor.mjs';
import { int, mark, mb, progressFor, round, secs } from './support/output.mjs';
import { checkpoint, createBenchDatabase, serverSettings, startPostgres } from './support/postgres.mjs';
import { SQL_PROFILE_FLAGS, sqlProfile } from './support/sql-profile.mjs';

const CHANGE_FRACTION = 0.1;
const TARGETS = { firstLoadVsCopy: 0.5, unchangedVsFirstLoad: 3, peakRssMb: 512, peakRssAtOffers: 1_000_000 };
const POLL_MS = 250;

const { values: args } = parseArgs({
  options: {
    offers: { type: 'string', default: '200000' },
    json: { type: 'boolean', default: false },
    'database-url': { type: 'string' },
    seed: { type: 'string', default: '20261122' },
    'keep-files': { type: 'boolean', default: false },
    'sql-profile': { type: 'boolean', default: false },
    'cpu-profile': { type: 'string' },
  },
  strict: true,
});
const offers = Number(args.offers.replace(/[_,]/g, ''));
if (!Number.isSafeInteger(offers) || offers < 1) {
  process.stderr.write(`--offers must be a whole number of at least 1, not "${args.offers}"\n`);
  process.exit(64);
}
const seed = Number(args.seed) >>> 0;
const serverUrl = args['database-url'] ?? process.env.BENCH_DATABASE_URL;

// ---------------------------------------------------------------------------------------------
// Memory: the kernel's peak (maxRSS) and our own 250 ms samples, overall and per phase.

let sampledPeak = 0;
let phasePeak = 0;
const sampler = setInterval(() => {
  const rss = process.memoryUsage.rss();
  sampledPeak = Math.max(sampledPeak, rss);
  phasePeak = Math.max(phasePeak, rss);
}, 250);
sampler.unref();
const startPhase = () => (phasePeak = process.memoryUsage.rss());

// ---------------------------------------------------------------------------------------------
// Output helpers, and the database server: the one given, or a throwaway embedded PostgreSQL.

const progress = progressFor('ingest');

const startServer = (cleanups) =>
  startPostgres({ url: serverUrl, extraFlags: args['sql-profile'] ? SQL_PROFILE_FLAGS : [] }, cleanups);

const sqlProfiler = (sql) => sqlProfile(sql, { enabled: args['sql-profile'], progress });

/** With --cpu-profile DIR: a V8 CPU profile of this process during each run, as DIR/<run>.cpuprofile. */
async function cpuProfiler() {
  const dir = args['cpu-profile'];
  if (!dir) return { start: async () => undefined, stop: async () => undefined };
  await mkdir(dir, { recursive: true });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  return {
    start: () => session.post('Profiler.start'),
    stop: async (label) => {
      const { profile } = await session.post('Profiler.stop');
      const file = join(dir, `${label.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '')}.cpuprofile`);
      await writeFile(file, JSON.stringify(profile));
      progress(`CPU profile of ${label}: ${file}`);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The marketplace, in this process, driven through its HTTP API.

async function startMarketplace(databaseUrl, maxUploadBytes) {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    SOUK_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SOUK_ROLES: 'api,worker',
    SOUK_DEMO_DATA: 'false',
    SOUK_MAX_UPLOAD_MB: String(Math.min(4096, Math.ceil(maxUploadBytes / (1024 * 1024)) + 16)),
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
    PORT: '1',
  });
  await migrate(databaseUrl);
  const logDestination = new Writable({ write: (_chunk, _encoding, done) => done() });
  const app = await createApp({ config, databaseUrl, encryptionKey: config.encryptionKey, logDestination });
  const { operatorKey } = await app.get(FirstStartService).run();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${app.getHttpServer().address().port}`;

  const api = async (method, path, body) => {
    const response = await fetch(baseUrl + path, {
      method,
      headers: {
        authorization: `Bearer ${operatorKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };

  /** Streams the file as the request body (never whole in memory); resolves with the queued run. */
  const upload = async (configId, path) => {
    const { size } = await stat(path);
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        `${baseUrl}/v1/admin/connector-configs/${configId}/uploads`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${operatorKey}`,
            'content-type': 'application/xml',
            'content-length': String(size),
          },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (part) => (text += part));
          response.on('end', () =>
            response.statusCode === 202
              ? resolve(JSON.parse(text))
              : reject(new Error(`upload: ${response.statusCode} ${text}`)),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      pipeline(createReadStream(path, { highWaterMark: 256 * 1024 }), request).catch(reject);
    });
  };

  return { app, api, upload, close: () => app.close() };
}

/** Uploads the file, waits for its run to finish, and returns the run with the timings. */
async function syncRun(market, configId, path, label, profiler, cpuProfile) {
  startPhase();
  const uploadStart = performance.now();
  const queued = await market.upload(configId, path);
  const uploadMs = performance.now() - uploadStart;
  const uploadedAt = Date.now();
  const cpuBefore = process.cpuUsage();
  await profiler.reset(); // the run's statements only, not the upload's
  await cpuProfile.start();
  progress(`${label}: uploaded in ${secs(uploadMs)}, run ${queued.id} queued`);
  let run = queued;
  let lastReport = 0;
  while (run.status === 'queued' || run.status === 'running') {
    await new Promise((wake) => setTimeout(wake, POLL_MS));
    run = await market.api('GET', `/v1/admin/sync-runs/${queued.id}`);
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      progress(`${label}: ${run.status}, ${int(run.read)} read`);
    }
  }
  const cpu = process.cpuUsage(cpuBefore);
  await cpuProfile.stop(label);
  const startedAt = Date.parse(run.startedAt);
  const finishedAt = Date.parse(run.finishedAt);
  const result = {
    status: run.status,
    error: run.error,
    read: run.read,
    created: run.created,
    updated: run.updated,
    unchanged: run.unchanged,
    removed: run.removed,
    failed: run.failed,
    warnings: run.warnings,
    uploadMs: Math.round(uploadMs),
    queueMs: Math.max(0, startedAt - uploadedAt),
    durationMs: run.durationMs,
    wallMs: finishedAt - uploadedAt,
    perSec: run.durationMs > 0 ? (run.read / run.durationMs) * 1000 : null,
    // CPU time of this process (the app: parse, map, hash, queries; and the polling, which is
    // negligible) from the upload's answer to the run's end; the rest of the wall time is mostly
    // waiting for the database.
    nodeCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssMb: round(mb(phasePeak), 0),
  };
  progress(`${label}: ${run.status} in ${secs(run.durationMs ?? 0)} (${int(result.perSec ?? 0)} offers/s)`);
  await profiler.report(label, run.durationMs ?? 0);
  if (run.status !== 'succeeded') throw new Error(`${label}: the run ${run.status}: ${run.error}`);
  return result;
}

// ---------------------------------------------------------------------------------------------
// The COPY baseline: the rows of the first load, copied into a table like `offer`.

async function copyBaseline(sql, dir) {
  startPhase();
  const file = join(dir, 'offer.copy');
  const exported = await runCopy(sql, new CopyToFile('COPY (SELECT * FROM offer) TO STDOUT', file));
  const { size } = await stat(file);

  const timedCopy = async (table, withForeignKeys) => {
    await sql.query(`DROP TABLE IF EXISTS ${table}`);
    // Same columns, defaults, NOT NULL and CHECK constraints, indexes (unique and partial ones too).
    await sql.query(`CREATE TABLE ${table} (LIKE offer INCLUDING ALL)`);
    if (withForeignKeys) {
      const { rows } = await sql.query(
        `SELECT conname, pg_get_constraintdef(oid) AS def
           FROM pg_constraint WHERE conrelid = 'offer'::regclass AND contype = 'f'`,
      );
      for (const { conname, def } of rows)
        await sql.query(`ALTER TABLE ${table} ADD CONSTRAINT ${conname}_copy_bench ${def}`);
    }
    await checkpoint(sql);
    const start = performance.now();
    const rows = await runCopy(sql, new CopyFromFile(`COPY ${table} FROM STDIN`, file));
    const ms = performance.now() - start;
    await sql.query(`DROP TABLE ${table}`);
    return { rows, ms: Math.round(ms), perSec: (rows / ms) * 1000 };
  };
  const plain = await timedCopy('offer_copy_bench', false);
  progress(`COPY: ${int(plain.rows)} rows in ${secs(plain.ms)} (${int(plain.perSec)} rows/s)`);
  const withFks = await timedCopy('offer_copy_bench', true);
  progress(
    `COPY with the offer foreign keys: ` +
      `${int(withFks.rows)} rows in ${secs(withFks.ms)} (${int(withFks.perSec)} rows/s)`,
  );
  await rm(file, { force: true });
  return { exported, bytes: size, plain, withFks, peakRssMb: round(mb(phasePeak), 0) };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const { cleanups, cleanUp, interrupted } = cleanupRegistry(progress);

  try {
    const dir = await mkdtemp(join(tmpdir(), 'souk-bench-feed-'));
    cleanups.push(() => (args['keep-files'] ? progress(`kept ${dir}`) : rm(dir, { recursive: true, force: true })));
    const feedPath = join(dir, 'feed.xml');
    const changedPath = join(dir, 'feed-changed.xml');

    startPhase();
    let start = performance.now();
    const feed = await writeSyntheticFeed(feedPath, { offers, seed });
    const changedFeed = await writeSyntheticFeed(changedPath, { offers, seed, changeFraction: CHANGE_FRACTION });
    const generateMs = performance.now() - start;
    progress(
      `feeds written in ${secs(generateMs)}: ${int(offers)} items, ${mb(feed.bytes).toFixed(1)} MB; ` +
        `${int(changedFeed.changed)} changed in the second`,
    );

    const loadBefore = loadavg()[0];
    const server = await startServer(cleanups);
    const database = await createBenchDatabase(server, cleanups);
    progress(`database ${database.name} on ${server.embedded ? 'an embedded PostgreSQL' : 'the given server'}`);
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    cleanups.push(() => sql.end().catch(() => undefined));
    const settings = await serverSettings(sql);

    const market = await startMarketplace(database.url, Math.max(feed.bytes, changedFeed.bytes));
    cleanups.push(() => market.close());
    const retailer = await market.api('POST', '/v1/admin/retailers', {
      name: 'Bench shop',
      slug: 'bench-shop',
      defaultCurrency: 'EUR',
      contactEmail: 'bench@shop.example',
    });
    const config = await market.api('POST', '/v1/admin/connector-configs', {
      retailerId: retailer.id,
      connectorId: 'google-merchant-feed',
      name: 'Synthetic feed',
      settings: { source: 'upload' },
    });

    const profiler = await sqlProfiler(sql);
    const cpuProfile = await cpuProfiler();
    await checkpoint(sql);
    const first = await syncRun(market, config.id, feedPath, 'first load', profiler, cpuProfile);
    const copy = await copyBaseline(sql, dir);
    const floor = await firstLoadFloor({ source: sql, server, migrate, dir, cleanups, progress });
    await checkpoint(sql);
    const unchanged = await syncRun(market, config.id, feedPath, 're-sync, unchanged', profiler, cpuProfile);
    await checkpoint(sql);
    const changed = await syncRun(market, config.id, changedPath, 're-sync, 10% changed', profiler, cpuProfile);
    const loadAfter = loadavg()[0];

    const checks = [
      [
        'first load created every offer',
        first.created === offers && first.failed === 0,
        `created ${first.created}, failed ${first.failed}`,
      ],
      ['COPY copied the rows of the first load', copy.plain.rows === first.created, `${copy.plain.rows} rows`],
      ['the floor wrote the rows of the first load', floor.offers === first.created, `${floor.offers} offers`],
      [
        'unchanged re-sync: every offer unchanged',
        unchanged.unchanged === offers && unchanged.created + unchanged.updated + unchanged.removed === 0,
        `unchanged ${unchanged.unchanged}, updated ${unchanged.updated}`,
      ],
      [
        '10% re-sync: exactly the changed offers updated',
        changed.updated === changedFeed.changed && changed.unchanged === offers - changedFeed.changed,
        `updated ${changed.updated} of ${changedFeed.changed} changed`,
      ],
    ];

    await cleanUp();
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    const firstLoadVsCopy = first.perSec / copy.plain.perSec;
    const unchangedVsFirstLoad = unchanged.perSec / first.perSec;
    const changedVsFirstLoad = changed.perSec / first.perSec;
    // Same rows: the ratio of the rates is the inverse ratio of the times.
    const floorVsCopy = copy.plain.ms / floor.totalMs;
    const cpu = cpus();
    const machine = {
      cpus: cpu.length,
      cpuModel: cpu[0]?.model ?? null,
      memoryGb: round(totalmem() / 1024 ** 3, 1),
      node: process.version,
      postgres: settings.server_version,
      embeddedPostgres: server.embedded,
      fsync: settings.fsync,
      synchronousCommit: settings.synchronous_commit,
      sharedBuffers: settings.shared_buffers,
      maxWalSize: settings.max_wal_size,
      loadAverage1m: { before: round(loadBefore), after: round(loadAfter) },
    };
    const met = {
      firstLoadVsCopy: firstLoadVsCopy >= TARGETS.firstLoadVsCopy,
      unchangedVsFirstLoad: unchangedVsFirstLoad >= TARGETS.unchangedVsFirstLoad,
      peakRss: maxRssMb < TARGETS.peakRssMb,
    };

    const lines = [
      `Souk catalog ingestion benchmark: ${int(offers)} offers ` +
        `(feed ${mb(feed.bytes).toFixed(1)} MB, generated in ${secs(generateMs)})`,
      `machine: ${machine.cpus} CPU (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}, ` +
        `PostgreSQL ${machine.postgres} (${server.embedded ? 'embedded' : 'given server'}; fsync ${machine.fsync}, ` +
        `synchronous_commit ${machine.synchronousCommit}, shared_buffers ${machine.sharedBuffers}),` +
        ` load average ${machine.loadAverage1m.before} → ${machine.loadAverage1m.after}`,
      '',
      "pipeline (offers/s = read ÷ the run's own startedAt→finishedAt; upload and queue wait shown apart)",
      ...[
        ['first load', first, `created ${int(first.created)}`],
        ['re-sync, unchanged', unchanged, `unchanged ${int(unchanged.unchanged)}`],
        ['re-sync, 10% changed', changed, `updated ${int(changed.updated)}, unchanged ${int(changed.unchanged)}`],
      ].map(
        ([label, run, counts]) =>
          `  ${label.padEnd(22)} ${int(run.perSec).padStart(9)} offers/s  ${secs(run.durationMs).padStart(8)}  ` +
          `(upload ${secs(run.uploadMs)}, queue ${secs(run.queueMs)}, upload-done→finished ${secs(run.wallMs)}; ` +
          `${counts}; warnings ${int(run.warnings)}; ` +
          `Node CPU ${secs(run.nodeCpuMs)} = ${Math.round((run.nodeCpuMs / run.wallMs) * 100)}% of the wall time, ` +
          `${Math.round((run.nodeCpuMs * 1000) / run.read)} µs/offer; peak RSS ${run.peakRssMb} MB)`,
      ),
      `COPY baseline (${int(copy.plain.rows)} rows, ${mb(copy.bytes).toFixed(1)} MB of COPY text, ` +
        `into LIKE offer INCLUDING ALL)`,
      `  ${'COPY FROM STDIN'.padEnd(22)} ${int(copy.plain.perSec).padStart(9)} rows/s    ` +
        `${secs(copy.plain.ms).padStart(8)}`,
      `  ${"… with offer's FKs".padEnd(22)} ${int(copy.withFks.perSec).padStart(9)} rows/s    ` +
        `${secs(copy.withFks.ms).padStart(8)}  (not a target; for reference)`,
      `the first load's floor: its rows written set-based on one connection, no client (support/ingest-floor.mjs)`,
      `  ${[
        ['products', floor.steps.productsMs],
        ['match keys', floor.steps.matchKeysMs],
        ['offers staged', floor.steps.stagingMs],
        ['offers inserted', floor.steps.offersMs],
        ['analyze', floor.steps.analyzeMs],
        ['search rows', floor.steps.searchRowsMs],
      ]
        .map(([label, ms]) => `${label} ${secs(ms)}`)
        .join(' + ')} = ${secs(floor.totalMs)}`,
      `  (of the offers inserted, their search documents alone: ${secs(floor.documentsMs)}, timed apart in one SELECT)`,
      '',
      `first load vs COPY          ${firstLoadVsCopy.toFixed(2)}x   ` +
        `target ≥ ${TARGETS.firstLoadVsCopy}x  ${mark(met.firstLoadVsCopy)}   ` +
        `(vs COPY with FKs: ${(first.perSec / copy.withFks.perSec).toFixed(2)}x)`,
      `floor vs COPY               ${floorVsCopy.toFixed(2)}x   (what no ingestion code can pass in this schema)`,
      `unchanged re-sync vs first  ${unchangedVsFirstLoad.toFixed(2)}x   ` +
        `target ≥ ${TARGETS.unchangedVsFirstLoad}x    ${mark(met.unchangedVsFirstLoad)}`,
      `10% re-sync vs first        ${changedVsFirstLoad.toFixed(2)}x`,
      `peak RSS                    ${maxRssMb.toFixed(0)} MB ` +
        `(sampled every 250 ms: ${mb(sampledPeak).toFixed(0)} MB)   ` +
        `target < ${TARGETS.peakRssMb} MB at ${int(TARGETS.peakRssAtOffers)} offers  ` +
        `${mark(met.peakRss)}${offers < TARGETS.peakRssAtOffers ? ' (this run has fewer offers)' : ''}`,
      '',
      ...checks.map(([what, ok, detail]) => `check ${mark(ok)} ${what} (${detail})`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);

    if (args.json) {
      const runJson = (run) => ({ ...run, perSec: round(run.perSec, 1) });
      const result = {
        benchmark: 'ingest',
        offers,
        feedBytes: feed.bytes,
        changedOffers: changedFeed.changed,
        firstLoadPerSec: round(first.perSec, 1),
        copyPerSec: round(copy.plain.perSec, 1),
        copyWithForeignKeysPerSec: round(copy.withFks.perSec, 1),
        firstLoadVsCopy: round(firstLoadVsCopy, 3),
        resyncUnchangedPerSec: round(unchanged.perSec, 1),
        resyncChangedPerSec: round(changed.perSec, 1),
        unchangedVsFirstLoad: round(unchangedVsFirstLoad, 3),
        changedVsFirstLoad: round(changedVsFirstLoad, 3),
        peakRssMb: round(maxRssMb, 1),
        sampledPeakRssMb: round(mb(sampledPeak), 1),
        runs: { firstLoad: runJson(first), resyncUnchanged: runJson(unchanged), resyncChanged: runJson(changed) },
        copy: { rows: copy.plain.rows, bytes: copy.bytes, ms: copy.plain.ms, withForeignKeysMs: copy.withFks.ms },
        floor: { offers: floor.offers, ...floor.steps, totalMs: floor.totalMs, documentsMs: floor.documentsMs },
        floorVsCopy: round(floorVsCopy, 3),
        generateMs: Math.round(generateMs),
        targets: { ...TARGETS, met },
        checksPassed: checks.every(([, ok]) => ok),
        machine,
      };
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }
    process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
  } catch (error) {
    if (!interrupted()) process.stderr.write(`bench:ingest failed: ${error?.stack ?? error}\n`);
    await cleanUp().catch(() => undefined);
    process.exitCode = 1;
  }
}

await main();
await exitWithCode();
