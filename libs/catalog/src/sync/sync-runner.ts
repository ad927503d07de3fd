import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { ConnectorConfig, ConnectorRegistry, ConnectorContextFactory } from '#integrations';
import {
  ConnectorError,
  NotModified,
  OutboundRefusedError,
  type Connector,
  type ConnectorContext,
  type ReadPage,
} from '#connector-sdk';
import { JobQueue, releaseAdvisoryLock, tryAdvisoryLock } from '#platform';
import { Retailer } from '#retailers';
import { upsertOffers } from '../offers/offer-writer.js';
import { diffAgainstStored } from '../offers/unchanged-offers.js';
import { productIdsFor } from '../products/product-matching.js';
import { OfferCategories } from '../categories/offer-categories.js';
import { SearchProducts } from '../search/search-products.js';
import { CatalogUpload } from '../uploads/catalog-upload.entity.js';
import { UploadStore } from '../uploads/upload-store.js';
import { CatalogChangeRequests } from './catalog-change-requests.js';
import { duplicateMessage, mapPage, type IssueRow, type MappedPage } from './page-items.js';
import { CATALOG_SYNC_QUEUE, type CatalogSyncJob } from './sync-run.service.js';
import { SyncRun } from './sync-run.entity.js';
import { StatisticsKeeper } from './statistics-keeper.js';
import { EMPTY_CATALOG_REFUSED, RUN_ENDED_BY_SHUTDOWN, RUN_ORPHANED, SyncOutcome } from './sync-outcome.js';

const HEARTBEAT_MS = 15_000;
/** How long a run waits for the previous run of its config to let go of the lock: 50 × 100 ms. */
const LOCK_TRIES = 50;
const LOCK_RETRY_MS = 100;

/**
 * Runs one sync (a catalog.sync job) on a worker. It holds a per-config advisory lock on its own
 * connection for the whole run, so a config never syncs twice at once; commits page by page
 * (offers, the ids seen, issues and counts together); and removes offers missing from the source
 * only when a full read completed. A run that fails removes nothing.
 */
@Injectable()
export class SyncRunner implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SyncRunner.name);
  private readonly active = new Set<AbortController>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly registry: ConnectorRegistry,
    private readonly contexts: ConnectorContextFactory,
    private readonly uploads: UploadStore,
    private readonly categories: OfferCategories,
    private readonly changes: CatalogChangeRequests,
    private readonly searchProducts: SearchProducts,
  ) {}

  onModuleInit(): void {
    this.jobs.register<CatalogSyncJob>({
      queue: CATALOG_SYNC_QUEUE,
      settings: { retryLimit: 2, retryDelay: 30, expireInSeconds: 6 * 3600 },
      concurrency: 2,
      handle: (job) => this.run(job.data.runId),
    });
  }

  onModuleDestroy(): void {
    for (const controller of this.active) controller.abort(new Error(RUN_ENDED_BY_SHUTDOWN));
  }

  async run(runId: string): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const run = await runner.manager.findOne(SyncRun, { where: { id: runId } });
      if (!run || (run.status !== 'queued' && run.status !== 'running')) return;
      const lock = `souk.sync:${run.configId}`;
      // One run of a config at a time. A running run whose lock is held is being run by another
      // worker (a repeated job): leave it. For a queued run, the holder is the previous run
      // finishing: wait a moment, and if it stays held let pg-boss try the job again.
      if (!(await this.tryLock(runner, lock, run.status === 'queued' ? LOCK_TRIES : 1))) {
        if (run.status === 'running') return;
        throw new Error(`the sync lock of config ${run.configId} is still held; the run will be tried again`);
      }
      try {
        if (run.status === 'running') {
          // The run was started by a worker that is gone (its lock went with its connection).
          await this.finish(runner, run, SyncOutcome.failed(RUN_ORPHANED));
          return;
        }
        await this.execute(runner, run);
      } finally {
        await releaseAdvisoryLock(runner, lock);
      }
    } finally {
      await runner.release();
    }
    // After the lock is released, so a follow-up run is never turned away by this one.
    await this.changes
      .afterRun(runId)
      .catch((error: unknown) => this.logger.error({ err: error, runId }, 'could not queue the follow-up sync'));
  }

  private async tryLock(runner: QueryRunner, lock: string, tries: number): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const locked = await tryAdvisoryLock(runner, lock);
      if (locked || attempt >= tries) return locked;
      await new Promise((wake) => setTimeout(wake, LOCK_RETRY_MS));
    }
  }

  private async execute(runner: QueryRunner, run: SyncRun): Promise<void> {
    const config = await runner.manager.findOneOrFail(ConnectorConfig, { where: { id: run.configId } });
    const retailer = await runner.manager.findOneOrFail(Retailer, { where: { id: config.retailerId } });
    const connector = this.registry.get(config.connectorId);
    await runner.manager.update(
      SyncRun,
      { id: run.id },
      { status: 'running', startedAt: new Date(), heartbeatAt: new Date() },
    );
    if (!connector) {
      await this.finish(
        runner,
        run,
        SyncOutcome.failed(`The connector "${config.connectorId}" is not installed on this marketplace.`),
      );
      return;
    }
    const abort = new AbortController();
    this.active.add(abort);
    const heartbeat = setInterval(() => {
      void this.dataSource
        .query('UPDATE sync_run SET heartbeat_at = now() WHERE id = $1', [run.id])
        .catch(() => undefined);
    }, HEARTBEAT_MS);
    try {
      const outcome = await this.read(
        runner,
        run,
        config,
        connector,
        this.contexts.create(config, retailer, abort.signal),
      );
      await this.finish(runner, run, outcome);
    } catch (error) {
      await this.finish(runner, run, SyncOutcome.failed(this.reason(error, abort.signal)));
    } finally {
      clearInterval(heartbeat);
      this.active.delete(abort);
      await runner.query('DROP TABLE IF EXISTS pg_temp.sync_seen').catch(() => undefined);
    }
  }

  private async read(
    runner: QueryRunner,
    run: SyncRun,
    config: ConnectorConfig,
    connector: Connector,
    context: ConnectorContext<unknown, unknown>,
  ): Promise<SyncOutcome> {
    const upload = await this.uploadFor(runner, run, config, connector);
    if (upload === 'missing') return SyncOutcome.failed('No catalog file has been uploaded for this config yet.');
    await runner.query('CREATE TEMP TABLE IF NOT EXISTS sync_seen (retailer_item_id text PRIMARY KEY)');
    await runner.query('TRUNCATE pg_temp.sync_seen');

    const pages = connector.read(context, {
      mode: run.mode,
      checkpoint: config.checkpoint ?? null,
      ...(upload ? { upload } : {}),
    });
    let checkpoint: unknown = config.checkpoint ?? null;
    let seen = 0;
    // While one page commits (database work), the next is read and mapped (this process's work):
    // at most one commit is in flight, so pages still commit in order.
    let committing: Promise<number> | null = null;
    const statistics = new StatisticsKeeper();
    try {
      for (;;) {
        const next = await pages.next();
        if (next.done) {
          if (committing) seen += await committing;
          committing = null;
          if (next.value instanceof NotModified) {
            await runner.manager.update(
              ConnectorConfig,
              { id: config.id },
              { checkpoint: (next.value.checkpoint ?? checkpoint) as object },
            );
            return SyncOutcome.notModified();
          }
          break;
        }
        context.signal.throwIfAborted();
        const mapped = mapPage(connector, context, next.value.items, (error, item) =>
          this.logger.error(
            { err: error, runId: run.id, configId: config.id, connectorId: config.connectorId, ...item },
            'the connector threw while mapping an item',
          ),
        );
        if (committing) seen += await committing;
        committing = this.commitPage(runner, run, config, mapped, next.value, statistics);
        // Handled here so a failure while the next page is read is not an unhandled rejection; awaited above.
        committing.catch(() => undefined);
        checkpoint = next.value.checkpoint ?? checkpoint;
      }
    } finally {
      // A failing read must not leave a commit running on this connection.
      await committing?.catch(() => undefined);
    }
    // An incremental read sees only what changed: nothing may be removed, and its checkpoints were stored page by page.
    const outcome =
      run.mode === 'incremental'
        ? SyncOutcome.succeeded()
        : await this.completeFullRead(runner, run, config, seen, checkpoint);
    // The scheduler's tick rebuilds the search rows of products while the pages commit; a run ends with them current.
    // The offers are committed by now: a refresh that fails leaves its marks to the tick and does not fail the run.
    if (outcome.status === 'succeeded')
      await this.searchProducts
        .refresh()
        .catch((error: unknown) =>
          this.logger.error({ err: error, runId: run.id }, 'could not refresh the search rows of the products'),
        );
    return outcome;
  }

  /** One transaction per page: ids seen, offers, issues and counts move together. Returns new ids seen. */
  private async commitPage(
    runner: QueryRunner,
    run: SyncRun,
    config: ConnectorConfig,
    mapped: MappedPage,
    page: ReadPage<unknown>,
    statistics: StatisticsKeeper,
  ): Promise<number> {
    let rowsWritten: number;
    let seen: number;
    await runner.startTransaction();
    try {
      const ids = mapped.offers.map((offer) => offer.retailerItemId);
      const fresh = new Set(
        (
          (await runner.query(
            'INSERT INTO pg_temp.sync_seen SELECT unnest($1::text[]) ON CONFLICT DO NOTHING RETURNING retailer_item_id',
            [ids],
          )) as { retailer_item_id: string }[]
        ).map((row) => row.retailer_item_id),
      );
      const offers = mapped.offers.filter((offer) => fresh.has(offer.retailerItemId));
      const duplicates: IssueRow[] = mapped.offers
        .filter((offer) => !fresh.has(offer.retailerItemId))
        .map((offer) => ({
          itemId: offer.retailerItemId,
          line: null,
          severity: 'error',
          field: 'id',
          message: duplicateMessage,
        }));
      const diff = await diffAgainstStored(runner, config.retailerId, config.id, offers);
      const changed = diff.toWrite.map((row) => row.offer);
      const productIds = await productIdsFor(runner, config.retailerId, changed);
      const categoryIds = await this.categories.resolve(runner.manager, config.retailerId, changed);
      const upserted = await upsertOffers(
        runner,
        config.retailerId,
        config.id,
        diff.toWrite.map((row, index) => ({ ...row, productId: productIds[index]!, categoryId: categoryIds[index]! })),
      );
      const counts = { ...upserted, unchanged: upserted.unchanged + diff.unchanged };
      const issues = [...mapped.issues, ...duplicates];
      await this.insertIssues(runner, run.id, issues);
      await runner.query(
        `UPDATE sync_run SET read_count = read_count + $2, created_count = created_count + $3,
           updated_count = updated_count + $4, unchanged_count = unchanged_count + $5, failed_count = failed_count + $6,
           warning_count = warning_count + $7, heartbeat_at = now()
         WHERE id = $1`,
        [
          run.id,
          mapped.read,
          counts.created,
          counts.updated,
          counts.unchanged,
          mapped.failed + duplicates.length,
          issues.filter((issue) => issue.severity === 'warning').length,
        ],
      );
      if (run.mode === 'incremental' && page.checkpoint !== null) {
        await runner.manager.update(ConnectorConfig, { id: config.id }, { checkpoint: page.checkpoint as object });
      }
      await runner.commitTransaction();
      rowsWritten = counts.created + counts.updated;
      seen = fresh.size;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
    await statistics.afterPage(runner, rowsWritten);
    return seen;
  }

  /** After a complete full read: remove what the source no longer has, and keep the new checkpoint. */
  private async completeFullRead(
    runner: QueryRunner,
    run: SyncRun,
    config: ConnectorConfig,
    seen: number,
    checkpoint: unknown,
  ): Promise<SyncOutcome> {
    const [{ failed }] = (await runner.query('SELECT failed_count AS failed FROM sync_run WHERE id = $1', [
      run.id,
    ])) as [{ failed: number }];
    if (seen === 0 && failed === 0 && !config.allowEmptyCatalog) return SyncOutcome.failed(EMPTY_CATALOG_REFUSED);
    await runner.startTransaction();
    try {
      const removed = (await runner.query(
        `UPDATE offer SET removed_at = now(), updated_at = now()
          WHERE config_id = $1 AND removed_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM pg_temp.sync_seen seen WHERE seen.retailer_item_id = offer.retailer_item_id)`,
        [config.id],
      )) as [unknown[], number];
      await runner.query('UPDATE sync_run SET removed_count = $2 WHERE id = $1', [run.id, removed[1]]);
      await this.refreshStatisticsAfterBigWrites(runner, run.id);
      await runner.manager.update(ConnectorConfig, { id: config.id }, { checkpoint: checkpoint as object });
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
    return SyncOutcome.succeeded();
  }

  /**
   * A sync that wrote a large share of the offers leaves the planner's statistics behind until
   * autovacuum catches up, and the next sync's lookups would be planned for a far smaller table.
   */
  private async refreshStatisticsAfterBigWrites(runner: QueryRunner, runId: string): Promise<void> {
    const [row] = (await runner.query(
      `SELECT r.created_count + r.updated_count AS written, c.reltuples AS estimated
         FROM sync_run r, pg_class c WHERE r.id = $1 AND c.oid = 'offer'::regclass`,
      [runId],
    )) as [{ written: number; estimated: number }];
    if (row.written >= 10_000 && row.written > Math.max(row.estimated, 0) * 0.1)
      await runner.query('ANALYZE offer, product');
  }

  private async insertIssues(runner: QueryRunner, runId: string, issues: IssueRow[]): Promise<void> {
    if (issues.length === 0) return;
    await runner.query(
      `INSERT INTO sync_item_issue (run_id, item_id, line, severity, field, message)
       SELECT $1, * FROM unnest($2::text[], $3::integer[], $4::text[], $5::text[], $6::text[])`,
      [
        runId,
        issues.map((issue) => issue.itemId),
        issues.map((issue) => issue.line),
        issues.map((issue) => issue.severity),
        issues.map((issue) => issue.field),
        issues.map((issue) => issue.message),
      ],
    );
  }

  private async uploadFor(runner: QueryRunner, run: SyncRun, config: ConnectorConfig, connector: Connector) {
    const source =
      typeof config.settings.source === 'string'
        ? config.settings.source
        : connector.spec.acceptsUpload
          ? 'upload'
          : 'url';
    if (!connector.spec.acceptsUpload || source !== 'upload') return undefined;
    const uploadId =
      run.uploadId ??
      (await runner.manager.findOne(CatalogUpload, { where: { configId: config.id }, order: { createdAt: 'DESC' } }))
        ?.id;
    return uploadId ? () => this.uploads.open(uploadId) : ('missing' as const);
  }

  private async finish(runner: QueryRunner, run: SyncRun, outcome: SyncOutcome): Promise<void> {
    await runner.query(
      `UPDATE sync_run SET status = $2, error = $3, finished_at = now(), heartbeat_at = now() WHERE id = $1`,
      [run.id, outcome.status, outcome.error],
    );
  }

  private reason(error: unknown, signal: AbortSignal): string {
    if (signal.aborted) return RUN_ENDED_BY_SHUTDOWN;
    if (error instanceof ConnectorError) return error.message;
    // A connector that does not explain the refusal itself still fails the run with it.
    if (error instanceof OutboundRefusedError) return `The source was not fetched: ${error.message}.`;
    this.logger.error({ err: error }, 'sync failed');
    return (
      'The sync failed because of an error in the marketplace; nothing was removed. ' +
      'The operators have the details in the logs.'
    );
  }
}
