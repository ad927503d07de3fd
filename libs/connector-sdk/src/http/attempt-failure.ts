import type { AxiosResponse } from 'axios';
import { describeBytes } from '#outbound';
import { parseRetryAfter } from './retry-after.js';

const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
/** Answers that say when to come back (Retry-After) rather than leaving it to our backoff. */
const WAIT_STATUSES = new Set([429, 503]);
/** Answers that say the server is unwell, as opposed to throttling us or refusing this request. */
const SERVER_FAULT_STATUSES = new Set([500, 502, 503, 504]);
/** ECONNABORTED is how axios reports its own timeout. EAI_AGAIN is a temporary DNS failure. */
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN']);

const CODE_OUTCOMES: Readonly<Record<string, string>> = {
  ECONNRESET: 'lost the connection (ECONNRESET)',
  ECONNREFUSED: 'could not connect: the server refused the connection (ECONNREFUSED)',
  EPIPE: 'lost the connection (EPIPE)',
  ENOTFOUND: 'could not connect: the host name is unknown (ENOTFOUND)',
  EAI_AGAIN: 'could not connect: the host name could not be looked up (EAI_AGAIN)',
};

/**
 * Why one attempt did not end in an answer the caller accepts. Internal to the client: callers get
 * an HttpRequestError. It carries no request or response object, so nothing secret can leak from it.
 */
export class AttemptFailure extends Error {
  /** False for a POST or PATCH, set by the client: see provedNotActedOn. */
  requestIdempotent = true;

  private constructor(
    /** For the retailer: "answered 503", "got no answer within 30 s". */
    readonly outcome: string,
    readonly status: number | null,
    readonly code: string | null,
    /** The answer's Retry-After in milliseconds, when it is a 429 or 503 that has one. */
    readonly retryAfterMs: number | null,
  ) {
    super(outcome);
    this.name = 'AttemptFailure';
  }

  static fromResponse(response: AxiosResponse): AttemptFailure {
    const retryAfterMs = WAIT_STATUSES.has(response.status) ? parseRetryAfter(response.headers['retry-after']) : null;
    return new AttemptFailure(`answered ${response.status}`, response.status, null, retryAfterMs);
  }

  /** An answer longer than the client reads whole: not retried, since it would be as long again. */
  static tooLarge(maxBytes: number): AttemptFailure {
    return new AttemptFailure(
      `answered with more than ${describeBytes(maxBytes)}, the most Souk reads of an answer`,
      null,
      'ERR_RESPONSE_TOO_LARGE',
      null,
    );
  }

  static fromError(error: unknown, timeoutMs: number): AttemptFailure {
    const code = (error as { code?: unknown } | null)?.code;
    const name = typeof code === 'string' ? code : 'ERR_UNKNOWN';
    if (name === 'ECONNABORTED' || name === 'ETIMEDOUT') {
      return new AttemptFailure(`got no answer within ${formatSeconds(timeoutMs)}`, null, name, null);
    }
    return new AttemptFailure(CODE_OUTCOMES[name] ?? `failed (${name})`, null, name, null);
  }

  /**
   * Whether a request that is not idempotent (POST, PATCH) may be sent again after this failure:
   * only when the server surely did not act on it, a 429 or a refused connection. After a timeout,
   * a reset or a 5xx it may have, and a second POST could create a second order: the caller decides.
   */
  get provedNotActedOn(): boolean {
    return this.status === 429 || this.code === 'ECONNREFUSED';
  }

  get retryable(): boolean {
    return this.status === null
      ? this.code !== null && RETRYABLE_CODES.has(this.code)
      : RETRYABLE_STATUSES.has(this.status);
  }

  /** 429 and 503 wait as the server asks instead of by backoff. */
  get asksToWait(): boolean {
    return this.status !== null && WAIT_STATUSES.has(this.status);
  }

  /** Counts towards opening the circuit breaker. */
  get serverFault(): boolean {
    return this.status === null ? this.retryable : SERVER_FAULT_STATUSES.has(this.status);
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
