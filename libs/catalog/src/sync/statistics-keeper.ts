import type { QueryRunner } from 'typeorm';

const FIRST_ANALYZE_AFTER = 10_000;

/**
 * Keeps the planner's statistics of the offer and product tables in step while a sync grows them:
 * each time the rows the run wrote double (10k, 20k, 40k, ...), the tables are analyzed. Without
 * it a first load plans its per-page lookups for the empty table it started with, and scans.
 */
export class StatisticsKeeper {
  private written = 0;
  private nextAnalyzeAt = FIRST_ANALYZE_AFTER;

  async afterPage(runner: QueryRunner, rowsWritten: number): Promise<void> {
    this.written += rowsWritten;
    if (this.written < this.nextAnalyzeAt) return;
    this.nextAnalyzeAt = this.written * 2;
    await runner.query('ANALYZE offer, product');
  }
}
