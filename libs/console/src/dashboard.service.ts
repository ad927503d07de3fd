import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { CatalogHealth } from '#catalog';
import { WebhookHealth } from '#channels';
import { CommissionReport, type ReportRow } from '#commission';
import { currencyExponent, isCurrencyCode } from '#domain';
import { OrderHealth } from '#orders';
import { Retailer } from '#retailers';
import {
  DEFAULT_DASHBOARD_DAYS,
  DashboardView,
  SalesDayView,
  SalesSeriesView,
  type DashboardQuery,
} from './dashboard.dto.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Everything the console's dashboard paints, in one answer: sales and commission per UTC day and
 * currency (from the commission report, so both agree), orders, routing, catalogs and, for
 * operators, webhook failures. A retailer's dashboard covers that retailer only.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly report: CommissionReport,
    private readonly orders: OrderHealth,
    private readonly catalog: CatalogHealth,
    private readonly webhooks: WebhookHealth,
  ) {}

  async build(query: DashboardQuery, retailerId: string | null, now = new Date()): Promise<DashboardView> {
    const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
    const from = new Date(to.getTime() - (query.days ?? DEFAULT_DASHBOARD_DAYS) * DAY_MS);
    const range = { from, to };
    const [salesRows, orders, catalog, webhooks] = await Promise.all([
      this.report.run({ from, to, groupBy: 'day' }, retailerId ?? undefined),
      this.orders.figures(range, retailerId),
      this.catalog.figures(retailerId),
      retailerId ? Promise.resolve(undefined) : this.webhooks.figures(range),
    ]);
    const names = await this.retailerNames([
      ...catalog.configs.map((config) => config.retailerId),
      ...catalog.offersPerRetailer.map((row) => row.retailerId),
    ]);
    return Object.assign(new DashboardView(), {
      from,
      to,
      sales: salesSeries(salesRows, from, to),
      ordersByStatus: orders.byStatus,
      routing: {
        attempts: orders.attempts,
        failedAttempts: orders.failedAttempts,
        failed: orders.failed,
        stuck: orders.stuck,
      },
      catalog: {
        configs: catalog.configs.map((config) => ({ ...config, retailerName: names.get(config.retailerId) ?? '' })),
        lastRunStatuses: catalog.lastRunStatuses,
        offersPerRetailer: catalog.offersPerRetailer.map((row) => ({
          ...row,
          retailerName: names.get(row.retailerId) ?? '',
        })),
        categoryCoverage: { categorized: catalog.categorized, uncategorized: catalog.uncategorized },
      },
      ...(webhooks ? { webhooks } : {}),
    });
  }

  private async retailerNames(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const retailers = await this.dataSource
      .getRepository(Retailer)
      .find({ where: { id: In(unique) }, select: { id: true, name: true } });
    return new Map(retailers.map((retailer) => [retailer.id, retailer.name]));
  }
}

/** One series per currency with every day of the range, in the report's exact minor units. */
export function salesSeries(rows: readonly ReportRow[], from: Date, to: Date): SalesSeriesView[] {
  const days: string[] = [];
  for (let day = from.getTime(); day < to.getTime(); day += DAY_MS) days.push(new Date(day).toISOString().slice(0, 10));
  const currencies = [...new Set(rows.map((row) => row.currency))].sort();
  return currencies.map((currency) => {
    const byDay = new Map(rows.filter((row) => row.currency === currency).map((row) => [row.key, row]));
    const series = days.map((date) => {
      const row = byDay.get(date);
      return Object.assign(new SalesDayView(), {
        date,
        salesMinor: row?.salesMinor ?? '0',
        commissionMinor: row?.commissionMinor ?? '0',
        entries: row?.entries ?? 0,
      });
    });
    return Object.assign(new SalesSeriesView(), {
      currency,
      exponent: isCurrencyCode(currency) ? currencyExponent(currency) : 2,
      totalSalesMinor: series.reduce((sum, day) => sum + BigInt(day.salesMinor), 0n).toString(),
      totalCommissionMinor: series.reduce((sum, day) => sum + BigInt(day.commissionMinor), 0n).toString(),
      days: series,
    });
  });
}
