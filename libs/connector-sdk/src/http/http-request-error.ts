/**
 * A request that got no answer the caller accepts, after every retry it was worth. The message is
 * for the retailer: "GET https://shop.example/feed.xml answered 503 after 6 attempts". It names no
 * header and masks secret query values.
 */
export class HttpRequestError extends Error {
  readonly method: string;
  /** Without credentials: secret query values are `***`. */
  readonly url: string;
  /** The last answer's status; null when there was no answer (timeout, connection lost). */
  readonly status: number | null;
  /** The network error code of the last attempt (ECONNRESET, ECONNABORTED...), or null. */
  readonly code: string | null;
  readonly attempts: number;

  constructor(details: {
    method: string;
    url: string;
    status: number | null;
    code: string | null;
    attempts: number;
    outcome: string;
  }) {
    super(
      `${details.method} ${details.url} ${details.outcome}` +
        (details.attempts > 1 ? ` after ${details.attempts} attempts` : ''),
    );
    this.name = 'HttpRequestError';
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
    this.code = details.code;
    this.attempts = details.attempts;
  }
}

/** A request not sent because the server failed too often in a row (the circuit breaker is open). */
export class CircuitOpenError extends Error {
  readonly method: string;
  readonly url: string;

  constructor(details: { method: string; url: string; consecutiveFailures: number; halfOpenAfterMs: number }) {
    super(
      `${details.method} ${details.url} was not sent: ` +
        `${hostOf(details.url)} failed ${details.consecutiveFailures} times in a row, ` +
        `so requests to it are paused for ${Math.ceil(details.halfOpenAfterMs / 1000)} s`,
    );
    this.name = 'CircuitOpenError';
    this.method = details.method;
    this.url = details.url;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}
