// npm run soak:orders -- [--checkouts N] [--rate R] [--concurrency C] [--kill-after N] [--restart-after-ms MS]
//                        [--routing-concurrency N] [--settle-seconds S] [--json] [--database-url URL]
//
// The acceptance soak of orders: checkouts of 3 retailers each against sandbox retailers that fail
// 20% of calls (5xx, timeouts before and after creating the order, 429), with two worker processes,
// one of which is killed with SIGKILL mid-run and restarted. Then it acts as the retailers and the
// channel (accept, refuse, ship, deliver, refund, cancel) and checks: every retailer order ends in
// a final or expected state; each sandbox holds each routed retailer order exactly once (by
// idempotency key) and nothing else; the channel got exactly one signed webhook per status change
// (and one order.created per order). See bench/README.md. Progress goes to stderr; the report to
// stdout, and with --json one JSON object as its last line. Exits non-zero when a check fails.
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { cleanupRegistry, exitWithCode } from './support/cleanup.mjs';
import { httpClient, latencySummary, openLoop } from './support/http-load.mjs';
import { startMarketplaceProcess } from './support/marketplace-process.mjs';
import {
  apiWith,
  ChannelWebhookReceiver,
  checkoutBody,
  createChannel,
  createShop,
  linesFor,
  loggedErrors,
  machineFacts,
  mapLimit,
  marketplaceEnv,
  newEncryptionKey,
  newOperatorKey,
  shopItems,
  sleep,
  waitUntil,
  webhookSandbox,
} from './support/order-fixtures.mjs';
import { int, mark, progressFor, round, secs } from './support/output.mjs';
import { createBenchDatabase, freePort, serverSettings, startPostgres } from './support/postgres.mjs';

const SHOPS = 3;
const ITEMS_PER_SHOP = 12;
/** The routing settings of the soak: a 20% failure rate essentially never exhausts 12 attempts (0.2^12). */
const ROUTING_ENV = {
  SOUK_ORDER_ROUTING_TIMEOUT_MS: '1000',
  SOUK_ORDER_ROUTING_RETRY_BASE_MS: '200',
  SOUK_ORDER_ROUTING_MAX_ATTEMPTS: '12',
  SOUK_CHANNEL_REQUESTS_PER_MINUTE: '0',
};
/** What every sandbox does to order calls: 20% fail, equally 5xx, hang before creating, hang after creating, 429. */
const FAULTS = {
  rate: 0.2,
  kinds: { 'server-error': 1, 'timeout-before': 1, 'timeout-after': 1, 'rate-limited': 1 },
  hangMs: 2500,
  retryAfterSeconds: 0.5,
};
const ACTION_CONCURRENCY = 8;

const { values: args } = parseArgs({
  options: {
    checkouts: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '16' },
    'routing-concurrency': { type: 'string', default: '48' },
    'kill-after': { type: 'string' },
    'restart-after-ms': { type: 'string', default: '3000' },
    'settle-seconds': { type: 'string', default: '300' },
    json: { type: 'boolean', default: false },
    'database-url': { type: 'string' },
  },
  strict: true,
});
const number = (name, { min = 0, whole = true } = {}) => {
  const value = Number(String(args[name]).replace(/[_,]/g, ''));
  if (!Number.isFinite(value) || value < min || (whole && !Number.isSafeInteger(value))) {
    process.stderr.write(
      `--${name} must be a ${whole ? 'whole ' : ''}number of at least ${min}, not "${args[name]}"\n`,
    );
    process.exit(64);
  }
  return value;
};
const checkouts = number('checkouts', { min: 10 });
const rate = number('rate', { min: 0.1, whole: false });
const concurrency = number('concurrency', { min: 1 });
const killAfter = args['kill-after'] === undefined ? Math.round(checkouts * 0.4) : number('kill-after', { min: 0 });
const restartAfterMs = number('restart-after-ms');
const routingConcurrency = number('routing-concurrency', { min: 1 });
const settleSeconds = number('settle-seconds', { min: 1 });
const serverUrl = args['database-url'] ?? process.env.BENCH_DATABASE_URL;
if (killAfter >= checkouts) {
  process.stderr.write(`--kill-after must be below --checkouts\n`);
  process.exit(64);
}

const progress = progressFor('soak:orders');

// ---------------------------------------------------------------------------------------------
// What the soak does to each checkout (i) and to each of its retailer orders (j: the shop, k = 3i + j).

/** Resent with the same Idempotency-Key (5%): at the same time as the first request, or after its answer. */
const resendOf = (i) => (i % 20 === 3 ? 'concurrent' : i % 20 === 13 ? 'after' : null);
/** The channel cancels the order before the retailers act on it (submitted → cancelled). */
const cancelBeforeAcceptance = (i) => i % 50 === 7;
/** The channel cancels the order after the retailers accepted it (accepted → cancelled). */
const cancelAfterAcceptance = (i) => i % 50 === 17;
/** Part 0 ships, then the channel's cancel must be refused (409). */
const cancelAfterShipment = (i) => i % 50 === 27;
const refuses = (k) => k % 40 === 5;
const ships = (i, j, k) => k % 2 === 0 || (cancelAfterShipment(i) && j === 0);
const delivers = (k) => k % 4 === 0;
const refunds = (k) => k % 40 === 0;

// ---------------------------------------------------------------------------------------------

async function main() {
  const { cleanups, cleanUp, interrupted } = cleanupRegistry(progress);
  const processes = {};
  const started = []; // every marketplace process, the killed one too: [name, process]
  const start = async (name, env) => {
    const running = await startMarketplaceProcess(env, cleanups);
    processes[name] = running;
    started.push([name, running]);
    return running;
  };
  try {
    const loadBefore = loadavg()[0];
    const startedAt = performance.now();
    const server = await startPostgres({ url: serverUrl }, cleanups);
    const database = await createBenchDatabase(server, cleanups);
    progress(`database ${database.name} on ${server.embedded ? 'an embedded PostgreSQL' : 'the given server'}`);
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    cleanups.push(() => sql.end().catch(() => undefined));
    const settings = await serverSettings(sql);

    // Three processes on one database: the API and the scheduler (which migrates first), two workers.
    const operatorKey = newOperatorKey();
    // Every routing job loop of a worker waits out pg-boss's 2 s polling interval after each job unless
    // a new job wakes it, so a worker drains a backlog at about SOUK_ORDER_ROUTING_CONCURRENCY / 2 s.
    // The soak raises it (default 48, the server's default is 16) to drain its backlog in reasonable time.
    const routingEnv = { ...ROUTING_ENV, SOUK_ORDER_ROUTING_CONCURRENCY: String(routingConcurrency) };
    const shared = { databaseUrl: database.url, encryptionKey: newEncryptionKey(), operatorKey, extra: routingEnv };
    await start('api', marketplaceEnv({ ...shared, roles: 'api,scheduler', runMigrations: true }));
    const workerEnv = async () =>
      marketplaceEnv({
        ...shared,
        roles: 'worker',
        runMigrations: false,
        extra: { ...routingEnv, PORT: String(await freePort()) },
      });
    const workerEnvs = [await workerEnv(), await workerEnv()];
    await start('worker1', workerEnvs[0]);
    await start('worker2', workerEnvs[1]);
    progress(
      `api+scheduler pid ${processes.api.pid} at ${processes.api.baseUrl}; ` +
        `workers pid ${processes.worker1.pid} and ${processes.worker2.pid}`,
    );

    const admin = apiWith(processes.api.baseUrl, operatorKey);
    const shops = [];
    for (let index = 0; index < SHOPS; index++) {
      const shop = await createShop(admin, sql, { index, items: shopItems(index, ITEMS_PER_SHOP), label: 'soak' });
      shop.sandbox = (
        await webhookSandbox(admin, cleanups, shop.id, { faults: FAULTS, name: `Soak shop ${index}` })
      ).sandbox;
      shop.api = apiWith(processes.api.baseUrl, shop.key);
      shops.push(shop);
    }
    const receiver = new ChannelWebhookReceiver();
    cleanups.push(() => receiver.stop());
    const channel = await createChannel(admin, { name: 'Soak channel', webhookUrl: await receiver.start() });
    receiver.useSecret(channel.webhookSecret);
    const channelApi = apiWith(processes.api.baseUrl, channel.key);
    progress(
      `${SHOPS} shops of ${ITEMS_PER_SHOP} offers, ` +
        `webhook orders to sandboxes failing ${FAULTS.rate * 100}% of calls; ` +
        `a channel with a verifying webhook receiver`,
    );

    // ---- The checkouts, with the kill and restart of worker 1 after `killAfter` of them.
    const http = httpClient(processes.api.baseUrl, {
      headers: { authorization: `Bearer ${channel.key}`, accept: 'application/json' },
      maxSockets: concurrency * 2,
    });
    cleanups.push(() => http.close());
    const runId = randomBytes(4).toString('hex');
    const resends = [];
    let kill = null;
    const killAndRestart = async () => {
      const victim = processes.worker1;
      const instance =
        (
          await sql.query(`SELECT id FROM platform_instance WHERE pid = $1 ORDER BY started_at DESC LIMIT 1`, [
            victim.pid,
          ])
        ).rows[0]?.id ?? null;
      const inFlight = instance
        ? Number(
            (
              await sql.query(`SELECT count(*) FROM routing_attempt WHERE outcome IS NULL AND instance_id = $1`, [
                instance,
              ])
            ).rows[0].count,
          )
        : null;
      const killedAt = Date.now();
      victim.kill('SIGKILL');
      const exit = await victim.exited;
      progress(
        `SIGKILL to worker 1 (pid ${victim.pid}, ${inFlight ?? '?'} routing calls in flight) ` +
          `after ${killAfter} checkouts: exited ${exit}`,
      );
      await sleep(restartAfterMs);
      const restartStart = Date.now();
      await start('worker1 (restarted)', workerEnvs[0]);
      processes.worker1 = processes['worker1 (restarted)'];
      progress(`worker 1 restarted (pid ${processes.worker1.pid}) in ${secs(Date.now() - restartStart)}`);
      return {
        killedAt,
        instance,
        inFlightAtKill: inFlight,
        exit: String(exit),
        downMs: Date.now() - killedAt,
        restartMs: Date.now() - restartStart,
        newPid: processes.worker1.pid,
      };
    };
    const post = (body, key) =>
      http.request('POST', '/v1/channel/orders', { body, headers: { 'idempotency-key': key }, parse: true });
    const send = async (i) => {
      if (i === killAfter) {
        kill = killAndRestart();
        // awaited after the checkouts; this only keeps an early failure from being unhandled
        kill.catch(() => undefined);
      }
      const body = checkoutBody(`soak-user-${i % 97}`, linesFor(shops, i));
      const key = `soak-${runId}-${i}`;
      const mode = resendOf(i);
      if (!mode) return post(body, key);
      const [first, second] =
        mode === 'concurrent'
          ? await Promise.all([post(body, key), post(body, key)])
          : [await post(body, key), await post(body, key)];
      const statuses = [first.status, second.status];
      const replay = first.status === 200 ? first : second;
      const ok =
        [...statuses].sort().join(',') === '200,201' &&
        first.body?.id === second.body?.id &&
        replay.headers['idempotent-replayed'] === 'true';
      resends.push({ i, mode, statuses, ok, ids: [first.body?.id, second.body?.id] });
      return first.status === 201 ? first : second.status === 201 ? second : first;
    };
    progress(
      `${int(checkouts)} checkouts at ${rate}/s, at most ${concurrency} at once; ` +
        `worker 1 is killed after ${int(killAfter)}`,
    );
    const loadStart = performance.now();
    const run = await openLoop(http, {
      rate,
      seconds: checkouts / rate,
      send,
      maxInFlight: concurrency,
      okStatus: 201,
    });
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const killed = await kill;
    const checkoutsOk = run.results.filter((result) => result.status === 201);
    const checkoutErrors = run.results.filter((result) => result.status !== 201);
    const latency = latencySummary(run.results.map((result) => result.latency));
    progress(
      `checkouts: ${checkoutsOk.length} created, ${checkoutErrors.length} failed, in ${secs(loadSeconds * 1000)}; ` +
        `latency p50 ${round(latency.p50, 1)} ms, p99 ${round(latency.p99, 1)} ms`,
    );
    if (checkoutErrors.length) progress(`  first failure: ${checkoutErrors[0].status} ${checkoutErrors[0].error}`);

    // Which checkout (i) and shop (j) each retailer order is.
    const orderIndex = new Map();
    const partOf = new Map(); // retailer order id → { i, j, k, orderId }
    for (const result of checkoutsOk) {
      const order = result.answer.body;
      orderIndex.set(order.id, result.i);
      for (const part of order.retailerOrders) {
        const j = shops.findIndex((shop) => shop.id === part.retailerId);
        partOf.set(part.id, { i: result.i, j, k: result.i * SHOPS + j, orderId: order.id });
      }
    }

    // ---- Routing settles: every retailer order leaves pending (submitted, or failed when attempts ran out).
    const statusCounts = async () =>
      Object.fromEntries(
        (
          await sql.query(`SELECT status, count(*)::int AS n FROM retailer_order GROUP BY status ORDER BY status`)
        ).rows.map((row) => [row.status, row.n]),
      );
    const settleStart = Date.now();
    const settled = await waitUntil(statusCounts, (counts) => !counts.pending, {
      timeoutMs: settleSeconds * 1000,
      intervalMs: 500,
      what: 'every retailer order out of pending',
      onWait: (counts, waited) => progress(`routing: ${JSON.stringify(counts)} after ${secs(waited)}`),
    });
    const settleMs = Date.now() - settleStart;
    progress(`routing settled ${secs(settleMs)} after the last checkout: ${JSON.stringify(settled)}`);

    // ---- Act as the retailers and the channel.
    const expected = new Map(); // retailer order id → the status it should end in
    const actionErrors = [];
    const actionCounts = {};
    const act = async (what, call, check) => {
      actionCounts[what] = (actionCounts[what] ?? 0) + 1;
      try {
        const answer = await call();
        if (!check(answer)) actionErrors.push(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
        return answer;
      } catch (error) {
        actionErrors.push(`${what}: ${error.message}`);
        return null;
      }
    };
    const current = new Map(
      (await sql.query(`SELECT id, status, reason FROM retailer_order`)).rows.map((row) => [row.id, row]),
    );
    for (const [id, row] of current) expected.set(id, row.status);
    const partsOfOrder = (orderId) =>
      [...partOf.entries()].filter(([, part]) => part.orderId === orderId).map(([id, part]) => ({ id, ...part }));
    const ordersWhere = (test) => [...orderIndex.entries()].filter(([, i]) => test(i)).map(([orderId]) => orderId);
    const cancelOrder = async (orderId, expectStatus) => {
      const answer = await act(
        `channel cancel (expect ${expectStatus})`,
        () =>
          channelApi.request('POST', `/v1/channel/orders/${orderId}/cancel`, {
            reason: 'Soak: the buyer changed their mind',
          }),
        (a) => a.status === expectStatus,
      );
      if (answer?.status === 200)
        for (const part of partsOfOrder(orderId))
          if (['submitted', 'accepted', 'failed', 'pending'].includes(expected.get(part.id)))
            expected.set(part.id, 'cancelled');
    };
    const retailerAction = (part, verb, body, to) =>
      act(
        `${verb}`,
        () => shops[part.j].api.request('POST', `/v1/retailer/orders/${part.id}/${verb}`, body),
        (a) => a.status === 200 && a.body?.status === to,
      ).then((answer) => {
        if (answer?.status === 200) expected.set(part.id, to);
      });
    const allParts = [...partOf.entries()].map(([id, part]) => ({ id, ...part }));
    const actionsStart = Date.now();

    await mapLimit(ordersWhere(cancelBeforeAcceptance), ACTION_CONCURRENCY, (orderId) => cancelOrder(orderId, 200));
    await mapLimit(
      allParts.filter((part) => expected.get(part.id) === 'submitted'),
      ACTION_CONCURRENCY,
      (part) =>
        refuses(part.k) && !cancelAfterShipment(part.i)
          ? retailerAction(part, 'refuse', { reason: 'Soak: out of stock' }, 'refused')
          : retailerAction(part, 'accept', {}, 'accepted'),
    );
    await mapLimit(ordersWhere(cancelAfterAcceptance), ACTION_CONCURRENCY, (orderId) => cancelOrder(orderId, 200));
    await mapLimit(
      allParts.filter(
        (part) =>
          expected.get(part.id) === 'accepted' && ships(part.i, part.j, part.k) && !cancelAfterAcceptance(part.i),
      ),
      ACTION_CONCURRENCY,
      (part) =>
        retailerAction(
          part,
          'ship',
          { carrier: 'PostNL', number: `3S${part.k}`, url: `https://jouw.postnl.nl/track/3S${part.k}` },
          'shipped',
        ),
    );
    await mapLimit(
      allParts.filter(
        (part) => expected.get(part.id) === 'shipped' && delivers(part.k) && !cancelAfterShipment(part.i),
      ),
      ACTION_CONCURRENCY,
      (part) => retailerAction(part, 'deliver', undefined, 'delivered'),
    );
    let refunded = 0;
    await mapLimit(
      allParts.filter((part) => expected.get(part.id) === 'delivered' && refunds(part.k)),
      ACTION_CONCURRENCY,
      async (part) => {
        const answer = await act(
          'refund',
          () =>
            shops[part.j].api.request('POST', `/v1/retailer/orders/${part.id}/refunds`, {
              amountMinor: '100',
              reason: 'Soak: goodwill',
            }),
          (a) => a.status === 201,
        );
        if (answer?.status === 201) refunded++;
      },
    );
    await mapLimit(
      ordersWhere(cancelAfterShipment).filter((orderId) =>
        partsOfOrder(orderId).some((part) => expected.get(part.id) === 'shipped'),
      ),
      ACTION_CONCURRENCY,
      (orderId) => cancelOrder(orderId, 409),
    );
    const actionsMs = Date.now() - actionsStart;
    progress(
      `retailer and channel actions in ${secs(actionsMs)}: ${JSON.stringify(actionCounts)}; ` +
        `${actionErrors.length} unexpected answers`,
    );
    for (const error of actionErrors.slice(0, 20)) progress(`  unexpected: ${error}`);

    // ---- Everything drains: channel webhooks delivered and received, cancellation notices at the sandboxes.
    const drainStart = Date.now();
    const cancelledAtRetailers = (
      await sql.query(
        `SELECT retailer_id, count(*)::int AS n
           FROM retailer_order
          WHERE status = 'cancelled' AND external_reference IS NOT NULL
          GROUP BY retailer_id`,
      )
    ).rows;
    const expectedCancellations = cancelledAtRetailers.reduce((sum, row) => sum + row.n, 0);
    await waitUntil(
      async () => {
        const { rows } = await sql.query(
          `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'pending')::int AS pending
             FROM channel_webhook_delivery WHERE channel_id = $1`,
          [channel.id],
        );
        return {
          ...rows[0],
          received: receiver.events.size,
          cancellations: shops.reduce((sum, shop) => sum + shop.sandbox.stats().cancellations, 0),
          expectedCancellations,
        };
      },
      (state) => state.pending === 0 && state.received >= state.total && state.cancellations >= expectedCancellations,
      {
        timeoutMs: 180_000,
        intervalMs: 500,
        what: 'the channel webhooks and cancellation notices to drain',
        onWait: (state, waited) => progress(`draining: ${JSON.stringify(state)} after ${secs(waited)}`),
      },
    ).catch((error) => progress(error.message));
    const drainMs = Date.now() - drainStart;
    await sleep(1000); // a redelivery in flight may still land

    // ---- Checks.
    const checks = [];
    const check = (what, ok, detail) => checks.push([what, ok, detail]);

    check(
      'every checkout answered 201',
      checkoutErrors.length === 0,
      checkoutErrors.length
        ? `${checkoutErrors.length} failed, e.g. ${checkoutErrors[0].status} ${checkoutErrors[0].error}`
        : `${checkoutsOk.length}`,
    );
    const badResends = resends.filter((resend) => !resend.ok);
    check(
      'a checkout resent with its Idempotency-Key answered the same order ' +
        '(201 once, 200 with Idempotent-Replayed once)',
      badResends.length === 0 && resends.length > 0,
      `${resends.length} resent (${resends.filter((r) => r.mode === 'concurrent').length} at the same time, ` +
        `${resends.filter((r) => r.mode === 'after').length} after the answer)` +
        `${badResends.length ? `; wrong: ${JSON.stringify(badResends.slice(0, 3))}` : ''}`,
    );
    const orderRows = Number(
      (await sql.query(`SELECT count(*) FROM customer_order WHERE channel_id = $1`, [channel.id])).rows[0].count,
    );
    check(
      'one order per checkout, none from the resends',
      orderRows === checkoutsOk.length,
      `${orderRows} orders for ${checkoutsOk.length} checkouts`,
    );

    // (a) every retailer order in a final or expected state.
    const finalRows = (
      await sql.query(
        `SELECT id, retailer_id, status, reason, external_reference, total_minor::text AS total FROM retailer_order`,
      )
    ).rows;
    const finalStatus = Object.fromEntries(
      (
        await sql.query(`SELECT status, count(*)::int AS n FROM retailer_order GROUP BY status ORDER BY status`)
      ).rows.map((row) => [row.status, row.n]),
    );
    const pendingLeft = finalRows.filter((row) => row.status === 'pending');
    const failedOutOfAttempts = finalRows.filter(
      (row) => row.status === 'failed' && /gave up after \d+ attempts/.test(row.reason ?? ''),
    );
    const failedOtherwise = finalRows.filter(
      (row) => row.status === 'failed' && !/gave up after \d+ attempts/.test(row.reason ?? ''),
    );
    const notAsExpected = finalRows.filter((row) => expected.get(row.id) !== row.status);
    check('no retailer order left pending', pendingLeft.length === 0, `${pendingLeft.length} pending`);
    check(
      'no retailer order failed but for running out of attempts',
      failedOtherwise.length === 0,
      `${failedOutOfAttempts.length} out of attempts, ` +
        `${failedOtherwise.length} otherwise` +
        `${failedOtherwise.length ? ` (e.g. ${failedOtherwise[0].id}: ${failedOtherwise[0].reason})` : ''}`,
    );
    check(
      'every retailer order ended in the status the soak drove it to',
      notAsExpected.length === 0,
      notAsExpected.length
        ? `${notAsExpected.length} differ, e.g. ${notAsExpected
            .slice(0, 3)
            .map((row) => `${row.id} is ${row.status}, expected ${expected.get(row.id)}`)
            .join('; ')}`
        : `${finalRows.length} retailer orders: ${JSON.stringify(finalStatus)}`,
    );
    check(
      'the retailers and the channel got the answers expected for their actions',
      actionErrors.length === 0,
      actionErrors.length
        ? `${actionErrors.length}, e.g. ${actionErrors.slice(0, 3).join(' | ')}`
        : `${Object.values(actionCounts).reduce((a, b) => a + b, 0)} actions`,
    );

    // (b) each sandbox holds each routed retailer order of its retailer exactly once, and nothing else.
    const transitions = (
      await sql.query(
        `SELECT id, retailer_order_id, from_status, to_status
           FROM retailer_order_transition ORDER BY retailer_order_id, id`,
      )
    ).rows;
    const reachedRetailer = new Set(
      transitions.filter((row) => row.to_status === 'submitted').map((row) => row.retailer_order_id),
    );
    const sandboxReports = shops.map((shop) => {
      const rows = finalRows.filter((row) => row.retailer_id === shop.id);
      const ids = new Set(rows.map((row) => row.id));
      const byId = new Map(rows.map((row) => [row.id, row]));
      const reached = rows.filter((row) => reachedRetailer.has(row.id)).map((row) => row.id);
      const orders = shop.sandbox.orders();
      const keys = orders.map((order) => order.idempotencyKey);
      const keySet = new Set(keys);
      const notSouks = keys.filter((key) => !ids.has(key));
      const notRouted = keys.filter((key) => ids.has(key) && !reachedRetailer.has(key));
      const missing = reached.filter((id) => !keySet.has(id));
      const wrongReference = orders.filter(
        (order) =>
          byId.has(order.idempotencyKey) && byId.get(order.idempotencyKey).external_reference !== order.reference,
      );
      const wrongTotal = orders.filter(
        (order) => byId.has(order.idempotencyKey) && byId.get(order.idempotencyKey).total !== order.order.totalMinor,
      );
      const stats = shop.sandbox.stats();
      return {
        shop: shop.index,
        soukRetailerOrders: rows.length,
        routed: reached.length,
        sandboxOrders: orders.length,
        duplicateKeys: keys.length - keySet.size,
        notSouks: notSouks.length,
        notRouted: notRouted.length,
        missing: missing.length,
        wrongReference: wrongReference.length,
        wrongTotal: wrongTotal.length,
        maxCallsPerKey: Math.max(0, ...orders.map((order) => order.calls)),
        stats,
        examples: [...notSouks, ...notRouted, ...missing, ...wrongReference.map((order) => order.idempotencyKey)].slice(
          0,
          3,
        ),
      };
    });
    for (const report of sandboxReports) {
      const ok =
        report.duplicateKeys === 0 &&
        report.notSouks === 0 &&
        report.notRouted === 0 &&
        report.missing === 0 &&
        report.sandboxOrders === report.routed &&
        report.wrongReference === 0 &&
        report.wrongTotal === 0;
      check(
        `sandbox ${report.shop}: each routed retailer order once, ` +
          `by its id as Idempotency-Key, with Souk's reference and total`,
        ok,
        `${report.sandboxOrders} sandbox orders for ${report.routed} routed (of ${report.soukRetailerOrders}); ` +
          `duplicates ${report.duplicateKeys}, unknown ${report.notSouks}, never submitted ${report.notRouted}, ` +
          `missing ${report.missing}, other reference ${report.wrongReference}, other total ${report.wrongTotal}; ` +
          `bad signatures ${report.stats.badSignatures}` +
          `${report.examples.length ? `; e.g. ${report.examples.join(', ')}` : ''}`,
      );
    }
    check(
      'no order webhook failed its signature at a sandbox',
      sandboxReports.every((report) => report.stats.badSignatures === 0),
      sandboxReports.map((report) => report.stats.badSignatures).join(', '),
    );
    const sandboxCancellations = shops.reduce((sum, shop) => sum + shop.sandbox.stats().cancellations, 0);
    check(
      'every cancelled retailer order that a sandbox held was cancelled there too',
      sandboxCancellations === expectedCancellations,
      `${sandboxCancellations} of ${expectedCancellations}`,
    );

    // (c) one channel webhook per status change, verified, by webhook-id; one order.created per order.
    const events = [...receiver.events.values()];
    const statusEvents = new Map();
    const refundEvents = new Map();
    const createdEvents = new Map();
    const otherEvents = [];
    for (const event of events) {
      if (event.type === 'order.created')
        createdEvents.set(event.data.orderId, (createdEvents.get(event.data.orderId) ?? 0) + 1);
      else if (event.type === 'retailer_order.refunded')
        refundEvents.set(event.data.retailerOrderId, (refundEvents.get(event.data.retailerOrderId) ?? 0) + 1);
      else if (event.type?.startsWith('retailer_order.')) {
        const list = statusEvents.get(event.data.retailerOrderId) ?? [];
        list.push(event);
        statusEvents.set(event.data.retailerOrderId, list);
      } else otherEvents.push(event.type);
    }
    const changesById = new Map();
    for (const row of transitions) {
      if (row.from_status === null) continue;
      const list = changesById.get(row.retailer_order_id) ?? [];
      list.push(`${row.from_status}→${row.to_status}`);
      changesById.set(row.retailer_order_id, list);
    }
    const eventMismatches = [];
    let statusChanges = 0;
    for (const row of finalRows) {
      const want = changesById.get(row.id) ?? [];
      statusChanges += want.length;
      const got = (statusEvents.get(row.id) ?? []).sort((a, b) => a.data.version - b.data.version);
      const gotChanges = got.map((event) => `${event.data.previousStatus}→${event.data.status}`);
      const typesRight = got.every((event) => event.type === `retailer_order.${event.data.status}`);
      const versionsDistinct = new Set(got.map((event) => event.data.version)).size === got.length;
      if (gotChanges.join(',') !== want.join(',') || !typesRight || !versionsDistinct)
        eventMismatches.push(
          `${row.id}: transitions ${want.join(',') || '–'}; events ${gotChanges.join(',') || '–'} ` +
            `(versions ${got.map((event) => event.data.version).join(',')})`,
        );
    }
    const strayEvents = [...statusEvents.keys()].filter((id) => !finalRows.some((row) => row.id === id));
    const statusEventCount = [...statusEvents.values()].reduce((sum, list) => sum + list.length, 0);
    const mismatchNote = eventMismatches.length
      ? `; ${eventMismatches.length} retailer orders differ, e.g. ${eventMismatches.slice(0, 2).join(' | ')}`
      : '';
    check(
      'the channel got exactly one event per status change, in the order of the transitions',
      eventMismatches.length === 0 && strayEvents.length === 0,
      `${statusEventCount} events for ${statusChanges} transitions${mismatchNote}` +
        `${strayEvents.length ? `; ${strayEvents.length} for unknown retailer orders` : ''}`,
    );
    const ordersWithoutCreated = [...orderIndex.keys()].filter((orderId) => createdEvents.get(orderId) !== 1);
    check(
      'the channel got exactly one order.created per order',
      ordersWithoutCreated.length === 0 && createdEvents.size === orderIndex.size,
      `${createdEvents.size} for ${orderIndex.size} orders` +
        `${ordersWithoutCreated.length ? `; ${ordersWithoutCreated.length} without exactly one` : ''}`,
    );
    const refundRows = (
      await sql.query(`SELECT retailer_order_id, count(*)::int AS n FROM refund GROUP BY retailer_order_id`)
    ).rows;
    const refundMismatch =
      refundRows.filter((row) => refundEvents.get(row.retailer_order_id) !== row.n).length +
      [...refundEvents.keys()].filter((id) => !refundRows.some((row) => row.retailer_order_id === id)).length;
    check(
      'the channel got one retailer_order.refunded per refund',
      refundMismatch === 0,
      `${[...refundEvents.values()].reduce((a, b) => a + b, 0)} events for ` +
        `${refundRows.reduce((sum, row) => sum + row.n, 0)} refunds`,
    );
    const deliveries = Object.fromEntries(
      (
        await sql.query(
          `SELECT status, count(*)::int AS n FROM channel_webhook_delivery WHERE channel_id = $1 GROUP BY status`,
          [channel.id],
        )
      ).rows.map((row) => [row.status, row.n]),
    );
    const deliveryTotal = Object.values(deliveries).reduce((a, b) => a + b, 0);
    check(
      'every channel webhook was delivered, verified, and received once by webhook-id',
      (deliveries.delivered ?? 0) === deliveryTotal &&
        events.length === deliveryTotal &&
        receiver.counts.badSignatures === 0 &&
        receiver.counts.redeliveredWithOtherBody === 0 &&
        otherEvents.length === 0,
      `${deliveryTotal} recorded (${JSON.stringify(deliveries)}), ${events.length} received; ` +
        `${receiver.counts.redeliveries} redeliveries (same id), ` +
        `${receiver.counts.badSignatures} bad signatures, ` +
        `${receiver.counts.redeliveredWithOtherBody} redelivered with another body` +
        `${otherEvents.length ? `, other types: ${[...new Set(otherEvents)].join(', ')}` : ''}`,
    );

    // ---- Figures that are reported, not required.
    const attempts = (
      await sql.query(
        `SELECT coalesce(outcome, 'unfinished') AS outcome, count(*)::int AS n,
                count(*) FILTER (WHERE instance_id = $1)::int AS on_killed
           FROM routing_attempt GROUP BY 1 ORDER BY 1`,
        [killed?.instance ?? null],
      )
    ).rows;
    const attemptsPerOrder = (
      await sql.query(
        `SELECT routing_attempts AS attempts, count(*)::int AS n FROM retailer_order GROUP BY 1 ORDER BY 1`,
      )
    ).rows;
    const errorsByKind = (
      await sql.query(
        `SELECT CASE WHEN response_status IS NOT NULL THEN response_status::text
                     WHEN error LIKE 'no answer within%' THEN 'timeout'
                     ELSE left(error, 40) END AS kind,
                count(*)::int AS n
         FROM routing_attempt WHERE outcome IN ('retry', 'abandoned') GROUP BY 1 ORDER BY 2 DESC`,
      )
    ).rows;
    const pgBossRetried = await sql
      .query(
        `SELECT name, count(*) FILTER (WHERE retry_count > 0)::int AS retried, count(*)::int AS jobs
           FROM pgboss.job
          WHERE name IN ('orders.route', 'channel-webhook.deliver')
          GROUP BY name ORDER BY name`,
      )
      .then(
        (result) => result.rows,
        (error) => [{ error: error.message }],
      );
    const serverErrors = started.flatMap(([name, running]) =>
      loggedErrors(running.output()).map((error) => ({ process: name, ...error })),
    );
    await cleanUp();
    const loadAfter = loadavg()[0];
    const machine = machineFacts({ settings, embedded: server.embedded, loadBefore, loadAfter });
    const totals = sandboxReports.reduce(
      (sum, report) => {
        sum.received += report.stats.received;
        sum.created += report.stats.created;
        sum.replays += report.stats.replays;
        sum.callsAfterSuccess += report.stats.callsAfterSuccess;
        for (const [kind, n] of Object.entries(report.stats.faults)) sum.faults[kind] = (sum.faults[kind] ?? 0) + n;
        return sum;
      },
      { received: 0, created: 0, replays: 0, callsAfterSuccess: 0, faults: {} },
    );
    const faultCalls = Object.values(totals.faults).reduce((a, b) => a + b, 0);

    const serverErrorSamples = [
      ...new Set(serverErrors.map((error) => `${error.process}: ${error.msg} ${error.error ?? ''}`.slice(0, 200))),
    ]
      .slice(0, 5)
      .join(' | ');
    const retriedJobs = pgBossRetried
      .map((row) => (row.error ? row.error : `${row.name} ${row.retried} of ${row.jobs}`))
      .join(', ');
    const lines = [
      `Souk orders soak: ${int(checkouts)} checkouts × ${SHOPS} retailers ` +
        `at ${rate}/s (at most ${concurrency} at once), sandboxes failing ${FAULTS.rate * 100}% of order calls, ` +
        `2 workers, one SIGKILLed after ${int(killAfter)} checkouts and restarted ${secs(restartAfterMs)} later`,
      `machine: ${machine.cpus} CPU (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}, ` +
        `PostgreSQL ${machine.postgres} (${server.embedded ? 'embedded' : 'given server'}), ` +
        `3 marketplace processes + the soak on the same machine, ` +
        `load average ${machine.loadAverage1m.before} → ${machine.loadAverage1m.after}`,
      `routing: timeout ${ROUTING_ENV.SOUK_ORDER_ROUTING_TIMEOUT_MS} ms, ` +
        `retry base ${ROUTING_ENV.SOUK_ORDER_ROUTING_RETRY_BASE_MS} ms, ` +
        `${ROUTING_ENV.SOUK_ORDER_ROUTING_MAX_ATTEMPTS} attempts, concurrency ${routingConcurrency} per worker; ` +
        `faults ${JSON.stringify(FAULTS.kinds)}, hang ${FAULTS.hangMs} ms, Retry-After ${FAULTS.retryAfterSeconds} s`,
      '',
      `checkouts: ${checkoutsOk.length} created, ${checkoutErrors.length} failed in ${secs(loadSeconds * 1000)} ` +
        `(achieved ${(run.sent / run.elapsedSeconds).toFixed(1)}/s); ` +
        `latency p50 ${round(latency.p50, 1)} ms, p99 ${round(latency.p99, 1)} ms, max ${round(latency.max, 1)} ms; ` +
        `${resends.length} resent with the same key`,
      `kill: worker 1 (${killed?.inFlightAtKill ?? '?'} routing calls in flight) SIGKILLed, exit ${killed?.exit}; ` +
        `back ${secs(killed?.downMs ?? 0)} later (start-up ${secs(killed?.restartMs ?? 0)})`,
      `routing settled ${secs(settleMs)} after the last checkout: ${JSON.stringify(settled)}`,
      `routing attempts by outcome (on the killed worker): ` +
        `${attempts.map((row) => `${row.outcome} ${row.n} (${row.on_killed})`).join(', ')}`,
      `  failed attempts by answer: ${errorsByKind.map((row) => `${row.kind} ${row.n}`).join(', ')}`,
      `  attempts per retailer order: ${attemptsPerOrder.map((row) => `${row.attempts}: ${row.n}`).join(', ')}`,
      `  pg-boss jobs retried after a worker died (or a database error): ${retriedJobs}`,
      `sandboxes: ${totals.received} calls, ${totals.created} orders created, ` +
        `${totals.replays} replays of a known key, ${totals.callsAfterSuccess} calls after a 2xx, ` +
        `${faultCalls} faults ${JSON.stringify(totals.faults)}, ${sandboxCancellations} cancellations`,
      `actions (${secs(actionsMs)}): ${Object.entries(actionCounts)
        .map(([what, n]) => `${what} ${n}`)
        .join(', ')}; ${refunded} refunds`,
      `retailer orders at the end: ${JSON.stringify(finalStatus)}`,
      `channel webhooks: ${events.length} events (${statusEventCount} status changes, ` +
        `${createdEvents.size} order.created, ${[...refundEvents.values()].reduce((a, b) => a + b, 0)} refunded), ` +
        `${receiver.counts.requests} requests, ${receiver.counts.redeliveries} redeliveries by webhook-id; ` +
        `drained ${secs(drainMs)} after the actions`,
      `errors logged by the marketplace processes: ${serverErrors.length}` +
        `${serverErrors.length ? ` (${serverErrorSamples})` : ''}`,
      `wall time ${secs(performance.now() - startedAt)}`,
      '',
      ...checks.map(([what, ok, detail]) => `check ${mark(ok)} ${what} (${detail})`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    for (const error of serverErrors.slice(0, 3))
      if (error.stack) progress(`${error.process} logged "${error.msg}" (request ${error.requestId}):\n${error.stack}`);
    const passed = checks.every(([, ok]) => ok);
    if (args.json) {
      const result = {
        benchmark: 'soak-orders',
        checkouts,
        created: checkoutsOk.length,
        checkoutErrors: checkoutErrors.length,
        rate,
        achievedRate: round(run.sent / run.elapsedSeconds, 1),
        concurrency,
        routingConcurrency,
        checkoutP50Ms: round(latency.p50),
        checkoutP99Ms: round(latency.p99),
        checkoutMaxMs: round(latency.max),
        resends: resends.length,
        kill: killed
          ? {
              afterCheckouts: killAfter,
              inFlightAtKill: killed.inFlightAtKill,
              exit: killed.exit,
              downMs: killed.downMs,
              restartMs: killed.restartMs,
            }
          : null,
        settleMs,
        retailerOrders: finalRows.length,
        retailerOrderStatuses: finalStatus,
        failedOutOfAttempts: failedOutOfAttempts.length,
        routingAttempts: Object.fromEntries(attempts.map((row) => [row.outcome, row.n])),
        routingAttemptsOnKilledWorker: Object.fromEntries(attempts.map((row) => [row.outcome, row.on_killed])),
        routingFailuresByAnswer: Object.fromEntries(errorsByKind.map((row) => [row.kind, row.n])),
        attemptsPerRetailerOrder: Object.fromEntries(attemptsPerOrder.map((row) => [row.attempts, row.n])),
        pgBossRetriedJobs: pgBossRetried,
        sandboxes: sandboxReports.map(({ examples: _examples, ...report }) => report),
        sandboxTotals: { ...totals, cancellations: sandboxCancellations },
        actions: actionCounts,
        actionErrors: actionErrors.length,
        refunds: refunded,
        channelWebhooks: {
          events: events.length,
          statusChangeEvents: statusEventCount,
          transitions: statusChanges,
          orderCreated: createdEvents.size,
          refunded: [...refundEvents.values()].reduce((a, b) => a + b, 0),
          requests: receiver.counts.requests,
          redeliveries: receiver.counts.redeliveries,
          badSignatures: receiver.counts.badSignatures,
          deliveries,
        },
        serverErrors: serverErrors.length,
        serverErrorExamples: serverErrors.slice(0, 5).map(({ stack: _stack, ...error }) => error),
        wallSeconds: round((performance.now() - startedAt) / 1000, 1),
        checks: checks.map(([what, ok, detail]) => ({ what, ok, detail })),
        checksPassed: passed,
        machine,
      };
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }
    process.exitCode = passed ? 0 : 1;
  } catch (error) {
    if (!interrupted()) {
      process.stderr.write(`soak:orders failed: ${error?.stack ?? error}\n`);
      for (const [name, running] of started) {
        const output = running?.output?.() ?? '';
        if (output.trim())
          process.stderr.write(`--- ${name} (pid ${running.pid}), last output:\n${output.slice(-3000)}\n`);
      }
    }
    await cleanUp().catch(() => undefined);
    process.exitCode = 1;
  }
}

await main();
await exitWithCode();
