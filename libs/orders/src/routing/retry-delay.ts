/** Longest wait between two routing attempts. */
export const MAX_RETRY_DELAY_MS = 15 * 60_000;

/**
 * The wait after failed attempt `attempt` (1-based): the base doubled per attempt, capped, with
 * ±20% jitter so the retries of many orders to one retailer that failed together spread out.
 */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}
