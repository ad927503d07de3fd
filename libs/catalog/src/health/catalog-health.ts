import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConnectorConfig } from '#integrations';
import type { SyncRunStatus } from '../sync/sync-run.entity.js';

/** The dashboard lists this many connector configs at most, those whose last run failed first. */
export const DASHBOARD_CONFIG_LIMIT = 50;

export interface ConfigHealth {
  readonly id: string;
  readonly name: string;
  readonly connectorId: string;
  readonly retailerId: string;
  readonly enabled: boolean;
  readonly lastRun: {
    readonly id: string;
    readonly status: SyncRunStatus;
    readonly startedAt: Date | null;
    readonly finishedAt: Date | null;
    readonly readCount: number;
    readonly writtenCount: number;
    readonly failedCount: number;
    readonly warningCount: number;
    readonly error: string | null;
  } | null;
}

export interface CatalogHealthFigures {
  readonly configs: readonly ConfigHealth[];
  /** Configs by the status of their last run (`never` for configs that never ran). */
  readonly lastRunStatuses: readonly { status: SyncRunStatus | 'never'; count: number }[];
  readonly offersPerRetailer: readonly { retailerId: string; offers: number }[];
  /** Live offers with and without a unified category. */
  readonly categorized: number;
  readonly uncategorized: number;
}

interface LastRunRow {
  config_id: string;
  run_id: string;
  status: SyncRunStatus;
  started_at: Date | null;
  finished_at: Date | null;
  read_count: number;
  written_count: string;
  failed_count: number;
  warning_count: number;
  error: string | null;
  created_at: Date;
}

interface ConfigRow {
  readonly id: string;
  readonly name: string;
  readonly connectorId: string;
  readonly retailerId: string;
  readonly enabled: boolean;
  readonly lastRun: LastRunRow | null;
}

/** Configs whose last run failed first, then the most recently run, then those never run, by name. */
function worstFirst(a: ConfigRow, b: ConfigRow): number {
  const failed = Number(b.lastRun?.status === 'failed') - Number(a.lastRun?.status === 'failed');
  if (failed !== 0) return failed;
  const ran = (b.lastRun?.created_at.getTime() ?? -Infinity) - (a.lastRun?.created_at.getTime() ?? -Infinity);
  if (ran !== 0 && !Number.isNaN(ran)) return ran;
  return a.name.localeCompare(b.name);
}

/** What the console's dashboard shows of catalogs: each config's last run, offers and category coverage. */
@Injectable()
export class CatalogHealth {
  constructor(private readonly dataSource: DataSource) {}

  async figures(retailerId: string | null): Promise<CatalogHealthFigures> {
    const scope = (alias: string, parameter: string) => (retailerId ? `AND ${alias}.retailer_id = ${parameter}` : '');
    const configs = await this.dataSource.getRepository(ConnectorConfig).find({
      where: retailerId ? { retailerId } : {},
      select: { id: true, name: true, connectorId: true, retailerId: true, enabled: true },
    });
    const runs = (await this.dataSource.query(
      `SELECT DISTINCT ON (config_id) config_id, id AS run_id, status, started_at, finished_at, read_count,
              (created_count + updated_count + unchanged_count) AS written_count, failed_count, warning_count, error,
              created_at
         FROM sync_run WHERE config_id = ANY($1::uuid[]) ORDER BY config_id, created_at DESC`,
      [configs.map((config) => config.id)],
    )) as LastRunRow[];
    const lastRuns = new Map(runs.map((run) => [run.config_id, run]));
    const rows = configs
      .map((config): ConfigRow => ({ ...config, lastRun: lastRuns.get(config.id) ?? null }))
      .sort(worstFirst);
    const statuses = new Map<SyncRunStatus | 'never', number>();
    for (const row of rows)
      statuses.set(row.lastRun?.status ?? 'never', (statuses.get(row.lastRun?.status ?? 'never') ?? 0) + 1);
    const offersPerRetailer = (await this.dataSource.query(
      `SELECT retailer_id AS "retailerId", count(*)::int AS offers FROM offer o
        WHERE removed_at IS NULL ${scope('o', '$1')} GROUP BY retailer_id ORDER BY offers DESC`,
      retailerId ? [retailerId] : [],
    )) as { retailerId: string; offers: number }[];
    const [coverage] = (await this.dataSource.query(
      `SELECT count(category_id)::int AS categorized, (count(*) - count(category_id))::int AS uncategorized
         FROM offer o WHERE removed_at IS NULL ${scope('o', '$1')}`,
      retailerId ? [retailerId] : [],
    )) as [{ categorized: number; uncategorized: number }];
    return {
      configs: rows.slice(0, DASHBOARD_CONFIG_LIMIT).map(configHealth),
      lastRunStatuses: [...statuses].map(([status, count]) => ({ status, count })),
      offersPerRetailer,
      categorized: coverage.categorized,
      uncategorized: coverage.uncategorized,
    };
  }
}

function configHealth(row: ConfigRow): ConfigHealth {
  const run = row.lastRun;
  return {
    id: row.id,
    name: row.name,
    connectorId: row.connectorId,
    retailerId: row.retailerId,
    enabled: row.enabled,
    lastRun: run
      ? {
          id: run.run_id,
          status: run.status,
          startedAt: run.started_at,
          finishedAt: run.finished_at,
          readCount: run.read_count,
          writtenCount: Number(run.written_count),
          failedCount: run.failed_count,
          warningCount: run.warning_count,
          error: run.error,
        }
      : null,
  };
}
