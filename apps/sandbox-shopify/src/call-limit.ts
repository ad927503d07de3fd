/**
 * Shopify's REST rate limit: a leaky bucket per access token. Every call adds one; the bucket
 * leaks `leakPerSecond`; a call that would overflow it is answered 429 and adds nothing.
 */
export class LeakyBucket {
  private level = 0;
  private updatedAt: number;

  constructor(
    readonly size: number,
    readonly leakPerSecond: number,
    now: number,
  ) {
    if (!(size >= 1)) throw new RangeError(`bucketSize must be at least 1, not ${size}`);
    if (!(leakPerSecond > 0)) throw new RangeError(`leakPerSecond must be above 0, not ${leakPerSecond}`);
    this.updatedAt = now;
  }

  /** Adds a call; when it does not fit, how many ms until it would. */
  add(now: number): { readonly ok: true } | { readonly ok: false; readonly waitMs: number } {
    this.drain(now);
    if (this.level + 1 > this.size + 1e-9)
      return { ok: false, waitMs: ((this.level + 1 - this.size) * 1000) / this.leakPerSecond };
    this.level += 1;
    return { ok: true };
  }

  /** "32/40", as in X-Shopify-Shop-Api-Call-Limit. */
  header(now: number): string {
    this.drain(now);
    return `${Math.min(this.size, Math.ceil(this.level - 1e-9))}/${this.size}`;
  }

  private drain(now: number): void {
    this.level = Math.max(0, this.level - ((now - this.updatedAt) * this.leakPerSecond) / 1000);
    this.updatedAt = now;
  }
}

export interface CallStats {
  /** Every call to /admin, answered or refused. */
  readonly requests: number;
  /** Calls answered 429, by the bucket or by a storm. */
  readonly throttled: number;
  /** Of those, the ones a storm answered. */
  readonly stormThrottled: number;
  /** The most calls that arrived within any one second (a sliding window). */
  readonly maxRequestsPerSecond: number;
  /** Calls that arrived while the bucket was full (each got a 429 it could have avoided). */
  readonly requestsOverLimit: number;
  /**
   * Calls that arrived sooner after a 429 than it asked: before its Retry-After, or within 1 s
   * when it had none (Shopify's advice for that case).
   */
  readonly requestsBeforeRetryAfter: number;
  /** True when any call came over the limit or before a Retry-After ran out. */
  readonly overLimit: boolean;
}

/** Clock jitter allowed before a call counts as coming back too early. */
const EARLY_TOLERANCE_MS = 15;
const DEFAULT_WAIT_MS = 1000;

/** What the sandbox saw of a client's pace. Times are performance.now() milliseconds. */
export class CallRecorder {
  private requests = 0;
  private throttled = 0;
  private stormThrottled = 0;
  private overLimit = 0;
  private early = 0;
  private maxPerSecond = 0;
  private readonly window: number[] = [];
  private notBefore = 0;

  arrived(now: number): void {
    this.requests += 1;
    this.window.push(now);
    while (this.window.length > 0 && this.window[0]! <= now - 1000) this.window.shift();
    this.maxPerSecond = Math.max(this.maxPerSecond, this.window.length);
    if (now < this.notBefore - EARLY_TOLERANCE_MS) this.early += 1;
  }

  /** A 429; `retryAfterMs` is what its Retry-After said, null when it had none. */
  refused(now: number, retryAfterMs: number | null, by: 'bucket' | 'storm'): void {
    this.throttled += 1;
    if (by === 'storm') this.stormThrottled += 1;
    else this.overLimit += 1;
    this.notBefore = Math.max(this.notBefore, now + (retryAfterMs ?? DEFAULT_WAIT_MS));
  }

  stats(): CallStats {
    return {
      requests: this.requests,
      throttled: this.throttled,
      stormThrottled: this.stormThrottled,
      maxRequestsPerSecond: this.maxPerSecond,
      requestsOverLimit: this.overLimit,
      requestsBeforeRetryAfter: this.early,
      overLimit: this.overLimit > 0 || this.early > 0,
    };
  }
}

/** Shopify writes Retry-After in seconds with a fraction: "2.0", "0.5". */
export function formatRetryAfter(ms: number): string {
  return (Math.ceil(ms / 100) / 10).toFixed(1);
}
