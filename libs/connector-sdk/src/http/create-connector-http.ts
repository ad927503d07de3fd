import { Readable, finished } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  fullJitterGenerator,
  handleWhen,
  retry,
} from 'cockatiel';
import { MAX_REDIRECTS, OutboundPolicy, OutboundRefusedError, limitBytes } from '#outbound';
import { AttemptFailure } from './attempt-failure.js';
import type { ConnectorHttp } from './connector-http.js';
import { CircuitOpenError, HttpRequestError } from './http-request-error.js';
import { linkSignals } from './linked-signal.js';
import { RetryDelays } from './retry-delays.js';
import { safeUrl } from './safe-url.js';
import { TokenBucket } from './token-bucket.js';

export interface ConnectorHttpOptions {
  /** Attempts this client may start per second, retries included; default 5. */
  readonly requestsPerSecond?: number;
  /** Attempts that may start back to back before the rate applies; default 1. */
  readonly burst?: number;
  /** Until the response headers arrive; default 30 s. */
  readonly timeoutMs?: number;
  /**
   * Retries after the first attempt; default 5. A POST or PATCH is retried only after a 429 or a
   * refused connection: after a timeout or a 5xx the server may have acted, and the connector
   * (which knows how to look the result up) decides.
   */
  readonly maxRetries?: number;
  /** The first backoff's upper bound; it doubles each retry. Default 500 ms. */
  readonly baseDelayMs?: number;
  /** Caps every pause, Retry-After included; default 60 s. */
  readonly maxDelayMs?: number;
  /**
   * Opens after `consecutiveFailures` server faults in a row (default 5), tries again after `halfOpenAfterMs` (default
   * 30 s).
   */
  readonly breaker?: { readonly consecutiveFailures?: number; readonly halfOpenAfterMs?: number };
  readonly userAgent?: string;
  /** Cancels every request and every pause of this client (the sync run's signal). */
  readonly signal?: AbortSignal;
  /**
   * Where requests may go: every request, redirect and connection is checked by it. By default
   * the strict policy, which allows no loopback, private or other internal address.
   */
  readonly outbound?: OutboundPolicy;
  /** The most an answer read whole (JSON, text) may hold; default 32 MiB. */
  readonly maxResponseBytes?: number;
  /** The most a streamed answer (`responseType: 'stream'`, a feed) may hold; default 512 MiB. */
  readonly maxStreamedBytes?: number;
}

const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const DEFAULT_MAX_STREAMED_BYTES = 512 * 1024 * 1024;
let strictPolicy: OutboundPolicy | undefined;

/**
 * The HTTP client of one connector config: axios behind a token-bucket rate limit, retries (cockatiel)
 * and a circuit breaker (cockatiel) shared by all its requests. See ConnectorHttp.
 */
export function createConnectorHttp(options: ConnectorHttpOptions = {}): ConnectorHttp {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const consecutiveFailures = options.breaker?.consecutiveFailures ?? 5;
  const halfOpenAfterMs = options.breaker?.halfOpenAfterMs ?? 30_000;

  const outbound = options.outbound ?? (strictPolicy ??= new OutboundPolicy());
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const maxStreamedBytes = options.maxStreamedBytes ?? DEFAULT_MAX_STREAMED_BYTES;
  const client = axios.create({
    timeout: timeoutMs,
    headers: { 'User-Agent': options.userAgent ?? 'Souk' },
    maxRedirects: MAX_REDIRECTS,
  });
  const bucket = new TokenBucket(options.requestsPerSecond ?? 5, options.burst ?? 1);
  const backoff = new ExponentialBackoff({
    generator: fullJitterGenerator,
    initialDelay: options.baseDelayMs ?? 500,
    maxDelay: maxDelayMs,
  });
  // No backoff here: cockatiel's own retry pause cannot be cancelled, so each attempt pauses first (below).
  const retries = retry(
    handleWhen(
      (error) =>
        error instanceof AttemptFailure && error.retryable && (error.requestIdempotent || error.provedNotActedOn),
    ),
    { maxAttempts: options.maxRetries ?? 5 },
  );
  // Around the attempt only, so that pauses and the rate limit never count as the server's time.
  const breaker = circuitBreaker(
    handleWhen((error) => error instanceof AttemptFailure && error.serverFault),
    { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(consecutiveFailures) },
  );

  async function send<T>(config: AxiosRequestConfig, signal: AbortSignal | undefined): Promise<AxiosResponse<T>> {
    const method = (config.method ?? 'GET').toUpperCase();
    // An IP host is refused here, before anything is sent; the agents check again at every connection.
    outbound.assertUrl(client.getUri(config));
    const url = safeUrl(client.getUri(config));
    const guarded = guardedConfig(config, outbound, maxResponseBytes);
    const delays = new RetryDelays(backoff, maxDelayMs);
    let attempts = 0;
    let lastFailure: AttemptFailure | undefined;
    try {
      return await retries.execute(async () => {
        if (lastFailure) await pause(delays.after(lastFailure), signal);
        await pause(bucket.take(), signal);
        attempts += 1;
        try {
          return await breaker.execute(() => attempt<T>(client, guarded, signal, config.timeout ?? timeoutMs), signal);
        } catch (error) {
          if (error instanceof AttemptFailure) {
            lastFailure = error;
            error.requestIdempotent = IDEMPOTENT_METHODS.has(method);
          }
          throw error;
        }
      }, signal);
    } catch (error) {
      signal?.throwIfAborted();
      if (error instanceof AttemptFailure)
        throw new HttpRequestError({
          method,
          url,
          attempts,
          status: error.status,
          code: error.code,
          outcome: error.outcome,
        });
      if (error instanceof BrokenCircuitError)
        throw new CircuitOpenError({ method, url, consecutiveFailures, halfOpenAfterMs });
      throw error;
    }
  }

  return {
    async request<T>(config: AxiosRequestConfig): Promise<AxiosResponse<T>> {
      const requestSignal = config.signal instanceof AbortSignal ? config.signal : undefined;
      const { signal, unlink } = linkSignals(options.signal, requestSignal);
      try {
        const response = await send<T>(config, signal);
        // A streamed body can still be cancelled by either signal until it is read.
        if (response.data instanceof Readable) {
          response.data = limitBytes(response.data, maxStreamedBytes) as T;
          finished(response.data as Readable, unlink);
        } else {
          unlink();
        }
        return response;
      } catch (error) {
        unlink();
        throw error;
      }
    },
  };
}

/**
 * One try. Axios is told to accept every status so that the caller's validateStatus (2xx by default)
 * decides here. For `responseType: 'stream'` this ends when the headers arrive: the body is the caller's.
 */
async function attempt<T>(
  client: AxiosInstance,
  config: AxiosRequestConfig,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<AxiosResponse<T>> {
  let response: AxiosResponse<T>;
  try {
    response = await client.request<T>({ ...config, signal, validateStatus: () => true });
  } catch (error) {
    signal?.throwIfAborted();
    const refused = OutboundRefusedError.in(error);
    if (refused) throw refused;
    if (isOverLimit(error)) throw AttemptFailure.tooLarge(config.maxContentLength as number);
    throw AttemptFailure.fromError(error, timeoutMs);
  }
  const accepts = config.validateStatus === undefined ? isSuccess : config.validateStatus;
  if (accepts === null || accepts(response.status)) return response;
  if (response.data instanceof Readable) response.data.destroy();
  throw AttemptFailure.fromResponse(response);
}

/**
 * The request as it is sent: through the policy's agents and redirect check, never through a proxy
 * from the environment (which would connect in the policy's stead) or a local socket, and with the
 * size of an answer read whole (and of a body sent) capped. A streamed answer is capped by the
 * client as it is read.
 */
function guardedConfig(
  config: AxiosRequestConfig,
  outbound: OutboundPolicy,
  maxResponseBytes: number,
): AxiosRequestConfig {
  return {
    ...config,
    httpAgent: outbound.agents.http,
    httpsAgent: outbound.agents.https,
    proxy: false,
    socketPath: null,
    beforeRedirect: outbound.beforeRedirect,
    maxContentLength: config.responseType === 'stream' ? -1 : maxResponseBytes,
    maxBodyLength: maxResponseBytes,
  };
}

/** Axios' own report of an answer over maxContentLength. */
function isOverLimit(error: unknown): boolean {
  return axios.isAxiosError(error) && /maxContentLength size of .* exceeded/.test(error.message);
}

/** Methods a server must treat the same however often they are sent (RFC 9110, 9.2.2). */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** Waits, or throws the abort reason at once when the signal fires. */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  signal?.throwIfAborted();
  if (ms <= 0) return;
  try {
    await sleep(ms, undefined, { signal });
  } catch (error) {
    signal?.throwIfAborted();
    throw error;
  }
}
