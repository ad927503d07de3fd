// npm run bench:chat -- [--rate R] [--seconds S] [--warmup-seconds S] [--think-ms MS] [--baseline-seconds S]
//                       [--workers N] [--seed N] [--json] [--database-url URL]
//
// Shopping in chat under load: the built marketplace (its own process, every role) with the demo
// catalog, the built WhatsApp channel (its own process), and a WhatsApp Cloud API sandbox in this
// process, where simulated buyers (one wa_id each) play a scripted conversation, "Hi" to a placed
// order, at a fixed arrival rate of messages (open loop). It measures the channel's webhook answer
// (ack), the time from a buyer's message to the channel's reply at the sandbox (search and the
// order's confirmation), and completed conversations per second, beside baselines in the same run:
// the bare search call to Souk and the sandbox's webhook round trip to a trivial receiver. See
// bench/README.md. Progress goes to stderr; the report to stdout, and with --json one JSON object
// as its last line.
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { chatScript, playConversations, SEARCH_WORDS } from './chat-conversations.mjs';
import {
  createDemoChannel,
  loadDemoCatalog,
  startChannelProcess,
  startWhatsAppSandbox,
} from './support/chat-fixtures.mjs';
import { cleanupRegistry, exitWithCode } from './support/cleanup.mjs';
import { httpClient, latencySummary, openLoop, timed } from './support/http-load.mjs';
import { startMarketplaceProcess } from './support/marketplace-process.mjs';
import {
  apiWith,
  loggedErrors,
  machineFacts,
  marketplaceEnv,
  newEncryptionKey,
  newOperatorKey,
  sleep,
} from './support/order-fixtures.mjs';
import { cpuMeter, postgresPids } from './support/process-cpu.mjs';
import { int, mark, progressFor, round } from './support/output.mjs';
import { createBenchDatabase, freePort, serverSettings, startPostgres } from './support/postgres.mjs';

const TARGETS = { ackP99Ms: 20, replyP99Ms: 300 };
/** Rows of products per list message: the channel's page size (a list holds 10 rows, one is kept for "more"). */
const PAGE_SIZE = 9;
const SEQUENTIAL_SEARCHES = 100;

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '30' },
    'warmup-seconds': { type: 'string', default: '20' },
    'think-ms': { type: 'string', default: '1000' },
    'baseline-seconds': { type: 'string', default: '10' },
    workers: { type: 'string' },
    seed: { type: 'string', default: '20261122' },
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
const thinkMs = positive('think-ms', { zero: true });
const baselineSeconds = positive('baseline-seconds');
const workers = args.workers === undefined ? null : positive('workers');
const seed = positive('seed', { zero: true });
const serverUrl = args['database-url'] ?? process.env.BENCH_DATABASE_URL;

const progress = progressFor('chat');
const ms = (value) => (value === null || value === undefined ? '–' : `${value.toFixed(1)} ms`);
const summaryLine = (summary) =>
  `p50 ${ms(summary.p50)}, p90 ${ms(summary.p90)}, p99 ${ms(summary.p99)}, max ${ms(summary.max)} (${summary.count})`;
const summaryJson = (summary) => ({
  count: summary.count,
  p50Ms: round(summary.p50),
  p90Ms: round(summary.p90),
  p99Ms: round(summary.p99),
  maxMs: round(summary.max),
});
const ratio = (a, b) => (a === null || b === null || b === 0 ? null : a / b);
const times = (value) => (value === null ? '–' : `${value.toFixed(2)}x`);
/** performance.now() of this process as epoch ms, to set beside PostgreSQL's now() (the same machine clock). */
const epochOf = (monotonicMs) => performance.timeOrigin + monotonicMs;

async function main() {
  const { cleanups, cleanUp, interrupted } = cleanupRegistry(progress);
  let market;
  let channelProcess;
  try {
    const loadBefore = loadavg()[0];
    const server = await startPostgres({ url: serverUrl }, cleanups);
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
      'max_connections',
    ]);
    const dataDirectory = await sql.query('SHOW data_directory').then(
      (result) => result.rows[0].data_directory,
      () => null,
    );

    // ---- Souk with the demo catalog (loaded through the API: see bench/README.md for why not SOUK_DEMO_DATA).
    const operatorKey = newOperatorKey();
    market = await startMarketplaceProcess(
      marketplaceEnv({
        databaseUrl: database.url,
        encryptionKey: newEncryptionKey(),
        operatorKey,
        roles: 'api,worker,scheduler',
        // The per-key limit is counted (one upsert per request, as in production) but out of reach: the default 600 a
        // minute is below what 20 messages a second need.
        extra: { SOUK_CHANNEL_REQUESTS_PER_MINUTE: '1000000000' },
      }),
      cleanups,
    );
    progress(`marketplace (pid ${market.pid}, every role) at ${market.baseUrl}`);
    const admin = apiWith(market.baseUrl, operatorKey);
    const catalog = await loadDemoCatalog(admin, cleanups);
    progress(`demo catalog: ${catalog.shops.map((shop) => `${shop.name} ${shop.created} offers`).join(', ')}`);

    // ---- The demo channel, the Cloud API sandbox (reading the channel's catalog feed) and the WhatsApp channel
    // process.
    const channelPort = await freePort();
    const channel = await createDemoChannel(admin, `http://127.0.0.1:${channelPort}`);
    const { sandbox, secrets } = await startWhatsAppSandbox(cleanups, { catalogFeedUrl: channel.feedUrl });
    channelProcess = await startChannelProcess(cleanups, {
      port: channelPort,
      databaseUrl: database.url,
      soukUrl: market.baseUrl,
      channel,
      sandbox,
      secrets,
      workers,
    });
    progress(
      `WhatsApp channel (pid ${channelProcess.pid}${workers ? `, ${workers} workers` : ''}) ` +
        `at ${channelProcess.baseUrl}, verified by the sandbox at ${sandbox.url}`,
    );

    // ---- The words: each must find products in the demo catalog; rows of in-stock products are the ones buyers tap.
    const search = httpClient(market.baseUrl, {
      headers: { authorization: `Bearer ${channel.baselineKey}`, accept: 'application/json' },
    });
    cleanups.push(() => search.close());
    let searchUser = 0;
    const searchPath = (word) =>
      `/v1/channel/search?q=${encodeURIComponent(word)}` +
      `&user=${encodeURIComponent(`whatsapp:+3169${String(searchUser++).padStart(7, '0')}`)}&limit=${PAGE_SIZE}`;
    const inStock = new Map();
    for (const word of SEARCH_WORDS) {
      const answer = await search.get(searchPath(word), { parse: true });
      if (answer.status !== 200)
        throw new Error(
          `the search for "${word}" answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`,
        );
      inStock.set(
        word,
        new Set(
          answer.body.items.filter((item) => item.bestOffer.availability === 'in_stock').map((item) => item.productId),
        ),
      );
    }
    const words = SEARCH_WORDS.filter((word) => inStock.get(word).size > 0);
    const missed = SEARCH_WORDS.filter((word) => !words.includes(word));
    if (words.length === 0)
      throw new Error(`no search word finds a product in stock in the demo catalog: ${SEARCH_WORDS.join(', ')}`);
    progress(
      `${words.length} search words find products in stock${missed.length ? ` (left out: ${missed.join(', ')})` : ''}`,
    );

    // ---- The measured run: warm-up, then the window; CPU per process over the window.
    const script = chatScript(channel.locale);
    const cpuGroups = {
      channel: () => [channelProcess.pid],
      marketplace: () => [market.pid],
      postgres: () => (dataDirectory ? postgresPids(dataDirectory) : []),
      benchmark: () => [process.pid],
    };
    const soukCalls = async () =>
      Number(
        (
          await sql.query(`SELECT coalesce(sum(requests), 0) AS n FROM api_key_rate_window WHERE key_id = $1`, [
            channel.keyId,
          ])
        ).rows[0].n,
      );
    let meter;
    let cpuDuringRun = null;
    const soukCallsBefore = { value: null };
    progress(`conversations at ${rate} messages/s: ${warmupSeconds} s of warm-up, then ${seconds} s measured`);
    const played = await playConversations({
      sandbox,
      script,
      rate,
      seconds,
      warmupSeconds,
      thinkMs,
      words,
      buyable: (word, productId) => inStock.get(word).has(productId),
      seed,
      onWindow: (edge) => {
        if (edge === 'start') {
          meter = cpuMeter(cpuGroups);
          void soukCalls().then((n) => (soukCallsBefore.value = n));
          progress('warm-up done; measuring');
        } else {
          cpuDuringRun = meter.stop();
          progress('the measured window is over; waiting for the last replies');
        }
      },
    });
    const soukCallsAfter = await soukCalls();
    await sandbox.settled();

    // ---- What the run gives.
    const { messages, chats, window } = played;
    const measured = messages.filter((message) => message.measured);
    const windowEnd = window.startAt + seconds * 1000;
    const replied = (step) =>
      measured.filter((message) => message.step === step && message.replyAt !== null && !message.error);
    const replyLatencies = (step) => replied(step).map((message) => message.replyAt - message.sentAt);
    const reply = latencySummary(replyLatencies('search'));
    const checkoutReply = latencySummary(replyLatencies('place'));
    const steps = Object.fromEntries(
      script.steps.map((step) => [step.name, latencySummary(replyLatencies(step.name))]),
    );
    const measuredWamids = new Set(measured.map((message) => message.wamid).filter(Boolean));
    const deliveries = sandbox.deliveries();
    const firstAttempts = (list) => list.map((delivery) => delivery.attempts[0]).filter(Boolean);
    const messageDeliveries = deliveries.filter(
      (delivery) => delivery.kind === 'message' && measuredWamids.has(delivery.wamid),
    );
    const statusDeliveries = deliveries
      .slice(window.deliveriesBefore, window.deliveriesAfter)
      .filter((delivery) => delivery.kind === 'status');
    const ack = latencySummary(firstAttempts(messageDeliveries).map((attempt) => attempt.durationMs));
    const statusAck = latencySummary(firstAttempts(statusDeliveries).map((attempt) => attempt.durationMs));
    const webhookFailures = [...messageDeliveries, ...statusDeliveries]
      .flatMap((delivery) => delivery.attempts)
      .filter((attempt) => attempt.status === null || attempt.status < 200 || attempt.status >= 300);
    const completed = chats.filter(
      (chat) => chat.completedAt !== null && chat.completedAt >= window.startAt && chat.completedAt < windowEnd,
    );
    const buyers = new Set(measured.map((message) => message.waId)).size;
    const errors = measured.filter((message) => message.error);
    const errorKinds = {};
    for (const message of errors) {
      const kind = message.error.replace(/:.*$/s, '');
      errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    }
    const putOffSeen = measured.reduce((sum, message) => sum + message.putOff, 0);
    const inbox = (
      await sql.query(
        `SELECT wamid, attempts, state, extract(epoch FROM received_at) * 1000 AS received_ms,
                extract(epoch FROM done_at) * 1000 AS claimed_ms
           FROM whatsapp_channel.inbound_message WHERE wamid = ANY($1)`,
        [[...measuredWamids]],
      )
    ).rows;
    const inboxByWamid = new Map(inbox.map((row) => [row.wamid, row]));
    const retried = inbox.filter((row) => row.attempts > 1).length;
    // Where a reply's time goes, on the machine's clock: sandbox → channel's commit of the webhook (received_at is its
    // transaction's start), the wait in the inbox until a worker claims the conversation (done_at is the start of the
    // worker's transaction), and the handling (Souk's API, the send to the sandbox, the channel's own SQL).
    const stagesOf = (step) => {
      const rows = replied(step)
        .map((message) => ({ message, row: inboxByWamid.get(message.wamid) }))
        .filter(({ row }) => row?.claimed_ms != null);
      return {
        toChannel: latencySummary(rows.map(({ message, row }) => Number(row.received_ms) - epochOf(message.sentAt))),
        inboxWait: latencySummary(rows.map(({ row }) => Number(row.claimed_ms) - Number(row.received_ms))),
        handling: latencySummary(rows.map(({ message, row }) => epochOf(message.replyAt) - Number(row.claimed_ms))),
      };
    };
    const stages = { search: stagesOf('search'), place: stagesOf('place') };
    const placedOrders = Number(
      (await sql.query(`SELECT count(*)::int AS n FROM customer_order WHERE channel_id = $1`, [channel.id])).rows[0].n,
    );
    const placeReplies = messages.filter(
      (message) => message.step === 'place' && message.replyAt !== null && !message.error,
    ).length;
    const channelErrors = loggedErrors(channelProcess.output());
    const marketErrors = loggedErrors(market.output());
    const soukCallsPerMessage =
      soukCallsBefore.value === null ? null : (soukCallsAfter - soukCallsBefore.value) / measured.length;

    // ---- Baselines, with the channel idle: Souk's search (one at a time, then at the rate), and the sandbox's webhook
    // round trip to a trivial receiver.
    await sleep(2000);
    progress('baselines: the bare search, one at a time and at the rate');
    const sequential = [];
    for (let i = 0; i < SEQUENTIAL_SEARCHES; i++)
      sequential.push((await timed(() => search.get(searchPath(words[i % words.length]))))[1]);
    const directSequential = latencySummary(sequential);
    const atRate = await openLoop(search, {
      rate,
      seconds: baselineSeconds,
      pathOf: (i) => searchPath(words[i % words.length]),
    });
    const directAtRate = latencySummary(atRate.results.map((result) => result.latency));
    const directErrors = atRate.results.filter((result) => result.status !== 200).length;
    progress('baselines: the webhook round trip to a trivial receiver');
    const floor = await webhookFloor(cleanups, { rate, seconds: baselineSeconds });
    const loadAfter = loadavg()[0];
    await cleanUp();

    const machine = {
      ...machineFacts({ settings, embedded: server.embedded, loadBefore, loadAfter }),
      maxConnections: settings.max_connections ?? null,
    };
    const conversationsPerSec = completed.length / seconds;
    const messagesPerSec = measured.length / ((window.endAt - window.startAt) / 1000 + 1 / rate);
    const met = {
      ackP99: ack.p99 !== null && ack.p99 <= TARGETS.ackP99Ms,
      replyP99: reply.p99 !== null && reply.p99 <= TARGETS.replyP99Ms,
    };
    const checks = [
      ['the channel answered search messages in the window', reply.count > 0, `${reply.count} search replies`],
      [
        'every inbound message of the window has its webhook answer time',
        ack.count === measuredWamids.size && ack.count > 0,
        `${ack.count} of ${measuredWamids.size}`,
      ],
      [
        'one order in Souk per confirmed order in the chat',
        placedOrders === placeReplies,
        `${placedOrders} orders, ${placeReplies} confirmations`,
      ],
    ];
    const cpuLine = (usage) =>
      Object.entries(usage ?? {})
        .map(([name, value]) => `${name} ${value ? `${value.cpuSeconds} CPU s = ${value.cores} cores` : '–'}`)
        .join(', ');
    const stageLines = (label, stage) => [
      `  ${label}: sandbox → channel's webhook commit ${summaryLine(stage.toChannel)}`,
      `  ${' '.repeat(label.length)}  wait in the inbox until claimed     ${summaryLine(stage.inboxWait)}`,
      `  ${' '.repeat(label.length)}  handling (Souk, send, channel SQL)  ${summaryLine(stage.handling)}`,
    ];
    const firstLogged = (logged) => (logged[0] ? ` (first: ${logged[0].msg} ${logged[0].error ?? ''})` : '');
    const lines = [
      `Souk chat benchmark: buyers shop on WhatsApp (Hi → search → a row → add to cart → checkout → ` +
        `street, postal code, city → skip email → order) at ${rate} inbound messages/s, open loop, ` +
        `for ${seconds} s after ${warmupSeconds} s of warm-up; ` +
        `buyers pause ${thinkMs} ms on average (exponential) between a reply and their next message`,
      `machine: ${machine.cpus} CPU (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}, ` +
        `PostgreSQL ${machine.postgres} (${server.embedded ? 'embedded' : 'given server'}; ` +
        `fsync ${machine.fsync}, synchronous_commit ${machine.synchronousCommit}); ` +
        `the marketplace (every role) and the WhatsApp channel (${workers ?? 'default'} workers) ` +
        `are processes of their own; ` +
        `the sandbox and the buyers run in the benchmark's process; ` +
        `load average ${machine.loadAverage1m.before} → ${machine.loadAverage1m.after}`,
      `demo catalog: ${catalog.shops.map((shop) => `${shop.name} (${shop.created} offers)`).join(', ')}; ` +
        `search words: ${words.join(', ')}`,
      '',
      `messages: ${int(measured.length)} sent in the window (${messagesPerSec.toFixed(1)}/s), from ${buyers} buyers; ` +
        `${errors.length} errors${errors.length ? ` ${JSON.stringify(errorKinds)}` : ''}; ` +
        `put off (Souk unavailable): ${putOffSeen} told to wait, ` +
        `${retried} retried by the inbox ${mark(putOffSeen === 0 && retried === 0)} (should be 0); ` +
        `worst send lag ${ms(played.worstLagMs)}`,
      `conversations completed in the window: ${completed.length} = ${conversationsPerSec.toFixed(2)}/s ` +
        `(${chats.length} started in all, ${chats.filter((chat) => chat.failed).length} failed)`,
      '',
      `ack (the channel's answer to each inbound webhook, POST start → 2xx read, new connection each)`,
      `  ${summaryLine(ack)}   target p99 ≤ ${TARGETS.ackP99Ms} ms  ${mark(met.ackP99)}`,
      `  status webhooks (sent/delivered) in the window: ${summaryLine(statusAck)}; ` +
        `non-2xx or failed attempts: ${webhookFailures.length}`,
      `reply to the search (buyer's send → the list at the sandbox's send API)`,
      `  ${summaryLine(reply)}   target p99 ≤ ${TARGETS.replyP99Ms} ms  ${mark(met.replyP99)}`,
      `reply to "place order" (→ the order's confirmation)`,
      `  ${summaryLine(checkoutReply)}`,
      `every step (replies in the window, p50, p99): ${Object.entries(steps)
        .map(([name, summary]) => `${name} ${summary.count}, ${ms(summary.p50)}, ${ms(summary.p99)}`)
        .join('; ')}`,
      '',
      `where a reply's time goes (PostgreSQL's clock beside this process's, same machine)`,
      ...stageLines('search', stages.search),
      ...stageLines('place ', stages.place),
      `Souk channel API calls per inbound message: ` +
        `${soukCallsPerMessage === null ? '–' : soukCallsPerMessage.toFixed(2)}`,
      `CPU (of ${machine.cpus} cores) over the window: ${cpuLine(cpuDuringRun)}`,
      '',
      'baselines in the same run (the channel idle)',
      `  GET /v1/channel/search, the same words, one at a time: ${summaryLine(directSequential)}`,
      `  GET /v1/channel/search at ${rate}/s for ${baselineSeconds} s (from when each was due): ` +
        `${summaryLine(directAtRate)}${directErrors ? `, ${directErrors} errors` : ''}`,
      `    search reply p99 ÷ this p99 ${times(ratio(reply.p99, directAtRate.p99))}; ` +
        `p50 ÷ p50 ${times(ratio(reply.p50, directAtRate.p50))}`,
      `  the sandbox's webhook to a trivial 200 receiver at ${rate}/s: ${summaryLine(floor)}`,
      `    ack p99 ÷ this p99 ${times(ratio(ack.p99, floor.p99))}; p50 ÷ p50 ${times(ratio(ack.p50, floor.p50))}`,
      '',
      `logged errors: channel ${channelErrors.length}${firstLogged(channelErrors)}, ` +
        `marketplace ${marketErrors.length}${firstLogged(marketErrors)}`,
      ...checks.map(([what, ok, detail]) => `check ${mark(ok)} ${what} (${detail})`),
    ];
    if (errors.length) progress(`first error: ${errors[0].error}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    if (args.json) {
      const stagesJson = (stage) =>
        Object.fromEntries(Object.entries(stage).map(([name, summary]) => [name, summaryJson(summary)]));
      const result = {
        benchmark: 'chat',
        rate,
        seconds,
        warmupSeconds,
        thinkMs,
        workers,
        conversationsPerSec: round(conversationsPerSec),
        ackP99Ms: round(ack.p99),
        replyP99Ms: round(reply.p99),
        checkoutReplyP99Ms: round(checkoutReply.p99),
        ackP50Ms: round(ack.p50),
        replyP50Ms: round(reply.p50),
        checkoutReplyP50Ms: round(checkoutReply.p50),
        ack: summaryJson(ack),
        statusAck: summaryJson(statusAck),
        reply: summaryJson(reply),
        checkoutReply: summaryJson(checkoutReply),
        steps: Object.fromEntries(Object.entries(steps).map(([name, summary]) => [name, summaryJson(summary)])),
        stages: { search: stagesJson(stages.search), place: stagesJson(stages.place) },
        messages: measured.length,
        messagesPerSec: round(messagesPerSec, 1),
        buyers,
        conversationsCompleted: completed.length,
        conversationsStarted: chats.length,
        conversationsFailed: chats.filter((chat) => chat.failed).length,
        errors: errors.length,
        errorKinds,
        putOff: putOffSeen,
        retriedByInbox: retried,
        webhookFailures: webhookFailures.length,
        worstSendLagMs: round(played.worstLagMs),
        soukCallsPerMessage: round(soukCallsPerMessage),
        cpuDuringRun,
        loggedErrors: { channel: channelErrors.length, marketplace: marketErrors.length },
        baseline: {
          directSearchSequentialP50Ms: round(directSequential.p50),
          directSearchSequentialP99Ms: round(directSequential.p99),
          directSearchP50Ms: round(directAtRate.p50),
          directSearchP99Ms: round(directAtRate.p99),
          directSearchErrors: directErrors,
          replyVsDirectSearchP99: round(ratio(reply.p99, directAtRate.p99)),
          replyVsDirectSearchP50: round(ratio(reply.p50, directAtRate.p50)),
          webhookFloorP50Ms: round(floor.p50),
          webhookFloorP99Ms: round(floor.p99),
          ackVsFloorP99: round(ratio(ack.p99, floor.p99)),
          ackVsFloorP50: round(ratio(ack.p50, floor.p50)),
        },
        words,
        targets: { ...TARGETS, met },
        checksPassed: checks.every(([, ok]) => ok),
        machine,
      };
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }
    process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
  } catch (error) {
    if (!interrupted()) {
      process.stderr.write(`bench:chat failed: ${error?.stack ?? error}\n`);
      if (channelProcess?.output().trim())
        process.stderr.write(
          `--- WhatsApp channel (pid ${channelProcess.pid}), last output:\n${channelProcess.output().slice(-3000)}\n`,
        );
      if (market?.output().trim())
        process.stderr.write(`--- marketplace (pid ${market.pid}), last output:\n${market.output().slice(-3000)}\n`);
    }
    await cleanUp().catch(() => undefined);
    process.exitCode = 1;
  }
}

/**
 * The floor of the ack: a second sandbox delivers user messages at `rate` for `seconds` to a
 * receiver that reads the body and answers 200, nothing else; the attempts' durations.
 */
async function webhookFloor(cleanups, { rate, seconds }) {
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () =>
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"received"}'),
    );
  });
  await new Promise((done) => receiver.listen(0, '127.0.0.1', done));
  cleanups.push(() => new Promise((done) => receiver.close(done)));
  const { sandbox } = await startWhatsAppSandbox(cleanups, {
    webhookUrl: `http://127.0.0.1:${receiver.address().port}/webhook`,
  });
  await openLoop(null, {
    rate,
    seconds,
    send: (i) => sandbox.userSends(`3162${String(i % 50).padStart(7, '0')}`, 'Hi').then(() => ({ status: 200 })),
  });
  await sandbox.settled();
  return latencySummary(
    sandbox
      .deliveries()
      .map((delivery) => delivery.attempts[0]?.durationMs)
      .filter((value) => typeof value === 'number'),
  );
}

await main();
await exitWithCode();
