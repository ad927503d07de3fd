import { MAX_RETRY_DELAY_MS, retryDelayMs } from '../src/routing/retry-delay.js';
import { retryAfterMs } from '../src/routing/delivery-result.js';

describe('routing retry delays', () => {
  it('doubles from the base per attempt, within ±20% jitter', () => {
    expect(retryDelayMs(1, 1000, () => 0.5)).toBe(1000);
    expect(retryDelayMs(3, 1000, () => 0.5)).toBe(4000);
    expect(retryDelayMs(3, 1000, () => 0)).toBe(3200);
    expect(retryDelayMs(3, 1000, () => 1)).toBe(4800);
  });

  it('never waits longer than the cap, however many attempts', () => {
    expect(retryDelayMs(60, 2000, () => 0.5)).toBe(MAX_RETRY_DELAY_MS);
  });

  it('reads Retry-After as seconds, fractions included, or as an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('0.5')).toBe(500);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:05 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(5000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
});
