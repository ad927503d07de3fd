import type { ExponentialBackoff, IBackoff } from 'cockatiel';
import type { AttemptFailure } from './attempt-failure.js';

/** What a 429 or 503 without a Retry-After waits at least. */
const DEFAULT_RETRY_AFTER_MS = 1000;

/**
 * The pauses between the attempts of one request. A 429 or 503 waits as long as its Retry-After
 * says (at least 1 s when it says nothing); other failures back off exponentially with full jitter.
 * Every pause is capped at maxDelayMs.
 */
export class RetryDelays {
  private backoff: IBackoff<unknown> | undefined;

  constructor(
    private readonly exponential: ExponentialBackoff<unknown>,
    private readonly maxDelayMs: number,
  ) {}

  after(failure: AttemptFailure): number {
    this.backoff = this.backoff ? this.backoff.next(undefined) : this.exponential.next();
    const delay = failure.asksToWait
      ? (failure.retryAfterMs ?? Math.max(DEFAULT_RETRY_AFTER_MS, this.backoff.duration))
      : this.backoff.duration;
    return Math.min(delay, this.maxDelayMs);
  }
}
