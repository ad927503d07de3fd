import type { Readable } from 'node:stream';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConnectorConfigService, ConnectorContextFactory, type CheckResultView } from '#integrations';
import { APP_CONFIG, OutboundRefusedError, ProblemException, type AppConfig } from '#platform';
import { Retailer, type RetailerScope } from '#retailers';
import { CatalogUpload } from '../uploads/catalog-upload.entity.js';
import { UploadStore } from '../uploads/upload-store.js';
import { SyncRunView } from './sync-run.dto.js';
import type { SyncMode } from './sync-run.entity.js';
import { SyncRunService } from './sync-run.service.js';

const CHECK_TIMEOUT_MS = 30_000;

/** What a retailer or operator does with a config: check it, sync it now, upload a file to it. */
@Injectable()
export class ConnectorConfigActions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly configs: ConnectorConfigService,
    private readonly contexts: ConnectorContextFactory,
    private readonly runs: SyncRunService,
    private readonly uploads: UploadStore,
    @Inject(APP_CONFIG) private readonly appConfig: AppConfig,
  ) {}

  /** Tests the connection with the config's settings and secrets (and its latest upload, if any). */
  async check(scope: RetailerScope, id: string): Promise<CheckResultView> {
    const config = await this.configs.find(this.dataSource.manager, scope, id);
    const connector = this.configs.connector(config.connectorId, 'connectorId');
    const retailer = await this.dataSource.getRepository(Retailer).findOneByOrFail({ id: config.retailerId });
    const signal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
    const latest = await this.dataSource
      .getRepository(CatalogUpload)
      .findOne({ where: { configId: config.id }, order: { createdAt: 'DESC' } });
    try {
      const result = await connector.check(
        this.contexts.create(config, retailer, signal),
        latest ? { upload: () => this.uploads.open(latest.id) } : {},
      );
      return result.ok
        ? { ok: true, ...(result.message ? { message: result.message } : {}) }
        : { ok: false, reason: result.reason, message: result.message };
    } catch (error) {
      if (signal.aborted)
        return {
          ok: false,
          reason: 'unreachable',
          message: `The check took longer than ${CHECK_TIMEOUT_MS / 1000} s.`,
        };
      if (error instanceof OutboundRefusedError) return { ok: false, reason: 'not-allowed', message: error.message };
      return {
        ok: false,
        reason: 'unreachable',
        message: error instanceof Error ? error.message : 'The check failed.',
      };
    }
  }

  /** Queues a sync now: full by default; incremental (from the last checkpoint) where the connector can. */
  async syncNow(scope: RetailerScope, id: string, mode: SyncMode = 'full'): Promise<SyncRunView> {
    return this.dataSource.transaction(async (manager) => {
      const config = await this.configs.find(manager, scope, id);
      if (mode === 'incremental' && !this.configs.connector(config.connectorId, 'connectorId').spec.incremental) {
        throw ProblemException.validation([
          { field: 'mode', message: `the ${config.connectorId} connector reads only full syncs` },
        ]);
      }
      return SyncRunView.of(await this.runs.enqueue(manager, config, 'manual', { mode }));
    });
  }

  /** Stores an uploaded catalog file and queues its sync, in one transaction. */
  async upload(
    scope: RetailerScope,
    id: string,
    body: Readable | undefined,
    contentType: string | null,
  ): Promise<SyncRunView> {
    return this.dataSource.transaction(async (manager) => {
      const config = await this.configs.find(manager, scope, id);
      this.configs.connector(config.connectorId, 'connectorId');
      if (!body)
        throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          'bad-request',
          'Bad request',
          'The request has no body: send the catalog file as the body.',
        );
      const upload = await this.uploads.save(manager, body, {
        configId: config.id,
        retailerId: config.retailerId,
        contentType,
        maxBytes: this.appConfig.maxUploadBytes,
      });
      return SyncRunView.of(await this.runs.enqueue(manager, config, 'upload', { uploadId: upload.id }));
    });
  }
}
