// Where a benchmarked server's time went, from its own metrics (GET /v1/admin/metrics, Prometheus text) and from the
// database's view of its sessions.
import { round } from './output.mjs';

/** The samples of a Prometheus text: `name{labels}` → value. */
export async function scrapeMetrics(baseUrl, operatorKey) {
  const response = await fetch(`${baseUrl}/v1/admin/metrics`, { headers: { authorization: `Bearer ${operatorKey}` } });
  if (response.status !== 200) throw new Error(`GET /v1/admin/metrics answered ${response.status}`);
  const samples = new Map();
  for (const line of (await response.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

/** How much a counter grew between two scrapes. */
export function grown(before, after, name) {
  return (after.get(name) ?? 0) - (before.get(name) ?? 0);
}

/**
 * The q-quantile, in ms, of what a histogram observed between two scrapes: the upper bound of the bucket it falls in
 * (so an upper estimate), or null without observations.
 */
export function histogramQuantileMs(before, after, name, labels, q) {
  const prefix = `${name}_bucket{`;
  const buckets = [...after.keys()]
    .filter((key) => key.startsWith(prefix) && key.includes(labels))
    .map((key) => ({ le: key.match(/le="([^"]+)"/)[1], count: grown(before, after, key) }))
    .map((bucket) => ({ le: bucket.le === '+Inf' ? Infinity : Number(bucket.le), count: bucket.count }))
    .sort((a, b) => a.le - b.le);
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return null;
  const bucket = buckets.find((candidate) => candidate.count >= q * total);
  return bucket.le === Infinity ? Infinity : round(bucket.le * 1000, 2);
}

/** The connection pool waits of one kind of work between two scrapes: count, p50 and p99 (upper bounds), in ms. */
export function poolWaits(before, after, work) {
  const labels = `work="${work}"`;
  const name = 'souk_db_pool_wait_seconds';
  return {
    count: grown(before, after, `${name}_count{${labels}}`),
    p50Ms: histogramQuantileMs(before, after, name, labels, 0.5),
    p99Ms: histogramQuantileMs(before, after, name, labels, 0.99),
  };
}

/** The event-loop delay since the scrape before (the server resets its histogram at each scrape), in ms. */
export function eventLoopDelay(after) {
  const at = (name) => {
    const value = after.get(name);
    return value === undefined ? null : round(value * 1000, 2);
  };
  return {
    p50Ms: at('nodejs_eventloop_lag_p50_seconds'),
    p99Ms: at('nodejs_eventloop_lag_p99_seconds'),
    maxMs: at('nodejs_eventloop_lag_max_seconds'),
  };
}

/**
 * Samples, every `intervalMs`, how many of the database's sessions wait for a lock (pg_stat_activity); `stop()` gives
 * the mean number waiting and the lock-wait time that makes over the sampled span, in ms.
 */
export function lockWaitSampler(sql, intervalMs = 50) {
  let samples = 0;
  let waiting = 0;
  let running = true;
  const byLock = new Map();
  const started = Date.now();
  const loop = (async () => {
    while (running) {
      const { rows } = await sql.query(
        `SELECT wait_event, left(regexp_replace(query, '\\s+', ' ', 'g'), 60) AS statement, count(*)::int AS waiting
           FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'
          GROUP BY 1, 2`,
      );
      samples += 1;
      for (const row of rows) {
        waiting += row.waiting;
        const key = `${row.wait_event}: ${row.statement}`;
        byLock.set(key, (byLock.get(key) ?? 0) + row.waiting);
      }
      await new Promise((wake) => setTimeout(wake, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const mean = samples ? waiting / samples : 0;
      // What the waiting sessions waited on (the lock's kind and the start of the statement), most often first.
      const top = [...byLock.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([lock, count]) => ({ lock, share: round(count / Math.max(1, waiting), 2) }));
      return {
        samples,
        meanWaitingSessions: round(mean, 3),
        lockWaitMs: Math.round(mean * (Date.now() - started)),
        top,
      };
    },
  };
}
