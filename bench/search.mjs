// npm run bench:search -- [--offers N] [--json] [--database-url URL] [--rate R] [--seconds S] [--steps R,R,...]
//                         [--step-seconds S] [--facet-rate R] [--facet-seconds S] [--rounds N] [--sql-profile]
//                         [--explain]
//
// Catalog search benchmark: a synthetic catalog (bench/search-catalog.mjs) is loaded into a fresh,
// migrated database; the built marketplace (dist/) is started as its own process on it, with a
// channel and a channel key; and GET /v1/channel/search and /search/facets are driven over HTTP
// at fixed arrival rates (open loop), paged deep, and compared with the same search SQL run
// directly. See bench/README.md. Progress goes to stderr; the report to stdout, and with --json
// one JSON object as its last line.
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrate } from '../dist/apps/marketplace/src/database/database-runtime.js';
import { dataSourceOptions } from '../dist/libs/platform/src/database/data-source-options.js';
import { facetsStatement } from '../dist/libs/catalog/src/search/facets-statement.js';
import { priceBucketBounds } from '../dist/libs/catalog/src/search/price-buckets.js';
import { bucketsFor } from '../dist/libs/catalog/src/search/search-sampling.js';
import { searchStatement, wordsProbeStatement } from '../dist/libs/catalog/src/search/search-statement.js';
import {
  productFacetsStatement,
  productSearchStatement,
} from '../dist/libs/catalog/src/search/search-product-statements.js';
import { hasFilters, searchLabel, searchPath, searchPlan, SEARCHES } from './search-queries.mjs';
import { loadSyntheticCatalog } from './support/catalog-load.mjs';
import { cleanupRegistry, exitWithCode } from './support/cleanup.mjs';
import { httpClient, latencySummary, median, openLoop, timed } from './support/http-load.mjs';
import { startMarketplaceProcess } from './support/marketplace-process.mjs';
import { int, mark, progressFor, round, secs } from './support/output.mjs';
import { checkpoint, createBenchDatabase, serverSettings, startPostgres } from './support/postgres.mjs';
import { cpuMeter, postgresPids } from './support/process-cpu.mjs';
import { SQL_PROFILE_FLAGS, sqlProfile } from './support/sql-profile.mjs';

const TARGETS = {
  p50Ms: 20,
  p99Ms: 100,
  maxRate: 120,
  maxRateP99Ms: 150,
  httpVsSqlP50: 1.3,
  page50VsPage1: 1.2,
  facetP99Ms: 60,
};
const PAGE = 20;
/** The server's SOUK_SEARCH_EXACT_OFFERS (its default), set explicitly so the direct SQL samples alike. */
const EXACT_OFFERS = 1000;
const DEEP_PAGE = 50;
/** The search service tries corrected words below this many products (typo-correction.ts FEW_RESULTS). */
const FEW_RESULTS = 3;

const { values: args } = parseArgs({
  options: {
    offers: { type: 'string', default: '1000000' },
    json: { type: 'boolean', default: false },
    'database-url': { type: 'string' },
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '30' },
    steps: { type: 'string', default: '50,75,100,150,200,300,400' },
    'step-seconds': { type: 'string', default: '15' },
    'facet-rate': { type: 'string', default: '20' },
    'facet-seconds': { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    'page-queries': { type: 'string', default: '5' },
    'load-connections': { type: 'string', default: String(Math.max(1, cpus().length)) },
    'sql-profile': { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
  },
  strict: true,
});
const whole = (name, { min = 1 } = {}) => {
  const value = Number(String(args[name]).replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(value) || value < min) {
    process.stderr.write(`--${name} must be a whole number of at least ${min}, not "${args[name]}"\n`);
    process.exit(64);
  }
  return value;
};
const positive = (name) => {
  const value = Number(args[name]);
  if (!Number.isFinite(value) || value <= 0) {
    process.stderr.write(`--${name} must be a positive number, not "${args[name]}"\n`);
    process.exit(64);
  }
  return value;
};
const offers = whole('offers');
const baseRate = positive('rate');
const baseSeconds = positive('seconds');
const steps = args.steps.split(',').map((step) => Number(step.trim()));
if (steps.some((step) => !Number.isFinite(step) || step <= 0)) {
  process.stderr.write(`--steps must be rates separated by commas, not "${args.steps}"\n`);
  process.exit(64);
}
const stepSeconds = positive('step-seconds');
const facetRate = positive('facet-rate');
const facetSeconds = positive('facet-seconds');
const rounds = whole('rounds');
const pageQueries = whole('page-queries');
const loadConnections = whole('load-connections');
const serverUrl = args['database-url'] ?? process.env.BENCH_DATABASE_URL;

const progress = progressFor('search');
const ms = (value) => (value === null || value === undefined ? '–' : `${value.toFixed(1)} ms`);

// ---------------------------------------------------------------------------------------------
// The marketplace's admin API, with the operator key.

async function adminCall(baseUrl, operatorKey, method, path, body) {
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
}

// ---------------------------------------------------------------------------------------------
// Phases.

/** Every search once, in order, parsed: warms the caches and tells how many products each matches. */
async function warmUp(http) {
  const answers = [];
  for (const search of SEARCHES) {
    const [response, took] = await timed(() => http.get(searchPath(search), { parse: true }));
    if (response.status !== 200 || typeof response.body !== 'object' || !Array.isArray(response.body.items)) {
      throw new Error(
        `GET ${searchPath(search)}: ${response.status} ` +
          `${String(typeof response.body === 'string' ? response.body : JSON.stringify(response.body)).slice(0, 500)}`,
      );
    }
    answers.push({
      search,
      total: response.body.total,
      corrected: response.body.corrected,
      query: response.body.query,
      items: response.body.items.length,
      nextCursor: response.body.nextCursor,
      ms: took,
    });
  }
  for (const search of SEARCHES) {
    const response = await http.get(searchPath(search, { facets: true }), { parse: true });
    if (response.status !== 200)
      throw new Error(
        `GET ${searchPath(search, { facets: true })}: ${response.status} ${String(response.body).slice(0, 500)}`,
      );
  }
  return answers;
}

/**
 * The processes whose CPU time each run measures (marketplace, postgres, benchmark: pids per name), set once the
 * marketplace runs: whether a run was bound by the machine's cores, and what one request costs each.
 */
let cpuGroups = null;

/** An open-loop run, summarised: latencies, errors, per search, CPU per request. */
async function loadRun(http, { rate, seconds, facets = false, label }) {
  const meter = cpuGroups ? cpuMeter(cpuGroups) : null;
  const run = await openLoop(http, {
    rate,
    seconds,
    pathOf: (i) => searchPath(SEARCHES[i % SEARCHES.length], { facets }),
  });
  const cpu = meter?.stop() ?? null;
  const ok = run.results.filter((result) => result.status === 200);
  const errors = run.results.filter((result) => result.status !== 200);
  const summary = latencySummary(run.results.map((result) => result.latency));
  const perSearch = SEARCHES.map((search, index) => {
    const latencies = run.results
      .filter((result) => result.i % SEARCHES.length === index)
      .map((result) => result.latency);
    return { search, ...latencySummary(latencies) };
  });
  const result = {
    rate,
    seconds,
    requests: run.sent,
    ok: ok.length,
    errors: errors.length,
    errorStatuses: [...new Set(errors.map((error) => error.status))],
    firstError: errors[0]?.error ?? null,
    achievedRate: run.sent / run.elapsedSeconds,
    worstSendLagMs: run.worstLagMs,
    ...summary,
    perSearch,
    cpu: cpuPerRequest(cpu, run.sent),
  };
  progress(
    `${label}: ${int(run.sent)} requests at ${rate}/s: ` +
      `p50 ${ms(result.p50)}, p90 ${ms(result.p90)}, p99 ${ms(result.p99)}, max ${ms(result.max)}` +
      `${errors.length ? `, ${errors.length} errors (${result.errorStatuses.join(', ')}: ${result.firstError})` : ''}` +
      `${result.cpu ? `; ${cpuLabel(result.cpu)}` : ''}`,
  );
  return result;
}

/** Per process name: the cores a run used and the CPU milliseconds per request; null without /proc. */
function cpuPerRequest(cpu, requests) {
  if (!cpu) return null;
  return Object.fromEntries(
    Object.entries(cpu).map(([name, used]) => [
      name,
      used && { cores: used.cores, msPerRequest: round((used.cpuSeconds * 1000) / Math.max(1, requests), 2) },
    ]),
  );
}

const cpuLabel = (cpu) =>
  `CPU per request ${Object.entries(cpu)
    .map(([name, used]) => `${name} ${used ? `${used.msPerRequest} ms (${used.cores} cores)` : '–'}`)
    .join(', ')}`;

/** Steps the rate up until p99 passes the target (or a request fails); the highest rate that held. */
async function rateSteps(http) {
  const results = [];
  let maxRate = null;
  for (const rate of steps) {
    await new Promise((wake) => setTimeout(wake, 2000)); // let the previous step drain
    const step = await loadRun(http, { rate, seconds: stepSeconds, label: `step ${rate}/s` });
    const held = step.p99 <= TARGETS.maxRateP99Ms && step.errors === 0;
    results.push({ ...step, held });
    if (!held) break;
    maxRate = rate;
  }
  return { maxRate, results };
}

/**
 * Page 1 and page 50 of the same searches, one request at a time: the cursor is followed 49
 * times, then page 1 and page 50 (with that cursor) are each requested `rounds` more times.
 */
async function deepPaging(http, answers) {
  const wanted = PAGE * (DEEP_PAGE - 1) + 1;
  const candidates = answers
    .filter((answer) => !answer.search.typo && answer.total >= FEW_RESULTS && answer.nextCursor)
    .sort(
      (a, b) =>
        Math.min(b.total, wanted) - Math.min(a.total, wanted) ||
        Number(hasFilters(a.search)) - Number(hasFilters(b.search)),
    );
  // The broadest searches, one per query text, with a sorted one among them when there is one.
  const chosen = [];
  for (const answer of candidates) {
    if (chosen.length >= pageQueries) break;
    if (chosen.some((other) => other.search.q === answer.search.q)) continue;
    chosen.push(answer);
  }
  const sorted = candidates.find((answer) => answer.search.sort && !chosen.includes(answer));
  if (sorted && chosen.length >= pageQueries && sorted.total >= wanted) chosen[chosen.length - 1] = sorted;

  const runs = [];
  for (const { search, total } of chosen) {
    const firstPath = searchPath(search);
    const first = [];
    const deep = [];
    let [response, took] = await timed(() => http.get(firstPath, { parse: true }));
    first.push(took);
    let page = 1;
    let deepPath = firstPath;
    while (page < DEEP_PAGE && response.status === 200 && response.body.nextCursor) {
      deepPath = searchPath(search, { cursor: response.body.nextCursor });
      [response, took] = await timed(() => http.get(deepPath, { parse: true }));
      if (response.status !== 200)
        throw new Error(`GET ${deepPath}: ${response.status} ${String(response.body).slice(0, 300)}`);
      page++;
    }
    if (page > 1) deep.push(took);
    for (let round = 0; round < rounds && page > 1; round++) {
      first.push((await timed(() => http.get(firstPath)))[1]);
      deep.push((await timed(() => http.get(deepPath)))[1]);
    }
    const run = { search, total, page, firstMedianMs: median(first), deepMedianMs: median(deep), first, deep };
    runs.push(run);
    progress(
      `paging ${searchLabel(search)} (${int(total)} products): ` +
        `page 1 ${ms(run.firstMedianMs)}, page ${page} ${ms(run.deepMedianMs)}`,
    );
  }
  const deepRuns = runs.filter((run) => run.page > 1);
  const firstMedian = median(deepRuns.flatMap((run) => run.first));
  const deepMedian = median(deepRuns.flatMap((run) => run.deep));
  return {
    runs,
    pageReached: deepRuns.length ? Math.min(...deepRuns.map((run) => run.page)) : null,
    firstMedianMs: firstMedian,
    deepMedianMs: deepMedian,
    ratio: firstMedian && deepMedian ? deepMedian / firstMedian : null,
  };
}

/**
 * The page statement the service runs for a plan on `buckets` sample buckets (search.service.ts): the products'
 * search rows for a sample, the offers for every match.
 */
const pageStatement = (plan, buckets) =>
  (buckets < 32 ? productSearchStatement : searchStatement)({
    ...plan,
    filter: { ...plan.filter, sampleBuckets: buckets },
  });

/** The facets statement the service runs for a filter on `buckets` sample buckets. */
const facetStatement = (filter, buckets) =>
  (buckets < 32 ? productFacetsStatement : facetsStatement)(
    { ...filter, sampleBuckets: buckets },
    'EUR',
    priceBucketBounds('EUR'),
  );

/**
 * The same first pages over HTTP and as the search SQL alone, run with `pg` on one connection: the
 * statements the service runs for them, the words' probe (wordsProbeStatement, once per words, as
 * the server remembers its answer: word-estimates.ts) and then the page (pageStatement, on the
 * sample the probe chose, with the tsquery it made). One request at a time each, `rounds` rounds,
 * alternating which goes first. Searches that take the typo fallback (fewer than FEW_RESULTS
 * products as written) are left out: the API runs more than one search for them.
 */
async function httpVsSql(http, sql, answers, channelId) {
  const eligible = answers.filter((answer) => !answer.search.typo && !answer.corrected && answer.total >= FEW_RESULTS);
  const plans = eligible.map((answer) => searchPlan(answer.search, channelId, { limit: PAGE }));
  const sqlTimes = [];
  const httpTimes = [];
  const mismatches = [];
  const probed = new Map();
  const runSql = async () => {
    for (const [index, plan] of plans.entries()) {
      const [result, took] = await timed(async () => {
        let estimate = { buckets: 32, tsquery: undefined };
        const words = plan.filter.words;
        if (words !== undefined) {
          if (!probed.has(words)) {
            const probe = wordsProbeStatement(words, EXACT_OFFERS);
            const [row] = (await sql.query(probe.sql, probe.params)).rows;
            probed.set(words, { buckets: bucketsFor(32 * row.in_first_bucket, EXACT_OFFERS), tsquery: row.query });
          }
          estimate = probed.get(words);
        }
        const { buckets } = estimate;
        const statement = pageStatement(
          { ...plan, filter: { ...plan.filter, wordsTsquery: estimate.tsquery } },
          buckets,
        );
        return { buckets, rows: (await sql.query(statement.sql, statement.params)).rows };
      });
      sqlTimes.push({ index, ms: took });
      const counted = result.rows.length ? Number(result.rows[0].total) : 0;
      const total = result.buckets >= 32 ? counted : Math.round((counted * 32) / result.buckets);
      if (total !== eligible[index].total)
        mismatches.push(`${searchLabel(eligible[index].search)}: SQL ${total}, HTTP ${eligible[index].total}`);
    }
  };
  const runHttp = async () => {
    for (const [index, answer] of eligible.entries()) {
      const [response, took] = await timed(() => http.get(searchPath(answer.search)));
      if (response.status !== 200) throw new Error(`GET ${searchPath(answer.search)}: ${response.status}`);
      httpTimes.push({ index, ms: took });
    }
  };
  await runSql(); // warms the connection and the plans' caches; not counted
  sqlTimes.length = 0;
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      await runSql();
      await runHttp();
    } else {
      await runHttp();
      await runSql();
    }
  }
  // The fixed cost of a channel request (the key read with its rate window and channel; no search), for reference.
  const meTimes = [];
  for (let i = 0; i < Math.max(20, eligible.length); i++)
    meTimes.push((await timed(() => http.get('/v1/channel/me')))[1]);
  const sqlP50 = median(sqlTimes.map((time) => time.ms));
  const httpP50 = median(httpTimes.map((time) => time.ms));
  const perSearch = eligible.map((answer, index) => ({
    search: answer.search,
    sqlMs: median(sqlTimes.filter((time) => time.index === index).map((time) => time.ms)),
    httpMs: median(httpTimes.filter((time) => time.index === index).map((time) => time.ms)),
  }));
  return {
    searches: eligible.length,
    sqlP50,
    httpP50,
    channelMeP50: median(meTimes),
    ratio: httpP50 / sqlP50,
    sqlSummary: latencySummary(sqlTimes.map((t) => t.ms)),
    httpSummary: latencySummary(httpTimes.map((t) => t.ms)),
    perSearch,
    bucketsOf: (words) => (words === undefined ? 32 : (probed.get(words)?.buckets ?? 32)),
    mismatches: [...new Set(mismatches)],
  };
}

/** --explain: EXPLAIN (ANALYZE, BUFFERS) of the slowest searches' statements and of the slowest facets, to stderr. */
async function explainSlowest(sql, channelId, sequential, facetRun) {
  const explain = async (label, statement) => {
    const { rows } = await sql.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.params);
    progress(`EXPLAIN ANALYZE of ${label}:`);
    for (const row of rows) process.stderr.write(`    ${row['QUERY PLAN']}\n`);
  };
  const slowest = [...sequential.perSearch].sort((a, b) => b.sqlMs - a.sqlMs).slice(0, 3);
  for (const { search, sqlMs } of slowest) {
    const plan = searchPlan(search, channelId, { limit: PAGE });
    await explain(
      `search ${searchLabel(search)} (median ${ms(sqlMs)})`,
      pageStatement(plan, sequential.bucketsOf(plan.filter.words)),
    );
  }
  const slowFacet = [...facetRun.perSearch].sort((a, b) => (b.p50 ?? 0) - (a.p50 ?? 0))[0];
  if (slowFacet) {
    const plan = searchPlan(slowFacet.search, channelId);
    await explain(
      `facets ${searchLabel(slowFacet.search)} (p50 ${ms(slowFacet.p50)})`,
      facetStatement(plan.filter, sequential.bucketsOf(plan.filter.words)),
    );
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const { cleanups, cleanUp, interrupted } = cleanupRegistry(progress);
  try {
    const loadBefore = loadavg()[0];
    const server = await startPostgres(
      { url: serverUrl, extraFlags: args['sql-profile'] ? SQL_PROFILE_FLAGS : [] },
      cleanups,
    );
    const database = await createBenchDatabase(server, cleanups);
    progress(`database ${database.name} on ${server.embedded ? 'an embedded PostgreSQL' : 'the given server'}`);
    await migrate(database.url);

    progress(`loading ${int(offers)} synthetic offers over ${loadConnections} connection(s)`);
    const loadStart = performance.now();
    const load = await loadSyntheticCatalog(database.url, offers, { connections: loadConnections, progress });
    const loadMs = performance.now() - loadStart;
    progress(`loaded in ${secs(loadMs)}: ${JSON.stringify(load)}`);

    // With the session settings of the marketplace's own connections (jit, work_mem), so that the
    // direct SQL and the EXPLAINs run as the API's statements do.
    const sessionOptions = dataSourceOptions(database.url, { entities: [], migrations: [] }).extra?.options;
    const sql = new pg.Client({ connectionString: database.url, options: sessionOptions });
    await sql.connect();
    cleanups.push(() => sql.end().catch(() => undefined));
    await checkpoint(sql);
    const settings = await serverSettings(sql, [
      'server_version',
      'fsync',
      'synchronous_commit',
      'shared_buffers',
      'work_mem',
      'effective_cache_size',
      'jit',
      'max_parallel_workers_per_gather',
    ]);
    const [sizes] = (
      await sql.query(
        `SELECT (SELECT count(*) FROM offer)::int AS offers, (SELECT count(*) FROM product)::int AS products,
                (SELECT count(*) FROM search_term)::int AS terms,
                pg_total_relation_size('offer') AS offer_bytes,
                pg_relation_size('idx_offer_search_document') AS gin_bytes`,
      )
    ).rows;
    if (sizes.offers !== offers) throw new Error(`loaded ${sizes.offers} offers, not ${offers}`);

    const operatorKey = `souk_op_${randomBytes(32).toString('base64url')}`;
    const market = await startMarketplaceProcess(
      {
        DATABASE_URL: database.url,
        SOUK_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        SOUK_OPERATOR_KEY: operatorKey,
        SOUK_ROLES: 'api',
        SOUK_DEMO_DATA: 'false',
        SOUK_CHANNEL_REQUESTS_PER_MINUTE: '1000000000', // the limit is counted (one upsert a request) but never reached
        SOUK_SEARCH_EXACT_OFFERS: String(EXACT_OFFERS),
        LOG_LEVEL: 'warn',
      },
      cleanups,
    );
    progress(`marketplace (pid ${market.pid}) at ${market.baseUrl}`);
    const dataDirectory = server.embedded ? (await sql.query('SHOW data_directory')).rows[0].data_directory : null;
    cpuGroups = {
      marketplace: () => [market.pid],
      postgres: () => (dataDirectory ? postgresPids(dataDirectory) : []),
      benchmark: () => [process.pid],
    };
    const channel = await adminCall(market.baseUrl, operatorKey, 'POST', '/v1/admin/channels', {
      name: 'Bench channel',
      currency: 'EUR',
      locale: 'en',
    });
    const { key: channelKey } = await adminCall(market.baseUrl, operatorKey, 'POST', '/v1/admin/api-keys', {
      name: 'Bench channel key',
      role: 'channel',
      channelId: channel.id,
    });
    const http = httpClient(market.baseUrl, {
      headers: { authorization: `Bearer ${channelKey}`, accept: 'application/json' },
    });
    cleanups.push(() => http.close());
    const profiler = await sqlProfile(sql, { enabled: args['sql-profile'], progress });

    const answers = await warmUp(http);
    progress(`warm-up: ${answers.length} searches, totals ${answers.map((answer) => answer.total).join(' ')}`);
    await loadRun(http, { rate: baseRate, seconds: Math.min(5, baseSeconds), label: 'warm-up' });

    await profiler.reset();
    const profileStart = performance.now();
    const base = await loadRun(http, { rate: baseRate, seconds: baseSeconds, label: `${baseRate}/s` });
    await profiler.report(`${baseRate}/s for ${baseSeconds} s`, performance.now() - profileStart, { width: 220 });
    const stepped = await rateSteps(http);
    await new Promise((wake) => setTimeout(wake, 2000));
    const facetRun = await loadRun(http, {
      rate: facetRate,
      seconds: facetSeconds,
      facets: true,
      label: `facets ${facetRate}/s`,
    });
    const paging = await deepPaging(http, answers);
    const sequential = await httpVsSql(http, sql, answers, channel.id);
    progress(
      `sequential: HTTP p50 ${ms(sequential.httpP50)}, SQL p50 ${ms(sequential.sqlP50)} ` +
        `over ${sequential.searches} searches`,
    );
    if (args.explain) await explainSlowest(sql, channel.id, sequential, facetRun);
    const loadAfter = loadavg()[0];

    const checks = [
      [
        'every search answered 200 in the warm-up, with items for the searches without typos',
        answers.every((answer) => answer.search.typo || answer.items > 0),
        `${
          answers
            .filter((answer) => !answer.search.typo && answer.items === 0)
            .map((answer) => searchLabel(answer.search))
            .join('; ') || 'all'
        }`,
      ],
      ['no failed request at the base rate', base.errors === 0, `${base.errors} of ${base.requests}`],
      ['no failed facet request', facetRun.errors === 0, `${facetRun.errors} of ${facetRun.requests}`],
      [
        'the direct SQL counts what the API counts',
        sequential.mismatches.length === 0,
        sequential.mismatches.slice(0, 3).join('; ') || `${sequential.searches} searches`,
      ],
    ];
    await cleanUp();

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
      workMem: settings.work_mem,
      jit: settings.jit,
      sessionOptions: sessionOptions ?? null,
      loadAverage1m: { before: round(loadBefore), after: round(loadAfter) },
    };
    const met = {
      p50: base.p50 <= TARGETS.p50Ms,
      p99: base.p99 <= TARGETS.p99Ms,
      maxRate: (stepped.maxRate ?? 0) >= TARGETS.maxRate,
      httpVsSqlP50: sequential.ratio <= TARGETS.httpVsSqlP50,
      page50VsPage1: paging.ratio !== null && paging.ratio <= TARGETS.page50VsPage1,
      facetP99: facetRun.p99 <= TARGETS.facetP99Ms,
    };
    // Which searches cost most, one at a time (load-independent), and which were slowest under the base rate.
    const slowest = [...sequential.perSearch].sort((a, b) => b.sqlMs - a.sqlMs).slice(0, 8);
    const typoTimes = answers.filter((answer) => answer.search.typo);
    const slowestUnderLoad = [...base.perSearch].sort((a, b) => b.p99 - a.p99).slice(0, 5);
    const totalOf = (search) => answers.find((answer) => answer.search === search)?.total;

    const fewerPagesNote =
      paging.pageReached !== null && paging.pageReached < DEEP_PAGE
        ? ` (these searches have fewer than ${DEEP_PAGE} pages at this size)`
        : '';
    const lines = [
      `Souk catalog search benchmark: ${int(offers)} offers, ${int(sizes.products)} products ` +
        `(offer table ${int(sizes.offer_bytes / 1024 ** 2)} MB, search index ${int(sizes.gin_bytes / 1024 ** 2)} MB)`,
      `machine: ${machine.cpus} CPU (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}, ` +
        `PostgreSQL ${machine.postgres} (${server.embedded ? 'embedded' : 'given server'}; ` +
        `shared_buffers ${machine.sharedBuffers}; the app's sessions: ${sessionOptions ?? 'server defaults'}), ` +
        `server and load generator on the same machine,` +
        ` load average ${machine.loadAverage1m.before} → ${machine.loadAverage1m.after}`,
      `load: ${secs(loadMs)} (not a target; setup ${secs(load.setupMs)}, ` +
        `offers ${secs(load.offersMs)} over ${loadConnections} connection(s), ` +
        `indexes ${secs(load.indexesMs)}, vacuum/analyze ${secs(load.finishMs)}; documents ${load.documents})`,
      `${SEARCHES.length} searches rotated (${SEARCHES.filter(hasFilters).length} with filters, ` +
        `${SEARCHES.filter((search) => search.typo).length} misspelt), limit ${PAGE}`,
      '',
      `open loop at ${baseRate}/s for ${baseSeconds} s (${int(base.requests)} requests, ${base.errors} errors, ` +
        `achieved ${base.achievedRate.toFixed(1)}/s)`,
      `  p50 ${ms(base.p50).padStart(9)}   target ≤ ${TARGETS.p50Ms} ms   ${mark(met.p50)}`,
      `  p90 ${ms(base.p90).padStart(9)}`,
      `  p99 ${ms(base.p99).padStart(9)}   target ≤ ${TARGETS.p99Ms} ms  ${mark(met.p99)}`,
      `  max ${ms(base.max).padStart(9)}`,
      ...(base.cpu ? [`  ${cpuLabel(base.cpu)}`] : []),
      `  slowest at this rate (p99): ` +
        `${slowestUnderLoad.map((entry) => `${searchLabel(entry.search)} ${ms(entry.p99)}`).join('; ')}`,
      '  costliest searches one at a time (median SQL alone / HTTP; products matched):',
      ...slowest.map(
        (entry) =>
          `    ${ms(entry.sqlMs).padStart(9)} / ${ms(entry.httpMs).padStart(9)}  ` +
          `${searchLabel(entry.search)} (${int(totalOf(entry.search) ?? 0)})`,
      ),
      `  misspelt (typo fallback; HTTP, once, in the warm-up): ` +
        `${typoTimes.map((answer) => `${searchLabel(answer.search)} → "${answer.query}" ${ms(answer.ms)}`).join('; ')}`,
      '',
      `rate steps of ${stepSeconds} s ` +
        `(stops at the first whose p99 > ${TARGETS.maxRateP99Ms} ms or with a failed request)`,
      '     rate  achieved        p50        p90        p99        max  errors',
      ...stepped.results.map(
        (step) =>
          `  ${String(step.rate).padStart(5)}/s ${step.achievedRate.toFixed(1).padStart(7)}/s ` +
          `${ms(step.p50).padStart(10)} ${ms(step.p90).padStart(10)} ${ms(step.p99).padStart(10)} ` +
          `${ms(step.max).padStart(10)} ${String(step.errors).padStart(7)}  ${mark(step.held)}` +
          `${step.cpu ? `  ${cpuLabel(step.cpu)}` : ''}`,
      ),
      `  highest rate with p99 ≤ ${TARGETS.maxRateP99Ms} ms: ${stepped.maxRate ?? 'none'}/s   ` +
        `aim ≥ ${TARGETS.maxRate}/s  ${mark(met.maxRate)}`,
      '',
      `facets at ${facetRate}/s for ${facetSeconds} s: ` +
        `p50 ${ms(facetRun.p50)}, p90 ${ms(facetRun.p90)}, p99 ${ms(facetRun.p99)}, max ${ms(facetRun.max)}, ` +
        `${facetRun.errors} errors   target p99 ≤ ${TARGETS.facetP99Ms} ms  ${mark(met.facetP99)}`,
      '',
      `deep paging (one request at a time; page 1 and page ${paging.pageReached ?? '–'} each ${rounds + 1} times):`,
      ...paging.runs.map(
        (run) =>
          `  ${searchLabel(run.search)} (${int(run.total)} products): ` +
          `page 1 ${ms(run.firstMedianMs)}, page ${run.page} ${ms(run.deepMedianMs)}`,
      ),
      `  page ${paging.pageReached ?? '–'} ÷ page 1 (medians)  ` +
        `${paging.ratio === null ? '–' : paging.ratio.toFixed(2)}x   ` +
        `target ≤ ${TARGETS.page50VsPage1}x  ${mark(met.page50VsPage1)}${fewerPagesNote}`,
      '',
      `HTTP vs SQL, one at a time (${sequential.searches} searches × ${rounds} rounds; ` +
        `the typo-fallback searches left out)`,
      `  HTTP p50 ${ms(sequential.httpP50)}, SQL p50 ${ms(sequential.sqlP50)} ` +
        `(p99 ${ms(sequential.httpSummary.p99)} vs ${ms(sequential.sqlSummary.p99)}); ` +
        `GET /v1/channel/me (no search) p50 ${ms(sequential.channelMeP50)}`,
      `  HTTP ÷ SQL p50  ${sequential.ratio.toFixed(2)}x   ` +
        `target ≤ ${TARGETS.httpVsSqlP50}x  ${mark(met.httpVsSqlP50)}`,
      '',
      ...checks.map(([what, ok, detail]) => `check ${mark(ok)} ${what} (${detail})`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);

    if (args.json) {
      const stepJson = (step) => ({
        rate: step.rate,
        achievedRate: round(step.achievedRate, 1),
        requests: step.requests,
        errors: step.errors,
        p50Ms: round(step.p50),
        p90Ms: round(step.p90),
        p99Ms: round(step.p99),
        maxMs: round(step.max),
        held: step.held,
        cpu: step.cpu,
      });
      const result = {
        benchmark: 'search',
        offers,
        products: sizes.products,
        rate: baseRate,
        seconds: baseSeconds,
        requests: base.requests,
        errors: base.errors,
        p50Ms: round(base.p50),
        p90Ms: round(base.p90),
        p99Ms: round(base.p99),
        maxMs: round(base.max),
        cpu: base.cpu,
        maxRateP99Under150: stepped.maxRate,
        steps: stepped.results.map(stepJson),
        facetRate,
        facetP50Ms: round(facetRun.p50),
        facetP99Ms: round(facetRun.p99),
        facetMaxMs: round(facetRun.max),
        facetCpu: facetRun.cpu,
        page50VsPage1: round(paging.ratio, 3),
        pageReached: paging.pageReached,
        page1MedianMs: round(paging.firstMedianMs),
        page50MedianMs: round(paging.deepMedianMs),
        httpVsSqlP50: round(sequential.ratio, 3),
        httpP50Ms: round(sequential.httpP50),
        sqlP50Ms: round(sequential.sqlP50),
        channelMeP50Ms: round(sequential.channelMeP50),
        costliestSearches: slowest.map((entry) => ({
          search: searchLabel(entry.search),
          products: totalOf(entry.search) ?? null,
          sqlMedianMs: round(entry.sqlMs),
          httpMedianMs: round(entry.httpMs),
        })),
        slowestUnderLoad: slowestUnderLoad.map((entry) => ({
          search: searchLabel(entry.search),
          p50Ms: round(entry.p50),
          p99Ms: round(entry.p99),
        })),
        loadSeconds: round(loadMs / 1000, 1),
        load: { ...load, connections: loadConnections },
        offerTableBytes: Number(sizes.offer_bytes),
        searchIndexBytes: Number(sizes.gin_bytes),
        targets: { ...TARGETS, met },
        checksPassed: checks.every(([, ok]) => ok),
        machine,
      };
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }
    process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
  } catch (error) {
    if (!interrupted()) process.stderr.write(`bench:search failed: ${error?.stack ?? error}\n`);
    await cleanUp().catch(() => undefined);
    process.exitCode = 1;
  }
}

await main();
await exitWithCode();
