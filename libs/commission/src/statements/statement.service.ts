import { HttpStatus, Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import { AuditService, ProblemException, type Actor } from '#platform';
import { Retailer } from '#retailers';
import { CommissionEntry } from '../ledger/commission-entry.entity.js';
import { CommissionLedger } from '../ledger/commission-ledger.js';
import { lockStatementPeriods } from '../ledger/statement-lock.js';
import { CommissionStatement, type StatementTotals } from '../ledger/commission-statement.entity.js';
import { EntryView, StatementView, type EntryPage, type StatementQuery } from './statement.dto.js';

const ENTRIES_PER_PAGE = 200;

/** Sums of a set of entries, as statement figures: every figure is a plain sum over entries. */
const TOTALS_SQL = `count(*)::int AS entries,
  coalesce(sum(sales_minor) FILTER (WHERE kind = 'accrual'), 0)::text AS gross,
  coalesce(-sum(sales_minor) FILTER (WHERE kind = 'reversal'), 0)::text AS cancelled,
  coalesce(sum(refunded_minor), 0)::text AS refunds,
  coalesce(sum(amount_minor) FILTER (WHERE kind = 'accrual'), 0)::text AS accrued,
  coalesce(-sum(amount_minor) FILTER (WHERE kind IN ('reversal', 'refund_reversal')), 0)::text AS reversed,
  coalesce(sum(amount_minor) FILTER (WHERE kind = 'adjustment'), 0)::text AS adjustments,
  coalesce(sum(amount_minor), 0)::text AS net`;

interface TotalsRow {
  retailer_id: string;
  currency: string;
  period: string;
  entries: number;
  gross: string;
  cancelled: string;
  refunds: string;
  accrued: string;
  reversed: string;
  adjustments: string;
  net: string;
}

/**
 * Statements per retailer, calendar month and currency. An open statement is the ledger's
 * entries of the period summed now; issuing one freezes its totals, and from then on new entries
 * of that retailer and currency fall into a later period (CommissionLedger.openPeriod).
 */
@Injectable()
export class StatementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: CommissionLedger,
    private readonly audit: AuditService,
  ) {}

  async list(query: StatementQuery): Promise<StatementView[]> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    if (query.retailerId) conditions.push(`retailer_id = $${values.push(query.retailerId)}`);
    if (query.currency) conditions.push(`currency = $${values.push(query.currency)}`);
    if (query.period) conditions.push(`period = $${values.push(query.period)}`);
    const rows = (await this.dataSource.query(
      `SELECT retailer_id, currency, period, ${TOTALS_SQL}
         FROM commission_entry ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
        GROUP BY retailer_id, currency, period ORDER BY period DESC, retailer_id, currency LIMIT 1000`,
      values,
    )) as TotalsRow[];
    const issued = await this.dataSource.getRepository(CommissionStatement).find({
      where: {
        ...(query.retailerId ? { retailerId: query.retailerId } : {}),
        ...(query.currency ? { currency: query.currency } : {}),
        ...(query.period ? { period: query.period } : {}),
      },
    });
    const byKey = new Map(
      issued.map((statement) => [
        `${statement.retailerId}:${statement.currency.trim()}:${statement.period}`,
        statement,
      ]),
    );
    const views = rows.map((row) =>
      view(
        row.retailer_id,
        row.currency.trim(),
        row.period,
        totalsOf(row),
        byKey.get(`${row.retailer_id}:${row.currency.trim()}:${row.period}`) ?? null,
      ),
    );
    // Issued statements without entries (an empty month closed on purpose) are listed too.
    for (const statement of issued) {
      if (
        !views.some(
          (item) =>
            item.retailerId === statement.retailerId &&
            item.currency === statement.currency.trim() &&
            item.period === statement.period,
        )
      ) {
        views.push(
          view(statement.retailerId, statement.currency.trim(), statement.period, statement.totals, statement),
        );
      }
    }
    return views;
  }

  async get(retailerId: string, currency: string, period: string): Promise<StatementView> {
    const issued = await this.dataSource
      .getRepository(CommissionStatement)
      .findOne({ where: { retailerId, currency, period } });
    return view(
      retailerId,
      currency,
      period,
      issued?.totals ?? (await this.totals(this.dataSource.manager, retailerId, currency, period)),
      issued,
    );
  }

  async entries(retailerId: string, currency: string, period: string, cursor?: string): Promise<EntryPage> {
    const rows = await this.dataSource.getRepository(CommissionEntry).find({
      where: { retailerId, currency, period, ...(cursor ? { id: MoreThan(cursor) } : {}) },
      order: { id: 'ASC' },
      take: ENTRIES_PER_PAGE + 1,
    });
    const items = rows.slice(0, ENTRIES_PER_PAGE).map((entry) => EntryView.of(entry));
    return { items, nextCursor: rows.length > ENTRIES_PER_PAGE ? (items.at(-1)?.id ?? null) : null };
  }

  /** Every entry of the statement as CSV (RFC 4180, a header row); summing its columns gives the totals. */
  async csv(retailerId: string, currency: string, period: string): Promise<string> {
    const entries = await this.dataSource
      .getRepository(CommissionEntry)
      .find({ where: { retailerId, currency, period }, order: { id: 'ASC' } });
    const header = [
      'entry_id',
      'created_at',
      'kind',
      'currency',
      'commission_minor',
      'sales_minor',
      'refunded_minor',
      'order_id',
      'retailer_order_id',
      'order_line_id',
      'refund_id',
      'channel_id',
      'rule_id',
      'reason',
    ];
    const rows = entries.map((entry) => [
      entry.id,
      entry.createdAt.toISOString(),
      entry.kind,
      entry.currency.trim(),
      entry.amountMinor,
      entry.salesMinor,
      entry.refundedMinor,
      entry.orderId ?? '',
      entry.retailerOrderId ?? '',
      entry.orderLineId ?? '',
      entry.refundId ?? '',
      entry.channelId ?? '',
      entry.ruleId ?? '',
      entry.reason ?? '',
    ]);
    return stringify([header, ...rows], { record_delimiter: 'windows' });
  }

  /** Freezes a statement. Periods are issued in order, and only once the month has begun. */
  async issue(actor: Actor, retailerId: string, currency: string, period: string): Promise<StatementView> {
    return this.dataSource.transaction(async (manager) => {
      await lockStatementPeriods(manager, retailerId, currency);
      if (!(await manager.existsBy(Retailer, { id: retailerId })))
        throw ProblemException.notFound(`Retailer ${retailerId}`);
      const open = await this.ledger.openPeriod(manager, retailerId, currency);
      if (period > new Date().toISOString().slice(0, 7))
        throw ProblemException.conflict(`${period} has not begun yet.`, 'period');
      if (period < open)
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'conflict',
          'Conflict',
          `${period} is already issued or closed; the open period is ${open}.`,
          { errors: [{ field: 'period', message: `must be ${open} or later` }] },
        );
      const earlier = (await manager.query(
        `SELECT period FROM commission_entry
          WHERE retailer_id = $1 AND currency = $2 AND period < $3 AND period >= $4 LIMIT 1`,
        [retailerId, currency, period, open],
      )) as { period: string }[];
      if (earlier[0])
        throw ProblemException.conflict(`Issue ${earlier[0].period} first: statements are issued in order.`, 'period');
      const totals = await this.totals(manager, retailerId, currency, period);
      const statement = await manager.save(
        manager.create(CommissionStatement, {
          retailerId,
          currency,
          period,
          totals,
          issuedAt: new Date(),
          issuedByKeyId: actor.keyId,
        }),
      );
      const result = view(retailerId, currency, period, totals, statement);
      await this.audit.record(manager, actor, {
        action: 'commission_statement.issue',
        entityType: 'commission_statement',
        entityId: statement.id,
        before: null,
        after: result,
      });
      return result;
    });
  }

  private async totals(
    manager: EntityManager,
    retailerId: string,
    currency: string,
    period: string,
  ): Promise<StatementTotals> {
    const [row] = (await manager.query(
      `SELECT ${TOTALS_SQL} FROM commission_entry WHERE retailer_id = $1 AND currency = $2 AND period = $3`,
      [retailerId, currency, period],
    )) as TotalsRow[];
    return totalsOf(row as TotalsRow);
  }
}

function totalsOf(row: TotalsRow): StatementTotals {
  return {
    grossSalesMinor: row.gross,
    cancelledSalesMinor: row.cancelled,
    refundsMinor: row.refunds,
    commissionAccruedMinor: row.accrued,
    commissionReversedMinor: row.reversed,
    adjustmentsMinor: row.adjustments,
    netCommissionMinor: row.net,
    entries: Number(row.entries),
  };
}

function view(
  retailerId: string,
  currency: string,
  period: string,
  totals: StatementTotals,
  issued: CommissionStatement | null,
): StatementView {
  return Object.assign(new StatementView(), {
    retailerId,
    currency,
    period,
    status: issued ? 'issued' : 'open',
    issuedAt: issued?.issuedAt ?? null,
    totals,
  });
}
