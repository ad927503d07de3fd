// HTTP load for the benchmarks: a keep-alive connection pool, latency statistics, sequential
// timing, and an open-loop driver (requests leave on a fixed schedule whatever the answers do,
// and each latency counts from the moment its request was due, so a slow server cannot slow the
// arrivals down and hide its own queueing: no coordinated omission).
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/** A GET client over one keep-alive pool of at most `maxSockets` connections. */
export function httpClient(baseUrl, { headers = {}, maxSockets = 256, timeoutMs = 30_000 } = {}) {
  const agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo' });
  const base = new URL(baseUrl);
  /** Resolves with { status, body } (the body read whole; parsed when `parse`), never rejects: network errors are status 0. */
  const get = (path, { parse = false } = {}) =>
    new Promise((done) => {
      const req = request({ host: base.hostname, port: base.port, path, method: 'GET', agent, headers, timeout: timeoutMs }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body = text;
          if (parse) {
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
            }
          }
          done({ status: response.statusCode, body });
        });
        response.on('error', (error) => done({ status: 0, body: String(error) }));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (error) => done({ status: 0, body: String(error?.message ?? error) }));
      req.end();
    });
  return { get, close: () => agent.destroy() };
}

/** Nearest-rank percentile of sorted numbers. */
export function percentile(sorted, q) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function median(values) {
  return percentile([...values].sort((a, b) => a - b), 0.5);
}

/** p50, p90, p99, max and mean of the latencies (ms), with the count. */
export function latencySummary(latencies) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? null,
    mean: sorted.length ? sorted.reduce((sum, value) => sum + value, 0) / sorted.length : null,
  };
}

/** Runs `work` and returns [its result, the ms it took]. */
export async function timed(work) {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/**
 * Sends `rate` requests a second for `seconds`: request i is due at start + i/rate and is sent
 * then, whether or not earlier ones have been answered; `pathOf(i)` gives its path. Resolves when
 * every request has been answered, with per request { i, latency (ms from when it was due),
 * status, error (the start of the body, when not 200) }, plus the schedule's lag: how late requests left at worst (the client's own delay).
 */
export async function openLoop(client, { rate, seconds, pathOf }) {
  const total = Math.max(1, Math.round(rate * seconds));
  const interval = 1000 / rate;
  const results = new Array(total);
  const pending = [];
  const start = performance.now() + 20;
  let sent = 0;
  let worstLag = 0;
  await new Promise((finished) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        const i = sent++;
        const due = start + i * interval;
        worstLag = Math.max(worstLag, now - due);
        pending.push(
          client.get(pathOf(i)).then(({ status, body }) => {
            results[i] = { i, latency: performance.now() - due, status, ...(status === 200 ? {} : { error: String(body).slice(0, 300) }) };
          }),
        );
      }
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
      else finished();
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  return { results, sent: total, elapsedSeconds: elapsed, worstLagMs: worstLag };
}
