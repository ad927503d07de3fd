import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { SyncRunService } from './sync-run.service.js';
import { RUN_ORPHANED } from './sync-outcome.js';
import { ConnectorConfig, ConnectorRegistry } from '#integrations';
import { releaseAdvisoryLock, tryAdvisoryLock } from '#platform';

export const SCHEDULER_TICK_MS = 30_000;
/** A running sync without a heartbeat for this long is checked for a live worker. */
const STALE_AFTER_SECONDS = 120;

/**
 * The scheduler role's tick (only processes with that role load the schedule module). Due configs
 * are claimed with FOR UPDATE SKIP LOCKED and moved to their next time in the same transaction
 * that queues their sync, so two schedulers never queue the same config twice.
 */
@Injectable()
export class SyncScheduler {
  private readonly logger = new Logger(SyncScheduler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: SyncRunService,
    private readonly registry: ConnectorRegistry,
  ) {}

  @Interval('catalog-sync-tick', SCHEDULER_TICK_MS)
  async tick(): Promise<void> {
    try {
      await this.queueDueSyncs();
      await this.failOrphanedRuns();
    } catch (error) {
      this.logger.error({ err: error }, 'sync scheduler tick failed');
    }
  }

  /** Queues a sync for every enabled config whose time has come; returns how many were queued. */
  async queueDueSyncs(limit = 100): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await manager
        .getRepository(ConnectorConfig)
        .createQueryBuilder('config')
        .where('config.enabled AND config.nextRunAt IS NOT NULL AND config.nextRunAt <= now()')
        .orderBy('config.nextRunAt', 'ASC')
        .limit(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      let queued = 0;
      for (const config of due) {
        await manager
          .createQueryBuilder()
          .update(ConnectorConfig)
          .set({ nextRunAt: () => 'now() + make_interval(mins => schedule_interval_minutes)' })
          .where('id = :id', { id: config.id })
          .execute();
        const busy = await manager.query(
          `SELECT 1 FROM sync_run WHERE config_id = $1 AND status IN ('queued', 'running')`,
          [config.id],
        );
        if (busy.length > 0) continue; // the previous sync is still going; this slot is skipped
        // Scheduled syncs are incremental where the connector can read from a checkpoint.
        const incremental = this.registry.get(config.connectorId)?.spec.incremental && config.checkpoint !== null;
        await this.runs.enqueue(manager, config, 'schedule', { mode: incremental ? 'incremental' : 'full' });
        queued += 1;
      }
      return queued;
    });
  }

  /** Fails runs whose worker died: stale heartbeat and nobody holding the config's sync lock. */
  async failOrphanedRuns(staleAfterSeconds = STALE_AFTER_SECONDS): Promise<number> {
    const stale = (await this.dataSource.query(
      `SELECT id, config_id FROM sync_run
        WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $1)`,
      [staleAfterSeconds],
    )) as { id: string; config_id: string }[];
    let failed = 0;
    for (const run of stale) {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      try {
        const lock = `souk.sync:${run.config_id}`;
        const locked = await tryAdvisoryLock(runner, lock);
        if (!locked) continue;
        try {
          await runner.query(
            `UPDATE sync_run SET status = 'failed', error = $2, finished_at = now()
              WHERE id = $1 AND status = 'running'`,
            [run.id, RUN_ORPHANED],
          );
          failed += 1;
        } finally {
          await releaseAdvisoryLock(runner, lock);
        }
      } finally {
        await runner.release();
      }
    }
    return failed;
  }
}
