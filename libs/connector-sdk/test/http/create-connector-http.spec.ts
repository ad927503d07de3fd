import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from '@jest/globals';
import { CircuitOpenError, HttpRequestError, createConnectorHttp } from '#connector-sdk';
// These tests serve on loopback, which the client's default outbound policy refuses (see outbound.spec.ts).
import { LOOPBACK_SANDBOXES } from '#connector-sdk/testing';

/** One request as the server saw it; times from performance.now(), like the client's timers. */
interface Hit {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly at: number;
  readonly wallClockAt: number;
  answeredAt?: number;
}

interface TestServer {
  readonly url: string;
  readonly hits: Hit[];
  close(): Promise<void>;
}

/** `hit` counts from 1. A handler that never answers makes the client time out. */
type Handler = (request: IncomingMessage, response: ServerResponse, hit: number) => void;

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handle: Handler): Promise<TestServer> {
  const hits: Hit[] = [];
  const http = createServer((request, response) => {
    const hit: Hit = {
      path: request.url ?? '',
      headers: request.headers,
      at: performance.now(),
      wallClockAt: Date.now(),
    };
    hits.push(hit);
    response.on('finish', () => (hit.answeredAt = performance.now()));
    handle(request, response, hits.length);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  server = {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
  return server;
}

function answer(response: ServerResponse, status: number, headers: Record<string, string> = {}, body = ''): void {
  response.writeHead(status, headers).end(body);
}

/** Milliseconds between the server finishing one answer and the next request arriving. */
function pauseBefore(hits: readonly Hit[], index: number): number {
  return hits[index]!.at - hits[index - 1]!.answeredAt!;
}

/** Timers may fire a millisecond early against performance.now(); this absorbs that, nothing more. */
const TIMER_SLACK_MS = 5;

/**
 * Arrival times carry the delivery delay of a busy machine, which can bunch two requests that were
 * sent on time; so the rule is checked over every run of requests, forgiving this many of them.
 */
const RATE_TOLERANCE_REQUESTS = 2;

/**
 * Runs of requests that arrived faster than a token bucket of `ratePerSecond` holding `burst` allows:
 * requests i..j need at least (j - i + 1 - burst) / ratePerSecond seconds between the first and the last.
 */
function rateRuleBreaches(hits: readonly Hit[], ratePerSecond: number, burst: number): string[] {
  const breaches: string[] = [];
  for (let first = 0; first < hits.length; first++) {
    for (let last = first + 1; last < hits.length; last++) {
      const allowedMs = ((last - first + 1 - burst - RATE_TOLERANCE_REQUESTS) * 1000) / ratePerSecond;
      const tookMs = hits[last]!.at - hits[first]!.at;
      if (tookMs < allowedMs - TIMER_SLACK_MS)
        breaches.push(`requests ${first + 1}..${last + 1} arrived in ${tookMs.toFixed(1)} ms`);
    }
  }
  return breaches;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error,
  );
}

async function readAll(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
}

describe('createConnectorHttp', () => {
  it('rides out a storm of 429s with fractional Retry-After, never coming back sooner than asked', async () => {
    const retryAfter = ['0.5', '0.2', '0.5', '0.2', '0.5'];
    const { url, hits } = await serve((_request, response, hit) =>
      hit <= retryAfter.length
        ? answer(response, 429, { 'Retry-After': retryAfter[hit - 1]! })
        : answer(response, 200, {}, 'ok'),
    );
    const http = createConnectorHttp({ outbound: LOOPBACK_SANDBOXES });

    const response = await http.request<string>({ url: `${url}/products.json` });

    expect(response.status).toBe(200);
    expect(response.data).toBe('ok');
    expect(hits).toHaveLength(6);
    retryAfter.forEach((seconds, index) =>
      expect(pauseBefore(hits, index + 1)).toBeGreaterThanOrEqual(Number(seconds) * 1000 - TIMER_SLACK_MS),
    );
  });

  it('waits at least 1 s after a 429 without Retry-After, then retries once', async () => {
    const { url, hits } = await serve((_request, response, hit) =>
      hit === 1 ? answer(response, 429) : answer(response, 200),
    );
    const http = createConnectorHttp({ outbound: LOOPBACK_SANDBOXES });

    await http.request({ url });

    expect(hits).toHaveLength(2);
    expect(pauseBefore(hits, 1)).toBeGreaterThanOrEqual(1000 - TIMER_SLACK_MS);
  });

  it('waits until the HTTP-date of a Retry-After', async () => {
    let until = 0;
    const { url, hits } = await serve((_request, response, hit) => {
      if (hit > 1) return answer(response, 200);
      const date = new Date(Date.now() + 2000).toUTCString();
      until = Date.parse(date); // whole seconds: between 1 and 2 s from now
      answer(response, 429, { 'Retry-After': date });
    });
    const http = createConnectorHttp({ outbound: LOOPBACK_SANDBOXES });

    await http.request({ url });

    expect(hits).toHaveLength(2);
    expect(hits[1]!.wallClockAt).toBeGreaterThanOrEqual(until - TIMER_SLACK_MS);
  });

  it('retries a 503 after its Retry-After and returns the 200 that follows', async () => {
    const { url, hits } = await serve((_request, response, hit) =>
      hit === 1 ? answer(response, 503, { 'Retry-After': '0.3' }) : answer(response, 200, {}, 'feed'),
    );
    const http = createConnectorHttp({ outbound: LOOPBACK_SANDBOXES });

    const response = await http.request<string>({ url });

    expect(response.data).toBe('feed');
    expect(hits).toHaveLength(2);
    expect(pauseBefore(hits, 1)).toBeGreaterThanOrEqual(300 - TIMER_SLACK_MS);
  });

  it('sends a POST once after a 503, which the server may have acted on, and again after a 429, which it did not', async () => {
    const unavailable = await serve((_request, response) => answer(response, 503, { 'Retry-After': '0' }));
    const http = createConnectorHttp({ outbound: LOOPBACK_SANDBOXES, baseDelayMs: 1 });
    const error = await failure(http.request({ url: unavailable.url, method: 'POST', data: { order: 1 } }));
    expect(error).toBeInstanceOf(HttpRequestError);
    expect(unavailable.hits).toHaveLength(1);
    await unavailable.close();

    const limited = await serve((_request, response, hit) =>
      hit === 1 ? answer(response, 429, { 'Retry-After': '0' }) : answer(response, 201),
    );
    expect((await http.request({ url: limited.url, method: 'POST', data: { order: 2 } })).status).toBe(201);
    expect(limited.hits).toHaveLength(2);
  });

  it('does not retry a 404: exactly one request, then an HttpRequestError', async () => {
    const { url, hits } = await serve((_request, response) => answer(response, 404));
    const http = createConnectorHttp({ outbound: LOOPBACK_SANDBOXES, baseDelayMs: 1 });

    const error = await failure(http.request({ url: `${url}/missing.xml` }));

    expect(hits).toHaveLength(1);
    expect(error).toBeInstanceOf(HttpRequestError);
    expect(error).toMatchObject({ status: 404, attempts: 1, message: `GET ${url}/missing.xml answered 404` });
  });

  it('retries after the server resets the connection', async () => {
    const { url, hits } = await serve((request, response, hit) =>
      hit === 1 ? request.socket.destroy() : answer(response, 200, {}, 'ok'),
    );
    const http = createConnectorHttp({ outbound: LOOPBACK_SANDBOXES, baseDelayMs: 10 });

    const response = await http.request<string>({ url });

    expect(response.data).toBe('ok');
    expect(hits).toHaveLength(2);
  });

  it('retries after a timeout', async () => {
    const { url, hits } = await serve((_request, response, hit) =>
      hit === 1 ? undefined : answer(response, 200, {}, 'ok'),
    );
    const http = createConnectorHttp({ outbound: LOOPBACK_SANDBOXES, timeoutMs: 300, baseDelayMs: 10 });

    const response = await http.request<string>({ url });

    expect(response.data).toBe('ok');
    expect(hits).toHaveLength(2);
  });

  it('throws an HttpRequestError with status and attempts when retries run out, without secrets in it', async () => {
    const { url, hits } = await serve((_request, response) => answer(response, 502));
    const http = createConnectorHttp({ outbound: LOOPBACK_SANDBOXES, maxRetries: 2, baseDelayMs: 10 });

    const error = await failure(
      http.request({
        url: `${url}/feed.xml?token=query-secret&page=2`,
        params: { consumer_key: 'ck-secret' },
        headers: { Authorization: 'Bearer header-secret' },
      }),
    );

    expect(hits).toHaveLength(3);
    expect(error).toBeInstanceOf(HttpRequestError);
    expect(error).toMatchObject({
      status: 502,
      attempts: 3,
      url: `${url}/feed.xml?token=***&page=2&consumer_key=***`,
      message: `GET ${url}/feed.xml?token=***&page=2&consumer_key=*** answered 502 after 3 attempts`,
    });
    const everything = `${String((error as Error).stack)} ${JSON.stringify(error)}`;
    for (const secret of ['query-secret', 'ck-secret', 'header-secret']) expect(everything).not.toContain(secret);
  });

  it('opens the breaker after N consecutive failures and then fails fast without reaching the server', async () => {
    const { url, hits } = await serve((_request, response) => answer(response, 500));
    const http = createConnectorHttp({
      outbound: LOOPBACK_SANDBOXES,
      maxRetries: 0,
      breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 },
    });

    for (let request = 0; request < 3; request++)
      expect(await failure(http.request({ url }))).toBeInstanceOf(HttpRequestError);
    const error = await failure(http.request({ url }));

    expect(error).toBeInstanceOf(CircuitOpenError);
    expect((error as Error).message).toBe(
      `GET ${url}/ was not sent: ${new URL(url).host} failed 3 times in a row, so requests to it are paused for 60 s`,
    );
    expect(hits).toHaveLength(3);
  });

  it('lets a trial request through once halfOpenAfterMs has passed, and closes the breaker when it succeeds', async () => {
    const { url, hits } = await serve((_request, response, hit) =>
      hit <= 2 ? answer(response, 500) : answer(response, 200),
    );
    const http = createConnectorHttp({
      outbound: LOOPBACK_SANDBOXES,
      maxRetries: 0,
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 300 },
    });
    await failure(http.request({ url }));
    await failure(http.request({ url }));
    expect(await failure(http.request({ url }))).toBeInstanceOf(CircuitOpenError);

    await sleep(400);

    expect((await http.request({ url })).status).toBe(200);
    expect((await http.request({ url })).status).toBe(200);
    expect(hits).toHaveLength(4);
  });

  it('keeps to requestsPerSecond: 10 sequential requests at 20/s arrive no faster than the token bucket lets them', async () => {
    const { url, hits } = await serve((_request, response) => answer(response, 200));
    const http = createConnectorHttp({ outbound: LOOPBACK_SANDBOXES, requestsPerSecond: 20 });

    for (let request = 0; request < 10; request++) await http.request({ url });

    expect(hits).toHaveLength(10);
    expect(rateRuleBreaches(hits, 20, 1)).toEqual([]);
  });

  it('stops waiting for a retry as soon as the client signal is aborted', async () => {
    const run = new AbortController();
    const { url, hits } = await serve((_request, response) => {
      // An hour: a client that kept waiting would outlast the test's timeout, so settling at all is the proof.
      answer(response, 429, { 'Retry-After': '3600' });
      setTimeout(() => run.abort(), 50);
    });
    const http = createConnectorHttp({ outbound: LOOPBACK_SANDBOXES, signal: run.signal });

    const error = await failure(http.request({ url }));

    expect(error).toBe(run.signal.reason);
    expect(hits).toHaveLength(1);
  });

  it('stops waiting for a retry as soon as the request signal is aborted, the client signal being live', async () => {
    const request = new AbortController();
    const { url, hits } = await serve((_request, response) => {
      answer(response, 503, { 'Retry-After': '3600' });
      setTimeout(() => request.abort(), 50);
    });
    const http = createConnectorHttp({ outbound: LOOPBACK_SANDBOXES, signal: new AbortController().signal });

    const error = await failure(http.request({ url, signal: request.signal }));

    expect(error).toBe(request.signal.reason);
    expect(hits).toHaveLength(1);
  });

  it('returns a 304 that validateStatus accepts instead of throwing', async () => {
    const { url, hits } = await serve((request, response) =>
      request.headers['if-none-match'] === '"v1"' ? answer(response, 304) : answer(response, 200),
    );
    const http = createConnectorHttp({ outbound: LOOPBACK_SANDBOXES });

    const response = await http.request({
      url,
      headers: { 'If-None-Match': '"v1"' },
      validateStatus: (status) => status === 200 || status === 304,
    });

    expect(response.status).toBe(304);
    expect(hits).toHaveLength(1);
  });

  it('retries a streamed request until its headers arrive, then hands over the body', async () => {
    const { url, hits } = await serve((_request, response, hit) =>
      hit === 1 ? answer(response, 503, { 'Retry-After': '0' }, 'busy') : answer(response, 200, {}, 'the feed'),
    );
    const http = createConnectorHttp({ outbound: LOOPBACK_SANDBOXES });

    const response = await http.request<Readable>({ url, responseType: 'stream' });

    expect(await readAll(response.data)).toBe('the feed');
    expect(hits).toHaveLength(2);
  });

  it('does not retry a streamed body that breaks after its headers arrived', async () => {
    const { url, hits } = await serve((request, response) => {
      response.writeHead(200, { 'Content-Length': '1000' });
      response.write('the beginning', () => request.socket.destroy());
    });
    const http = createConnectorHttp({ outbound: LOOPBACK_SANDBOXES, baseDelayMs: 1 });

    const response = await http.request<Readable>({ url, responseType: 'stream' });

    await expect(readAll(response.data)).rejects.toThrow();
    expect(hits).toHaveLength(1);
  });
});
