import { ApiProperty } from '@nestjs/swagger';
import { Injectable } from '@nestjs/common';
import { IsIn } from 'class-validator';
import { DataSource } from 'typeorm';
import { IsDateTime, ProblemException } from '#platform';

export const REPORT_GROUPS = ['retailer', 'channel', 'day'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

export class ReportQuery {
  @ApiProperty({ description: 'From this instant (inclusive), ISO 8601.', example: '2026-11-01T00:00:00Z' })
  @IsDateTime()
  from: Date;
  @ApiProperty({ description: 'Until this instant (exclusive), ISO 8601.', example: '2026-12-01T00:00:00Z' })
  @IsDateTime()
  to: Date;
  @ApiProperty({ enum: REPORT_GROUPS }) @IsIn(REPORT_GROUPS) groupBy: ReportGroup;
}

export class ReportRow {
  @ApiProperty({
    description: 'The retailer id, channel id or day (YYYY-MM-DD, UTC); null for entries without a channel.',
    nullable: true,
    type: String,
  })
  key: string | null;
  @ApiProperty({
    description: "The retailer's or channel's name; null for days and entries without a channel.",
    nullable: true,
    type: String,
  })
  name: string | null;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'Accepted sales less cancelled ones.' }) salesMinor: string;
  @ApiProperty() refundsMinor: string;
  @ApiProperty({ description: 'Commission net of reversals and adjustments.' }) commissionMinor: string;
  @ApiProperty() entries: number;
}

const KEYS: Record<ReportGroup, string> = {
  retailer: 'retailer_id::text',
  channel: 'channel_id::text',
  day: `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
};

/** Where a row's name comes from: the owners' public read views (a day has no name). */
const NAMES: Record<ReportGroup, { name: string; join: string }> = {
  retailer: { name: 'named.name', join: 'LEFT JOIN retailer_directory named ON named.id::text = totals.key' },
  channel: { name: 'named.name', join: 'LEFT JOIN channel_directory named ON named.id::text = totals.key' },
  day: { name: 'NULL::text', join: '' },
};

/**
 * Sales and commission over a time range, by retailer, channel or day, per currency (never summed across currencies).
 */
@Injectable()
export class CommissionReport {
  constructor(private readonly dataSource: DataSource) {}

  /** With a retailer, only that retailer's entries (the console's retailer dashboard). */
  async run(query: ReportQuery, retailerId?: string): Promise<ReportRow[]> {
    if (query.to <= query.from) throw ProblemException.validation([{ field: 'to', message: 'must be after from' }]);
    const key = KEYS[query.groupBy];
    const names = NAMES[query.groupBy];
    const rows = (await this.dataSource.query(
      `SELECT totals.*, ${names.name} AS name FROM (
         SELECT ${key} AS key, currency, coalesce(sum(sales_minor), 0)::text AS sales,
                coalesce(sum(refunded_minor), 0)::text AS refunds, coalesce(sum(amount_minor), 0)::text AS commission,
                count(*)::int AS entries
           FROM commission_entry WHERE created_at >= $1 AND created_at < $2 ${retailerId ? 'AND retailer_id = $3' : ''}
          GROUP BY 1, currency) totals
       ${names.join}
       ORDER BY totals.key, totals.currency`,
      retailerId ? [query.from, query.to, retailerId] : [query.from, query.to],
    )) as {
      key: string | null;
      name: string | null;
      currency: string;
      sales: string;
      refunds: string;
      commission: string;
      entries: number;
    }[];
    return rows.map((row) =>
      Object.assign(new ReportRow(), {
        key: row.key,
        name: row.name,
        currency: row.currency.trim(),
        salesMinor: row.sales,
        refundsMinor: row.refunds,
        commissionMinor: row.commission,
        entries: row.entries,
      }),
    );
  }
}
