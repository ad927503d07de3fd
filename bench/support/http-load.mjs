// HTTP load for the benchmarks: a keep-alive connection pool, latency statistics, sequential
// timing, and an open-loop driver (requests leave on a fixed schedule whatever the answers do,
// and each latency counts from the moment its request was due, so a slow server cannot slow the
// arrivals down and hide its own queueing: no coordinated omission).
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * An HTTP client over one keep-alive pool of at most `maxSockets` connections: `get(path)` and, for
 * other methods and JSON bodies, `request(method, path, { body, headers })`.
 */
export function httpClient(baseUrl, { headers = {}, maxSockets = 256, timeoutMs = 30_000 } = {}) {
  const agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo' });
  const base = new URL(baseUrl);
  /**
   * Resolves with { status, headers, body (read whole; parsed when `parse`), sentAt, answeredAt } (the
   * two times in ms epoch, Date.now(): when the request left and when its answer had been read), never
   * rejects: network errors are status 0. An object `body` is sent as JSON.
   */
  const send = (method, path, { parse = false, body, headers: extra = {} } = {}) =>
    new Promise((done) => {
      const payload =
        body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      const requestHeaders = {
        ...headers,
        ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
        ...extra,
      };
      const sentAt = Date.now();
      const fail = (error) =>
        done({ status: 0, headers: {}, body: String(error?.message ?? error), sentAt, answeredAt: Date.now() });
      const req = request(
        { host: base.hostname, port: base.port, path, method, agent, headers: requestHeaders, timeout: timeoutMs },
        (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => {
            const answeredAt = Date.now();
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed = text;
            if (parse) {
              try {
                parsed = JSON.parse(text);
              } catch {
                parsed = text;
              }
            }
            done({ status: response.statusCode, headers: response.headers, body: parsed, sentAt, answeredAt });
          });
          response.on('error', fail);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', fail);
      req.end(payload);
    });
  return {
    /** GET; resolves with { status, body } as `request` does. */
    get: (path, options = {}) => send('GET', path, options),
    request: send,
    close: () => agent.destroy(),
  };
}

/** Nearest-rank percentile of sorted numbers. */
export function percentile(sorted, q) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function median(values) {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
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
 * then, whether or not earlier ones have been answered; `pathOf(i)` gives its path (a GET), or
 * `send(i)` sends it (resolving with an object with a `status`, such as `client.request`'s). With
 * `maxInFlight`, a request also waits until fewer than that many are unanswered (a fixed
 * concurrency; its latency still counts from when it was due). Resolves when every request has been
 * answered, with per request { i, latency (ms from when it was due), status, error (the start of
 * the body, when not `okStatus`), answer (what `send` resolved with, when `send` is given) },
 * plus the schedule's lag: how late requests left at worst (the client's own delay, or the wait
 * for a free slot).
 */
export async function openLoop(client, { rate, seconds, pathOf, send, maxInFlight = Infinity, okStatus = 200 }) {
  const total = Math.max(1, Math.round(rate * seconds));
  const interval = 1000 / rate;
  const results = new Array(total);
  const pending = [];
  const start = performance.now() + 20;
  const issue = send ?? ((i) => client.get(pathOf(i)));
  const isOk = typeof okStatus === 'function' ? okStatus : (status) => status === okStatus;
  let sent = 0;
  let inFlight = 0;
  let worstLag = 0;
  let timer;
  await new Promise((finished) => {
    const tick = () => {
      clearTimeout(timer);
      const now = performance.now();
      while (sent < total && start + sent * interval <= now && inFlight < maxInFlight) {
        const i = sent++;
        const due = start + i * interval;
        worstLag = Math.max(worstLag, now - due);
        inFlight++;
        pending.push(
          Promise.resolve(issue(i)).then((answer) => {
            inFlight--;
            const status = answer?.status ?? 0;
            results[i] = {
              i,
              latency: performance.now() - due,
              status,
              ...(isOk(status)
                ? {}
                : {
                    error: String(typeof answer?.body === 'string' ? answer.body : JSON.stringify(answer?.body)).slice(
                      0,
                      300,
                    ),
                  }),
              ...(send ? { answer } : {}),
            };
            if (sent < total && inFlight === maxInFlight - 1) tick(); // a slot came free for a request already due
          }),
        );
      }
      if (sent < total) {
        // With every slot taken, an answer wakes the loop; otherwise the next request's due time.
        if (inFlight < maxInFlight) timer = setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
      } else finished();
    };
    timer = setTimeout(tick, Math.max(0, start - performance.now()));
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  return { results, sent: total, elapsedSeconds: elapsed, worstLagMs: worstLag };
}
