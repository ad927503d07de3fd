import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SyncRun } from './sync-run.entity.js';
import { SyncRunService } from './sync-run.service.js';
import { ConnectorConfig, ConnectorRegistry } from '#integrations';
import { lockForTransaction } from '#platform';

export type ChangeRequestOutcome = 'queued' | 'pending' | 'disabled';

/**
 * What a shop's webhooks do to the catalog. "Something changed" asks for an incremental sync:
 * many webhooks make one sync, and a change that arrives while a sync runs is remembered
 * (`changes_pending_at`) so that another sync follows it (`afterRun`). Removed items are marked
 * removed at once.
 */
@Injectable()
export class CatalogChangeRequests {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: SyncRunService,
    private readonly registry: ConnectorRegistry,
  ) {}

  async request(manager: EntityManager, configId: string): Promise<ChangeRequestOutcome> {
    // Webhooks of one config arrive in bursts: they decide one at a time whether to queue a sync.
    await lockForTransaction(manager, `souk.sync-request:${configId}`);
    const config = await manager.findOneOrFail(ConnectorConfig, { where: { id: configId } });
    if (!config.enabled) return 'disabled';
    await manager.update(ConnectorConfig, { id: configId }, { changesPendingAt: new Date() });
    const active = await manager.findOne(SyncRun, {
      where: [
        { configId, status: 'queued' },
        { configId, status: 'running' },
      ],
    });
    if (active) return 'pending';
    const incremental = this.registry.get(config.connectorId)?.spec.incremental ?? false;
    await this.runs.enqueue(manager, config, 'webhook', { mode: incremental ? 'incremental' : 'full' });
    return 'queued';
  }

  /** Marks offers removed: by retailer item id, or every offer of the given item groups. Returns how many. */
  async removeItems(
    manager: EntityManager,
    configId: string,
    itemIds: readonly string[],
    itemGroupIds: readonly string[],
  ): Promise<number> {
    if (itemIds.length === 0 && itemGroupIds.length === 0) return 0;
    const [, removed] = (await manager.query(
      `UPDATE offer SET removed_at = now(), updated_at = now()
        WHERE config_id = $1 AND removed_at IS NULL
          AND (retailer_item_id = ANY($2::text[]) OR item_group_id = ANY($3::text[]))`,
      [configId, itemIds, itemGroupIds],
    )) as [unknown, number];
    return removed;
  }

  /** After a run ends: if changes were reported since it started, another incremental sync follows. */
  async afterRun(runId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await manager
        .createQueryBuilder(SyncRun, 'run')
        .innerJoin(ConnectorConfig, 'config', 'config.id = run.configId')
        .select('run.configId', 'configId')
        .where('run.id = :runId', { runId })
        .andWhere(
          'config.changesPendingAt IS NOT NULL AND config.changesPendingAt > coalesce(run.startedAt, run.createdAt)',
        )
        .getRawOne<{ configId: string }>();
      if (row) await this.request(manager, row.configId);
    });
  }
}
