/**
 * No pooled connection came free within the wait bound (SOUK_DB_CONNECTION_WAIT_MS): the database is saturated. A
 * request answers 503 with Retry-After instead of joining an ever longer queue; a job is tried again later.
 */
export class DatabaseBusyError extends Error {
  constructor(
    readonly waitBoundMs: number,
    options?: ErrorOptions,
  ) {
    super(`no database connection came free within ${waitBoundMs} ms`, options);
    this.name = 'DatabaseBusyError';
  }

  /** When a caller may try again: the wait bound, in whole seconds, at least one. */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.waitBoundMs / 1000));
  }
}

/** pg-pool's two ways of saying the connection timeout passed: queued for a client, or opening a new one. */
export function isConnectionTimeout(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return (
    message === 'timeout exceeded when trying to connect' ||
    message === 'Connection terminated due to connection timeout'
  );
}
