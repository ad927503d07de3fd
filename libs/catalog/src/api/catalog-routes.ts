import type { Readable } from 'node:stream';
import { Get, HttpCode, Injectable, Param, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblemResponse, Consumes, CurrentActor, ParseId, type Actor, type Page } from '#platform';
import { CheckResultView } from '#integrations';
import { ConnectorConfigActions } from '../sync/connector-config-actions.service.js';
import type { RetailerScope } from '#retailers';
import {
  IssueListQuery,
  SyncIssuePage,
  SyncNowQuery,
  SyncRunListQuery,
  SyncRunPage,
  SyncRunView,
} from '../sync/sync-run.dto.js';
import { SyncRunService } from '../sync/sync-run.service.js';
import { OfferList } from '../offers/offer-list.js';
import { OfferListQuery, OfferSummaryPage, type OfferSummaryView } from '../offers/offer-list.dto.js';

export const UPLOAD_CONTENT_TYPES = [
  'text/csv',
  'text/tab-separated-values',
  'text/plain',
  'application/xml',
  'text/xml',
  'application/rss+xml',
  'application/atom+xml',
  'application/octet-stream',
];

/**
 * The catalog routes that retailers and operators share (checking a config, syncing it, uploading
 * to it, the runs with their reports, and the offers they wrote); each subclass says who may call them and which
 * retailers a caller's scope covers. (Injectable only so that the constructor's parameter types
 * are recorded for the subclasses.)
 */
@Injectable()
export abstract class CatalogRoutes {
  constructor(
    protected readonly actions: ConnectorConfigActions,
    protected readonly runs: SyncRunService,
    protected readonly offers: OfferList,
  ) {}

  protected abstract scope(actor: Actor): RetailerScope;

  @Post('connector-configs/:id/check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Test the connection: a clear reason when credentials, address or format are wrong.' })
  @ApiOkResponse({ type: CheckResultView })
  check(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<CheckResultView> {
    return this.actions.check(this.scope(actor), id);
  }

  @Post('connector-configs/:id/sync')
  @HttpCode(202)
  @ApiOperation({ summary: 'Sync now. 409 when a sync of this config is already queued or running.' })
  @ApiAcceptedResponse({ type: SyncRunView })
  @ApiProblemResponse(409, 'The config is disabled, or a sync of it is already queued or running.')
  sync(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Query() query: SyncNowQuery,
  ): Promise<SyncRunView> {
    return this.actions.syncNow(this.scope(actor), id, query.mode);
  }

  @Post('connector-configs/:id/uploads')
  @HttpCode(202)
  @Consumes(UPLOAD_CONTENT_TYPES)
  @ApiOperation({ summary: 'Upload a catalog file (CSV, TSV or XML feed) as the request body; its sync is queued.' })
  @ApiAcceptedResponse({ type: SyncRunView })
  @ApiProblemResponse(409, 'The config is disabled, or a sync of it is already queued or running.')
  upload(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Req() request: FastifyRequest,
  ): Promise<SyncRunView> {
    // Undefined when the request has no body: the upload parser runs only for a body.
    return this.actions.upload(
      this.scope(actor),
      id,
      request.body as Readable | undefined,
      request.headers['content-type'] ?? null,
    );
  }

  @Get('offers')
  @ApiOperation({
    summary: 'Offers as the syncs wrote them, by retailer, connector config and state (live by default), in id order.',
  })
  @ApiOkResponse({ type: OfferSummaryPage })
  listOffers(@CurrentActor() actor: Actor, @Query() query: OfferListQuery): Promise<Page<OfferSummaryView>> {
    return this.offers.list(this.scope(actor), query);
  }

  @Get('sync-runs')
  @ApiOperation({ summary: 'Sync runs, newest first, with progress and counts.' })
  @ApiOkResponse({ type: SyncRunPage })
  syncRuns(@CurrentActor() actor: Actor, @Query() query: SyncRunListQuery): Promise<Page<SyncRunView>> {
    return this.runs.list(this.scope(actor), query);
  }

  @Get('sync-runs/:id')
  @ApiOkResponse({ type: SyncRunView })
  syncRun(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<SyncRunView> {
    return this.runs.get(this.scope(actor), id);
  }

  @Get('sync-runs/:id/issues')
  @ApiOperation({ summary: "A run's per-item report: item id, line, field and message, in source order." })
  @ApiOkResponse({ type: SyncIssuePage })
  issues(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string, @Query() query: IssueListQuery) {
    return this.runs.issues(this.scope(actor), id, query);
  }
}
