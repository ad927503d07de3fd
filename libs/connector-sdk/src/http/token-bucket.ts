/**
 * A token bucket: `ratePerSecond` tokens a second, holding at most `burst`. A caller that finds it
 * empty takes a token from the future and waits for it, so waiting callers go in call order.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError(`requestsPerSecond must be above 0, not ${ratePerSecond}`);
    if (!(burst >= 1)) throw new RangeError(`burst must be at least 1, not ${burst}`);
    this.tokens = burst;
    this.updatedAt = performance.now();
  }

  /** Takes a token; returns how many milliseconds to wait before using it. */
  take(): number {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) * this.ratePerSecond) / 1000);
    this.updatedAt = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens * 1000) / this.ratePerSecond;
  }
}
