import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ConnectorConfig } from '#integrations';
import {
  JobQueue,
  PG_UNIQUE_VIOLATION,
  ProblemException,
  paginate,
  violatedConstraint,
  type Page,
  type PageQuery,
} from '#platform';
import type { RetailerScope } from '#retailers';
import { SyncItemIssue } from './sync-item-issue.entity.js';
import { SyncIssueView, SyncRunView, type IssueListQuery, type SyncRunListQuery } from './sync-run.dto.js';
import { SyncRun, type SyncMode, type SyncTrigger } from './sync-run.entity.js';

export const CATALOG_SYNC_QUEUE = 'catalog.sync';

export interface CatalogSyncJob {
  runId: string;
}

/** Asks for syncs (one queued or running per config) and reads their history and issue reports. */
@Injectable()
export class SyncRunService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  /** Queues a sync of the config and its job, in the caller's transaction; 409 when one is already active. */
  async enqueue(
    manager: EntityManager,
    config: ConnectorConfig,
    trigger: SyncTrigger,
    options: { uploadId?: string; mode?: SyncMode } = {},
  ): Promise<SyncRun> {
    if (!config.enabled) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'conflict',
        'Conflict',
        'The connector config is disabled; enable it first.',
        {
          errors: [{ field: 'enabled', message: 'is false' }],
        },
      );
    }
    const active = await manager.findOne(SyncRun, {
      where: [
        { configId: config.id, status: 'queued' },
        { configId: config.id, status: 'running' },
      ],
    });
    if (active) throw activeRunConflict(active.id);
    let run: SyncRun;
    try {
      run = await manager.save(
        manager.create(SyncRun, {
          configId: config.id,
          retailerId: config.retailerId,
          mode: options.mode ?? 'full',
          trigger,
          uploadId: options.uploadId ?? null,
          status: 'queued',
        }),
      );
    } catch (error) {
      if (violatedConstraint(error, PG_UNIQUE_VIOLATION) === 'uq_sync_run_active_per_config')
        throw activeRunConflict(null);
      throw error;
    }
    await this.jobs.send(CATALOG_SYNC_QUEUE, { runId: run.id } satisfies CatalogSyncJob, { manager });
    return run;
  }

  async list(scope: RetailerScope, query: SyncRunListQuery): Promise<Page<SyncRunView>> {
    const builder = this.dataSource.getRepository(SyncRun).createQueryBuilder('run');
    if (scope.retailerId) builder.andWhere('run.retailerId = :retailerId', { retailerId: scope.retailerId });
    if (query.configId) builder.andWhere('run.configId = :configId', { configId: query.configId });
    if (query.status) builder.andWhere('run.status = :status', { status: query.status });
    const page = await paginate(builder, 'run', query as PageQuery);
    return { items: page.items.map((run) => SyncRunView.of(run)), nextCursor: page.nextCursor };
  }

  async get(scope: RetailerScope, id: string): Promise<SyncRunView> {
    return SyncRunView.of(await this.find(scope, id));
  }

  /** The run's item issues in the order they were found, paged by id. */
  async issues(scope: RetailerScope, runId: string, query: IssueListQuery): Promise<Page<SyncIssueView>> {
    await this.find(scope, runId);
    const limit = query.limit ?? 100;
    const builder = this.dataSource
      .getRepository(SyncItemIssue)
      .createQueryBuilder('issue')
      .where('issue.runId = :runId', { runId })
      .orderBy('issue.id', 'ASC')
      .limit(limit + 1);
    if (query.cursor) builder.andWhere('issue.id > :cursor', { cursor: query.cursor });
    if (query.severity) builder.andWhere('issue.severity = :severity', { severity: query.severity });
    const rows = await builder.getMany();
    const items = rows.slice(0, limit);
    return {
      items: items.map((issue) => SyncIssueView.of(issue)),
      nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null,
    };
  }

  private async find(scope: RetailerScope, id: string): Promise<SyncRun> {
    const run = await this.dataSource
      .getRepository(SyncRun)
      .findOne({ where: { id, ...(scope.retailerId ? { retailerId: scope.retailerId } : {}) } });
    if (!run) throw ProblemException.notFound(`Sync run ${id}`);
    return run;
  }
}

function activeRunConflict(runId: string | null): ProblemException {
  return new ProblemException(
    HttpStatus.CONFLICT,
    'conflict',
    'Conflict',
    'A sync of this config is already queued or running.',
    runId ? { activeRunId: runId } : {},
  );
}
