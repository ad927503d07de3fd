import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsUUID, Max, Min } from 'class-validator';
import { IsBigintCursor, IsInteger, Omittable, PageOf, PageQuery } from '#platform';
import {
  SYNC_RUN_STATUSES,
  SYNC_TRIGGERS,
  type SyncRun,
  type SyncRunStatus,
  type SyncTrigger,
} from './sync-run.entity.js';
import type { SyncItemIssue } from './sync-item-issue.entity.js';

export class SyncRunListQuery extends PageQuery {
  @ApiPropertyOptional()
  @Omittable()
  @IsUUID()
  configId?: string;

  @ApiPropertyOptional({ enum: SYNC_RUN_STATUSES })
  @Omittable()
  @IsIn(SYNC_RUN_STATUSES)
  status?: SyncRunStatus;
}

export class SyncNowQuery {
  @ApiPropertyOptional({
    enum: ['full', 'incremental'],
    default: 'full',
    description: 'Incremental reads from the last checkpoint, where the connector can.',
  })
  @Omittable()
  @IsIn(['full', 'incremental'])
  mode?: 'full' | 'incremental';
}

export class SyncRunView {
  @ApiProperty() id: string;
  @ApiProperty() configId: string;
  @ApiProperty() retailerId: string;
  @ApiProperty({ enum: ['full', 'incremental'] }) mode: string;
  @ApiProperty({ enum: SYNC_TRIGGERS, description: "webhook: asked for by the shop system's webhooks." })
  trigger: SyncTrigger;
  @ApiProperty({ enum: SYNC_RUN_STATUSES }) status: SyncRunStatus;
  @ApiProperty({ description: 'Items read so far (progress while running).' }) read: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() removed: number;
  @ApiProperty({ description: 'Items skipped because of an error.' }) failed: number;
  @ApiProperty() warnings: number;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ nullable: true, type: Date }) startedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) finishedAt: Date | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Milliseconds from start to finish.' }) durationMs:
    number | null;
  @ApiProperty() createdAt: Date;

  static of(run: SyncRun): SyncRunView {
    return Object.assign(new SyncRunView(), {
      id: run.id,
      configId: run.configId,
      retailerId: run.retailerId,
      mode: run.mode,
      trigger: run.trigger,
      status: run.status,
      read: run.readCount,
      created: run.createdCount,
      updated: run.updatedCount,
      unchanged: run.unchangedCount,
      removed: run.removedCount,
      failed: run.failedCount,
      warnings: run.warningCount,
      error: run.error,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      durationMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
      createdAt: run.createdAt,
    });
  }
}

export const SyncRunPage = PageOf(SyncRunView);

export class IssueListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @Omittable()
  @Type(() => Number)
  @IsInteger()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @Omittable()
  @IsBigintCursor()
  cursor?: string;

  @ApiPropertyOptional({ enum: ['error', 'warning'] })
  @Omittable()
  @IsIn(['error', 'warning'])
  severity?: 'error' | 'warning';
}

export class SyncIssueView {
  @ApiProperty({ nullable: true, type: String }) itemId: string | null;
  @ApiProperty({ nullable: true, type: Number }) line: number | null;
  @ApiProperty({ enum: ['error', 'warning'] }) severity: string;
  @ApiProperty({ nullable: true, type: String }) field: string | null;
  @ApiProperty() message: string;

  static of(issue: SyncItemIssue): SyncIssueView {
    return Object.assign(new SyncIssueView(), {
      itemId: issue.itemId,
      line: issue.line,
      severity: issue.severity,
      field: issue.field,
      message: issue.message,
    });
  }
}

export const SyncIssuePage = PageOf(SyncIssueView);
