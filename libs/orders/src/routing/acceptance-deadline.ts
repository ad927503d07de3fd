import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobQueue, SYSTEM_ACTOR } from '#platform';
import { RetailerOrderLifecycle } from '../lifecycle/retailer-order-lifecycle.js';
import { ACCEPTANCE_DEADLINE_QUEUE } from '../order-queues.js';

const BATCH = 200;

/**
 * Cancels retailer orders that their retailer did not accept (or refuse) by their deadline. Runs
 * every minute from the scheduler's cron, so once across instances; each order is cancelled in
 * its own transaction under its lock, so one that the retailer accepts at the same moment stays
 * accepted.
 */
@Injectable()
export class AcceptanceDeadline implements OnModuleInit {
  private readonly logger = new Logger(AcceptanceDeadline.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly lifecycle: RetailerOrderLifecycle,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      queue: ACCEPTANCE_DEADLINE_QUEUE,
      settings: { retryLimit: 0, expireInSeconds: 300 },
      concurrency: 1,
      handle: () => this.sweep().then(() => undefined),
    });
    this.jobs.schedule(ACCEPTANCE_DEADLINE_QUEUE, '* * * * *');
  }

  /** Cancels every overdue retailer order; returns how many. */
  async sweep(): Promise<number> {
    let cancelled = 0;
    for (;;) {
      const overdue: { id: string }[] = await this.dataSource.query(
        `SELECT id FROM retailer_order WHERE status IN ('pending', 'submitted') AND accept_by < now()
          ORDER BY accept_by LIMIT $1`,
        [BATCH],
      );
      let changed = 0;
      for (const { id } of overdue) {
        changed += await this.dataSource.transaction(async (manager) => {
          const locked = await this.lifecycle.lock(manager, id);
          if (
            !locked ||
            !['pending', 'submitted'].includes(locked.retailerOrder.status) ||
            locked.retailerOrder.acceptBy.getTime() > Date.now()
          )
            return 0;
          const reason = `not accepted by the deadline (${locked.retailerOrder.acceptBy.toISOString()})`;
          await this.lifecycle.transition(manager, SYSTEM_ACTOR, locked, { to: 'cancelled', reason });
          return 1;
        });
      }
      cancelled += changed;
      if (overdue.length < BATCH || changed === 0) break;
    }
    if (cancelled > 0) this.logger.log({ cancelled }, 'retailer orders cancelled at their acceptance deadline');
    return cancelled;
  }
}
