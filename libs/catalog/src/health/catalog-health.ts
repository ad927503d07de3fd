import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

interface ConfigRow {
  id: string;
  name: string;
  connector_id: string;
  retailer_id: string;
  enabled: boolean;
  run_id: string | null;
  status: SyncRunStatus | null;
  started_at: Date | null;
  finished_at: Date | null;
  read_count: number | null;
  written_count: number | null;
  failed_count: number | null;
  warning_count: number | null;
  error: string | null;
}

/** What the console's dashboard shows of catalogs: each config's last run, offers and category coverage. */
@Injectable()
export class CatalogHealth {
  constructor(private readonly dataSource: DataSource) {}

  async figures(retailerId: string | null): Promise<CatalogHealthFigures> {
    const scope = (alias: string, parameter: string) => (retailerId ? `AND ${alias}.retailer_id = ${parameter}` : '');
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.name, c.connector_id, c.retailer_id, c.enabled, r.id AS run_id, r.status, r.started_at, r.finished_at, r.read_count,
              (r.created_count + r.updated_count + r.unchanged_count) AS written_count, r.failed_count, r.warning_count, r.error
         FROM connector_config c
         LEFT JOIN LATERAL (SELECT * FROM sync_run WHERE config_id = c.id ORDER BY created_at DESC LIMIT 1) r ON true
        WHERE true ${scope('c', '$1')}
        ORDER BY (r.status = 'failed') DESC NULLS LAST, r.created_at DESC NULLS LAST, c.name`,
      retailerId ? [retailerId] : [],
    )) as ConfigRow[];
    const statuses = new Map<SyncRunStatus | 'never', number>();
    for (const row of rows) statuses.set(row.status ?? 'never', (statuses.get(row.status ?? 'never') ?? 0) + 1);
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
  return {
    id: row.id,
    name: row.name,
    connectorId: row.connector_id,
    retailerId: row.retailer_id,
    enabled: row.enabled,
    lastRun: row.run_id
      ? {
          id: row.run_id,
          status: row.status!,
          startedAt: row.started_at,
          finishedAt: row.finished_at,
          readCount: row.read_count ?? 0,
          writtenCount: Number(row.written_count ?? 0),
          failedCount: row.failed_count ?? 0,
          warningCount: row.warning_count ?? 0,
          error: row.error,
        }
      : null,
  };
}
