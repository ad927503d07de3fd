// npm run bench:orders -- [--rate R] [--seconds S] [--warmup-seconds S] [--baseline-seconds S] [--drain-seconds S]
//                         [--json] [--database-url URL] [--sql-profile]
//                         [--max-rate-steps 20,40,60,80,100] [--max-rate-seconds S] [--split-workers N]
//
// Checkout and dispatch benchmark: the built marketplace (dist/) runs as one process with every
// role on a fresh database; 3 retailers receive their orders by signed webhook at sandbox retailers
// (no faults) running in this process; checkouts that buy one line from each of them are sent at a
// fixed arrival rate (open loop). It measures the checkout's latency and the delay from the
// checkout's commit to the first call at each retailer, and compares with a checkout that routes
// nothing (3 pull retailers) and with GET /v1/channel/me. See bench/README.md. Progress goes to
// stderr; the report to stdout, and with --json one JSON object as its last line.
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { cleanupRegistry, exitWithCode } from './support/cleanup.mjs';
import { httpClient, latencySummary, median, openLoop, timed } from './support/http-load.mjs';
import { startMarketplaceProcess } from './support/marketplace-process.mjs';
import {
  apiWith,
  ChannelWebhookReceiver,
  checkoutBody,
  createChannel,
  createShop,
  linesFor,
  machineFacts,
  marketplaceEnv,
  newEncryptionKey,
  newOperatorKey,
  shopItems,
  sleep,
  waitUntil,
  webhookSandbox,
} from './support/order-fixtures.mjs';
import { cpuMeter, postgresPids } from './support/process-cpu.mjs';
import { int, mark, progressFor, round } from './support/output.mjs';
import { eventLoopDelay, grown, lockWaitSampler, poolWaits, scrapeMetrics } from './support/process-metrics.mjs';
import { createBenchDatabase, serverSettings, startPostgres } from './support/postgres.mjs';
import { SQL_PROFILE_FLAGS, sqlProfile } from './support/sql-profile.mjs';

const TARGETS = { checkoutP99Ms: 50, dispatchP99Ms: 250, maxCheckoutRateP99Under100: 60, sqlStatementsPerCheckout: 25 };
const SHOPS = 3;
const ITEMS_PER_SHOP = 20;
/**
 * Commit timestamps let the delay be measured from the checkout's own commit (an embedded server gets it; a given one
 * may have it on).
 */
const COMMIT_TIMESTAMP_FLAGS = ['-c', 'track_commit_timestamp=on'];

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '30' },
    'warmup-seconds': { type: 'string', default: '5' },
    'baseline-seconds': { type: 'string', default: '10' },
    'drain-seconds': { type: 'string', default: '300' },
    'sql-profile': { type: 'boolean', default: false },
    'max-rate-steps': { type: 'string', default: '20,40,60,80,100' },
    'max-rate-seconds': { type: 'string', default: '10' },
    'split-workers': { type: 'string', default: '2' },
    json: { type: 'boolean', default: false },
    'database-url': { type: 'string' },
  },
  strict: true,
});
const positive = (name, { zero = false } = {}) => {
  const value = Number(args[name]);
  if (!Number.isFinite(value) || value < 0 || (!zero && value === 0)) {
    process.stderr.write(`--${name} must be a ${zero ? 'non-negative' : 'positive'} number, not "${args[name]}"\n`);
    process.exit(64);
  }
  return value;
};
const rate = positive('rate');
const seconds = positive('seconds');
const warmupSeconds = positive('warmup-seconds', { zero: true });
const baselineSeconds = positive('baseline-seconds');
const drainSeconds = positive('drain-seconds');
const serverUrl = args['database-url'] ?? process.env.BENCH_DATABASE_URL;
const maxRateSeconds = positive('max-rate-seconds');
/** Worker processes beside one api process in the split deployment's max-rate steps; 0 leaves that part out. */
const splitWorkers = positive('split-workers', { zero: true });
const maxRateSteps = args['max-rate-steps']
  .split(',')
  .filter(Boolean)
  .map((step) => Number(step));
if (maxRateSteps.some((step) => !Number.isFinite(step) || step <= 0)) {
  process.stderr.write(`--max-rate-steps must be positive numbers joined by commas, not "${args['max-rate-steps']}"\n`);
  process.exit(64);
}
/** The checkout p99 a rate must hold to count for maxCheckoutRateP99Under100. */
const MAX_RATE_P99_MS = 100;

const progress = progressFor('orders');
const ms = (value) => (value === null || value === undefined ? '–' : `${value.toFixed(1)} ms`);
const summaryLine = (summary) =>
  `p50 ${ms(summary.p50)}, p90 ${ms(summary.p90)}, p99 ${ms(summary.p99)}, max ${ms(summary.max)}`;
const summaryJson = (summary) => ({
  count: summary.count,
  p50Ms: round(summary.p50),
  p90Ms: round(summary.p90),
  p99Ms: round(summary.p99),
  maxMs: round(summary.max),
  minMs: round(summary.min),
});
const withMin = (values) => ({ ...latencySummary(values), min: values.length ? Math.min(...values) : null });

async function main() {
  const { cleanups, cleanUp, interrupted } = cleanupRegistry(progress);
  let market;
  try {
    const loadBefore = loadavg()[0];
    const server = await startPostgres(
      { url: serverUrl, extraFlags: [...COMMIT_TIMESTAMP_FLAGS, ...(args['sql-profile'] ? SQL_PROFILE_FLAGS : [])] },
      cleanups,
    );
    const database = await createBenchDatabase(server, cleanups);
    progress(`database ${database.name} on ${server.embedded ? 'an embedded PostgreSQL' : 'the given server'}`);
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    cleanups.push(() => sql.end().catch(() => undefined));
    const settings = await serverSettings(sql, [
      'server_version',
      'fsync',
      'synchronous_commit',
      'shared_buffers',
      'track_commit_timestamp',
    ]);
    const commitTimestamps = settings.track_commit_timestamp === 'on';
    const dataDirectory = await sql.query('SHOW data_directory').then(
      (result) => result.rows[0].data_directory,
      () => null,
    );

    const operatorKey = newOperatorKey();
    const encryptionKey = newEncryptionKey();
    market = await startMarketplaceProcess(
      marketplaceEnv({
        databaseUrl: database.url,
        encryptionKey,
        operatorKey,
        roles: 'api,worker,scheduler',
        runMigrations: true,
        extra: { SOUK_CHANNEL_REQUESTS_PER_MINUTE: '0' },
      }),
      cleanups,
    );
    progress(`marketplace (pid ${market.pid}, every role, default routing settings) at ${market.baseUrl}`);
    const admin = apiWith(market.baseUrl, operatorKey);
    // Shops 0-2 receive orders by webhook at a sandbox each; shops 3-5 pull theirs (the baseline: a checkout that
    // routes nothing).
    const shops = [];
    for (let index = 0; index < 2 * SHOPS; index++) {
      const shop = await createShop(admin, sql, { index, items: shopItems(index, ITEMS_PER_SHOP) });
      if (index < SHOPS)
        shop.sandbox = (
          await webhookSandbox(admin, cleanups, shop.id, { faults: { rate: 0 }, name: `Bench shop ${index}` })
        ).sandbox;
      shops.push(shop);
    }
    const webhookShops = shops.slice(0, SHOPS);
    const pullShops = shops.slice(SHOPS).map((shop, index) => ({ ...shop, index }));
    const receiver = new ChannelWebhookReceiver();
    cleanups.push(() => receiver.stop());
    const channel = await createChannel(admin, { name: 'Bench channel', webhookUrl: await receiver.start() });
    receiver.useSecret(channel.webhookSecret);
    const http = httpClient(market.baseUrl, {
      headers: { authorization: `Bearer ${channel.key}`, accept: 'application/json' },
    });
    cleanups.push(() => http.close());

    const runId = randomBytes(4).toString('hex');
    const checkout = (label, i, targetShops, client = http) =>
      client.request('POST', '/v1/channel/orders', {
        body: checkoutBody(`bench-user-${i % 101}`, linesFor(targetShops, i)),
        headers: { 'idempotency-key': `${runId}-${label.replace(/[^A-Za-z0-9]+/g, '-')}-${i}` },
        parse: true,
      });
    const loadRun = async (label, targetShops, runRate, runSeconds, client = http) => {
      const run = await openLoop(client, {
        rate: runRate,
        seconds: runSeconds,
        send: (i) => checkout(label, i, targetShops, client),
        okStatus: 201,
      });
      const ok = run.results.filter((result) => result.status === 201);
      const errors = run.results.filter((result) => result.status !== 201);
      const summary = latencySummary(run.results.map((result) => result.latency));
      const errorNote = errors.length ? `, ${errors.length} errors (${errors[0].status}: ${errors[0].error})` : '';
      progress(`${label}: ${int(run.sent)} checkouts at ${runRate}/s: ${summaryLine(summary)}${errorNote}`);
      return { run, ok, errors, summary, achievedRate: ok.length / run.elapsedSeconds };
    };
    const routedAll = async (parts) =>
      waitUntil(
        () => {
          const called = new Set(webhookShops.flatMap((shop) => [...shop.sandbox.firstCalls().keys()]));
          return parts.filter((part) => !called.has(part.id)).length;
        },
        (left) => left === 0,
        {
          timeoutMs: drainSeconds * 1000,
          intervalMs: 200,
          what: 'the first call of every retailer order at its sandbox',
          onWait: (left) => progress(`${left} retailer orders not yet called`),
        },
      );
    const partsOf = (results) =>
      results.flatMap((result) =>
        result.answer.body.retailerOrders.map((part) => ({
          id: part.id,
          shop: webhookShops.findIndex((shop) => shop.id === part.retailerId),
          answer: result.answer,
        })),
      );

    // ---- Warm-up: one at a time, then the rate; then the routing of it drains.
    for (let i = 0; i < 20; i++) {
      const answer = await checkout('warm', i, webhookShops);
      if (answer.status !== 201)
        throw new Error(`warm-up checkout: ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
      await checkout('warm-pull', i, pullShops);
    }
    const warm = warmupSeconds > 0 ? await loadRun('warm-up', webhookShops, rate, warmupSeconds) : null;
    if (warm) await routedAll(partsOf(warm.ok));
    await sleep(2000);

    // ---- The measured run, then the routing of its retailer orders (CPU per process over each, and with --sql-profile
    // the statements).
    const profiler = await sqlProfile(sql, { enabled: args['sql-profile'], progress });
    await profiler.reset();
    const cpuGroups = {
      marketplace: () => [market.pid],
      postgres: () => (dataDirectory ? postgresPids(dataDirectory) : []),
      benchmark: () => [process.pid],
    };
    // The server's metrics around the run (a scrape also restarts its event-loop histogram), and lock waits in it.
    const metricsBefore = await scrapeMetrics(market.baseUrl, operatorKey);
    const locks = lockWaitSampler(sql);
    const runCpu = cpuMeter(cpuGroups);
    const measured = await loadRun(`${rate}/s`, webhookShops, rate, seconds);
    const cpuDuringRun = runCpu.stop();
    const metricsAfterRun = await scrapeMetrics(market.baseUrl, operatorKey);
    const lockWait = await locks.stop();
    const parts = partsOf(measured.ok);
    const drainCpu = cpuMeter(cpuGroups);
    const drainStart = Date.now();
    await routedAll(parts).catch((error) => progress(error.message));
    const cpuDuringDrain = drainCpu.stop();
    const drainWallMs = Date.now() - drainStart;
    const metricsAfterDrain = await scrapeMetrics(market.baseUrl, operatorKey);
    const statement = (work) => `souk_db_statements_total{work="${work}"}`;
    const requestStatements = grown(metricsBefore, metricsAfterRun, statement('request'));
    const jobStatements = grown(metricsBefore, metricsAfterDrain, statement('job'));
    const timeWent = {
      poolWait: {
        request: poolWaits(metricsBefore, metricsAfterRun, 'request'),
        job: poolWaits(metricsBefore, metricsAfterRun, 'job'),
      },
      lockWait: { ...lockWait, msPerCheckout: round(lockWait.lockWaitMs / Math.max(1, measured.run.sent), 2) },
      eventLoopDelay: eventLoopDelay(metricsAfterRun),
    };
    const sqlStatementsPerCheckout = measured.run.sent ? round(requestStatements / measured.run.sent, 1) : null;
    const sqlStatementsPerRetailerOrder = parts.length ? round(jobStatements / parts.length, 1) : null;
    let statementsPerCheckout = null;
    if (args['sql-profile']) {
      await profiler.report(`the run and its routing`, seconds * 1000 + drainWallMs);
      const calls = await sql
        .query(
          `SELECT sum(calls)::bigint AS calls
             FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        )
        .then(
          (result) => Number(result.rows[0].calls),
          () => null,
        );
      statementsPerCheckout = calls === null || measured.ok.length === 0 ? null : calls / measured.ok.length;
    }
    const firstCalls = new Map(webhookShops.flatMap((shop) => [...shop.sandbox.firstCalls()]));
    const commits = new Map();
    if (commitTimestamps && parts.length) {
      const { rows } = await sql.query(
        `SELECT retailer_order_id AS id, extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000 AS commit_ms
           FROM retailer_order_transition WHERE from_status IS NULL AND retailer_order_id = ANY($1::uuid[])`,
        [parts.map((part) => part.id)],
      );
      for (const row of rows) if (row.commit_ms !== null) commits.set(row.id, Number(row.commit_ms));
    }
    const called = parts.filter((part) => firstCalls.has(part.id));
    const fromSend = withMin(called.map((part) => firstCalls.get(part.id) - part.answer.sentAt));
    const fromResponse = withMin(called.map((part) => firstCalls.get(part.id) - part.answer.answeredAt));
    const withCommit = called.filter((part) => commits.has(part.id));
    const fromCommit = commitTimestamps
      ? withMin(withCommit.map((part) => firstCalls.get(part.id) - commits.get(part.id)))
      : null;
    progress(
      `dispatch of ${called.length} of ${parts.length} retailer orders: ` +
        `from the request's send ${summaryLine(fromSend)}`,
    );
    // The routing backlog: when the last retailer order of the run was first called, after the last checkout's answer.
    const lastAnswerAt = Math.max(...measured.ok.map((result) => result.answer.answeredAt));
    const lastFirstCallAt = called.length ? Math.max(...called.map((part) => firstCalls.get(part.id))) : null;
    const backlogMs = lastFirstCallAt === null ? null : Math.max(0, lastFirstCallAt - lastAnswerAt);
    const calledAfterLoad = called.filter((part) => firstCalls.get(part.id) > lastAnswerAt).length;

    // ---- Baselines: the same checkout routing nothing (3 pull retailers), and the fixed cost of a channel request.
    await sleep(2000);
    const pull = await loadRun(`pull baseline ${rate}/s`, pullShops, rate, baselineSeconds);
    const me = [];
    for (let i = 0; i < 200; i++) me.push((await timed(() => http.get('/v1/channel/me')))[1]);
    const channelMeP50 = median(me);

    // ---- The highest rate whose checkout p99 holds: rising steps, each after the routing of the last drained.
    const highestRate = async (label, client) => {
      let highest = null;
      const stepsRun = [];
      for (const stepRate of maxRateSteps) {
        await sleep(1000);
        const step = await loadRun(`${label} ${stepRate}/s`, webhookShops, stepRate, maxRateSeconds, client);
        const ok = step.errors.length === 0 && step.summary.p99 !== null && step.summary.p99 <= MAX_RATE_P99_MS;
        stepsRun.push({ rate: stepRate, p99Ms: round(step.summary.p99), errors: step.errors.length, held: ok });
        await routedAll(partsOf(step.ok)).catch((error) => progress(error.message));
        if (!ok) break;
        highest = stepRate;
      }
      return { maxRate: highest, steps: stepsRun };
    };
    const { maxRate, steps } = await highestRate('max-rate step', http);

    // ---- The same steps with the roles split: one api process (and the scheduler) and worker processes, on the same
    // database, so checkouts and routing no longer share an event loop.
    let splitMaxRate = null;
    let splitSteps = [];
    if (splitWorkers > 0) {
      await market.stop();
      const splitEnv = (roles) =>
        marketplaceEnv({
          databaseUrl: database.url,
          encryptionKey,
          operatorKey,
          roles,
          runMigrations: false,
          extra: { SOUK_CHANNEL_REQUESTS_PER_MINUTE: '0' },
        });
      const api = await startMarketplaceProcess(splitEnv('api,scheduler'), cleanups);
      const workers = [];
      for (let index = 0; index < splitWorkers; index++)
        workers.push(await startMarketplaceProcess(splitEnv('worker'), cleanups));
      progress(
        `split deployment: api (pid ${api.pid}) and ${splitWorkers} workers (pids ${workers.map((w) => w.pid)})`,
      );
      const splitHttp = httpClient(api.baseUrl, {
        headers: { authorization: `Bearer ${channel.key}`, accept: 'application/json' },
      });
      cleanups.push(() => splitHttp.close());
      ({ maxRate: splitMaxRate, steps: splitSteps } = await highestRate('split step', splitHttp));
    }
    const stepsLine = (list) =>
      list
        .map((step) => `${step.rate}/s p99 ${ms(step.p99Ms)}${step.errors ? ` ${step.errors} errors` : ''}`)
        .join(', ');
    const stepsText = stepsLine(steps);
    const splitStepsText = stepsLine(splitSteps);
    const sandboxStats = webhookShops.map((shop) => shop.sandbox.stats());
    const statuses = Object.fromEntries(
      (
        await sql.query(`SELECT method, status, count(*)::int AS n FROM retailer_order GROUP BY 1, 2 ORDER BY 1, 2`)
      ).rows.map((row) => [`${row.method}:${row.status}`, row.n]),
    );
    const loadAfter = loadavg()[0];
    await cleanUp();

    const machine = {
      ...machineFacts({ settings, embedded: server.embedded, loadBefore, loadAfter }),
      trackCommitTimestamp: settings.track_commit_timestamp ?? null,
    };
    const cpuLine = (usage) =>
      Object.entries(usage)
        .map(([name, value]) => `${name} ${value ? `${value.cpuSeconds} CPU s = ${value.cores} cores` : '–'}`)
        .join(', ');
    const met = {
      checkoutP99: measured.summary.p99 !== null && measured.summary.p99 <= TARGETS.checkoutP99Ms,
      dispatchP99: fromSend.p99 !== null && fromSend.p99 <= TARGETS.dispatchP99Ms,
      maxCheckoutRate: maxRate !== null && maxRate >= TARGETS.maxCheckoutRateP99Under100,
      sqlStatementsPerCheckout:
        sqlStatementsPerCheckout !== null && sqlStatementsPerCheckout <= TARGETS.sqlStatementsPerCheckout,
    };
    const checks = [
      [
        'every checkout answered 201',
        measured.errors.length === 0 && pull.errors.length === 0,
        `${measured.errors.length} of ${measured.run.sent} failed, ` +
          `${pull.errors.length} of ${pull.run.sent} in the baseline` +
          `${measured.errors.length ? `; ${measured.errors[0].status} ${measured.errors[0].error}` : ''}`,
      ],
      [
        'every retailer order of the run reached its sandbox',
        called.length === parts.length && parts.length === measured.ok.length * SHOPS,
        `${called.length} of ${parts.length}`,
      ],
      [
        'each sandbox created each order once',
        sandboxStats.every((stats) => stats.created === stats.received - stats.replays && stats.badSignatures === 0),
        sandboxStats.map((stats) => `${stats.created} created of ${stats.received} calls`).join('; '),
      ],
    ];
    const sandboxCalls = sandboxStats
      .map((stats, index) => `shop ${index} ${stats.received} calls, ${stats.created} created`)
      .join('; ');
    const lines = [
      `Souk checkout and dispatch benchmark: checkouts of ${SHOPS} retailers (one line each, buy-now) ` +
        `at ${rate}/s for ${seconds} s, open loop; ` +
        `the retailers take orders by signed webhook at sandboxes (no faults)`,
      `machine: ${machine.cpus} CPU (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}, ` +
        `PostgreSQL ${machine.postgres} (${server.embedded ? 'embedded' : 'given server'}; ` +
        `fsync ${machine.fsync}, synchronous_commit ${machine.synchronousCommit}), ` +
        `one marketplace process with every role; ` +
        `the load generator and the sandboxes share the machine; ` +
        `load average ${machine.loadAverage1m.before} → ${machine.loadAverage1m.after}`,
      '',
      `checkout (POST /v1/channel/orders; ${int(measured.run.sent)} sent, ${measured.errors.length} errors, ` +
        `achieved ${measured.achievedRate.toFixed(1)}/s, latency from when each was due)`,
      `  p50 ${ms(measured.summary.p50).padStart(9)}`,
      `  p90 ${ms(measured.summary.p90).padStart(9)}`,
      `  p99 ${ms(measured.summary.p99).padStart(9)}   target ≤ ${TARGETS.checkoutP99Ms} ms   ${mark(met.checkoutP99)}`,
      `  max ${ms(measured.summary.max).padStart(9)}`,
      '',
      `dispatch: the sandbox's first call for a retailer order (its Idempotency-Key) ` +
        `minus the checkout's commit (${called.length} retailer orders)`,
      `  from the request's send (an upper bound: includes the checkout itself)   ` +
        `${summaryLine(fromSend)}   target p99 ≤ ${TARGETS.dispatchP99Ms} ms  ${mark(met.dispatchP99)}`,
      `  from the response's arrival (a lower bound; may be negative)             ` +
        `${summaryLine(fromResponse)}, min ${ms(fromResponse.min)}`,
      fromCommit
        ? `  from the commit (pg_xact_commit_timestamp, database clock)              ` +
          `${summaryLine(fromCommit)}, min ${ms(fromCommit.min)} (${withCommit.length} orders)`
        : '  from the commit: – (track_commit_timestamp is off on this server)',
      '',
      `routing backlog: the last retailer order was first called ` +
        `${backlogMs === null ? '–' : `${(backlogMs / 1000).toFixed(1)} s`} after the last checkout's answer ` +
        `(${called.length ? calledAfterLoad : 0} of ${parts.length} first called after the load ended` +
        `${backlogMs ? `, ${((calledAfterLoad / backlogMs) * 1000).toFixed(1)}/s` : ''})`,
      `CPU (of ${machine.cpus} cores) during the run: ${cpuLine(cpuDuringRun)}`,
      `CPU while the routing caught up (${(drainWallMs / 1000).toFixed(1)} s): ${cpuLine(cpuDuringDrain)}`,
      `where the time went during the run: connection pool wait p50/p99 requests ` +
        `${ms(timeWent.poolWait.request.p50Ms)} / ${ms(timeWent.poolWait.request.p99Ms)}, jobs ` +
        `${ms(timeWent.poolWait.job.p50Ms)} / ${ms(timeWent.poolWait.job.p99Ms)} (bucket upper bounds); ` +
        `lock waits ${timeWent.lockWait.meanWaitingSessions} sessions on average = ` +
        `${ms(timeWent.lockWait.msPerCheckout)} per checkout; event-loop delay p50 ` +
        `${ms(timeWent.eventLoopDelay.p50Ms)}, p99 ${ms(timeWent.eventLoopDelay.p99Ms)}, ` +
        `max ${ms(timeWent.eventLoopDelay.maxMs)}`,
      `lock waits by what was waited on (lock kind: statement; share of the waiting): ` +
        `${timeWent.lockWait.top.map((wait) => `${wait.lock} ${wait.share}`).join('; ') || 'none'}`,
      `SQL statements: ${sqlStatementsPerCheckout ?? '–'} per checkout (request work, the server's count; ` +
        `target ≤ ${TARGETS.sqlStatementsPerCheckout}), ${sqlStatementsPerRetailerOrder ?? '–'} of job work ` +
        `(routing, channel webhooks) per retailer order`,
      `highest checkout rate with p99 ≤ ${MAX_RATE_P99_MS} ms: ${maxRate === null ? 'none' : `${maxRate}/s`} ` +
        `(steps: ${stepsText || 'none'}; target ≥ ${TARGETS.maxCheckoutRateP99Under100}/s)`,
      splitWorkers > 0
        ? `  split deployment (one api process, ${splitWorkers} worker processes): ` +
          `${splitMaxRate === null ? 'none' : `${splitMaxRate}/s`} (steps: ${splitStepsText || 'none'})`
        : '  split deployment: not measured (--split-workers 0)',
      ...(statementsPerCheckout === null
        ? []
        : [
            `SQL statements (pg_stat_statements) per checkout, with its routing and webhooks: ` +
              `${statementsPerCheckout.toFixed(0)}`,
          ]),
      '',
      `baselines in the same run`,
      `  checkout routing nothing (3 pull retailers) at ${rate}/s for ${baselineSeconds} s: ` +
        `${summaryLine(pull.summary)}; ` +
        `the checkout above ÷ this, p50 ${(measured.summary.p50 / pull.summary.p50).toFixed(2)}x, ` +
        `p99 ${(measured.summary.p99 / pull.summary.p99).toFixed(2)}x`,
      `  GET /v1/channel/me one at a time: p50 ${ms(channelMeP50)}; ` +
        `checkout p50 ÷ this ${(measured.summary.p50 / channelMeP50).toFixed(1)}x`,
      '',
      `sandboxes: ${sandboxCalls}; channel webhooks received ${receiver.events.size}; ` +
        `retailer orders ${JSON.stringify(statuses)}`,
      '',
      ...checks.map(([what, ok, detail]) => `check ${mark(ok)} ${what} (${detail})`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (args.json) {
      const result = {
        benchmark: 'orders',
        rate,
        seconds,
        retailersPerCheckout: SHOPS,
        checkouts: measured.run.sent,
        created: measured.ok.length,
        errors: measured.errors.length,
        checkoutsPerSec: round(measured.achievedRate, 1),
        worstSendLagMs: round(measured.run.worstLagMs),
        checkoutP50Ms: round(measured.summary.p50),
        checkoutP90Ms: round(measured.summary.p90),
        checkoutP99Ms: round(measured.summary.p99),
        checkoutMaxMs: round(measured.summary.max),
        checkoutMeanMs: round(measured.summary.mean),
        dispatchP50Ms: round(fromSend.p50),
        dispatchP90Ms: round(fromSend.p90),
        dispatchP99Ms: round(fromSend.p99),
        dispatchMaxMs: round(fromSend.max),
        dispatchFromSend: summaryJson(fromSend),
        dispatchFromResponse: summaryJson(fromResponse),
        dispatchFromCommit: fromCommit ? summaryJson(fromCommit) : null,
        dispatched: called.length,
        retailerOrders: parts.length,
        routingBacklogMs: backlogMs,
        firstCalledAfterLoad: calledAfterLoad,
        cpuDuringRun,
        cpuDuringRouting: { ...cpuDuringDrain, wallMs: drainWallMs },
        pullCheckoutP99Ms: round(pull.summary.p99),
        maxCheckoutRateP99Under100: maxRate,
        maxRateSteps: steps,
        split:
          splitWorkers > 0
            ? { workers: splitWorkers, maxCheckoutRateP99Under100: splitMaxRate, steps: splitSteps }
            : null,
        sqlStatementsPerCheckout,
        sqlStatementsPerRetailerOrder,
        sqlStatementsWithRoutingPerCheckout: statementsPerCheckout === null ? null : round(statementsPerCheckout, 1),
        timeWent,
        baseline: {
          pullCheckoutP50Ms: round(pull.summary.p50),
          pullCheckoutP99Ms: round(pull.summary.p99),
          pullCheckoutMaxMs: round(pull.summary.max),
          pullErrors: pull.errors.length,
          channelMeP50Ms: round(channelMeP50),
          checkoutVsPullP50: round(measured.summary.p50 / pull.summary.p50, 2),
          checkoutVsPullP99: round(measured.summary.p99 / pull.summary.p99, 2),
          checkoutVsChannelMeP50: round(measured.summary.p50 / channelMeP50, 2),
        },
        sandboxes: sandboxStats,
        channelWebhooksReceived: receiver.events.size,
        targets: { ...TARGETS, met },
        checksPassed: checks.every(([, ok]) => ok),
        machine,
      };
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }
    process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
  } catch (error) {
    if (!interrupted()) {
      process.stderr.write(`bench:orders failed: ${error?.stack ?? error}\n`);
      if (market?.output().trim())
        process.stderr.write(`--- marketplace (pid ${market.pid}), last output:\n${market.output().slice(-3000)}\n`);
    }
    await cleanUp().catch(() => undefined);
    process.exitCode = 1;
  }
}

await main();
await exitWithCode();
