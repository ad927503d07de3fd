import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { refundReversal } from '#domain';
import { AuditService, ProblemException, type Actor } from '#platform';
import { Retailer } from '#retailers';
import { CommissionStatement } from './commission-statement.entity.js';
import { CommissionEntry, type EntryKind } from './commission-entry.entity.js';
import { nextPeriod, periodOf } from './periods.js';
import { lockStatementPeriods } from './statement-lock.js';

/** A sold line as the ledger needs it, with the commission frozen at checkout. */
export interface LedgerLine {
  readonly orderId: string;
  readonly retailerOrderId: string;
  readonly lineId: string;
  readonly retailerId: string;
  readonly channelId: string;
  readonly currency: string;
  readonly amountMinor: bigint;
  readonly commissionMinor: bigint;
  readonly ruleId: string | null;
  /** Refunded before the change being booked. */
  readonly refundedMinor: bigint;
}

/**
 * The commission ledger: append-only entries, written in the transaction of the order change
 * that causes them. Accrual when the retailer accepts a line; reversal of what is left when an
 * accepted line is cancelled; a proportional reversal per refund (refundReversal in `#domain`, so
 * a line refunded in full in any number of steps nets exactly zero); manual adjustments.
 */
@Injectable()
export class CommissionLedger {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async accrue(manager: EntityManager, actor: Actor, lines: readonly LedgerLine[]): Promise<void> {
    for (const line of lines) {
      await this.write(manager, actor, line.retailerId, line.currency, {
        ...refs(line),
        kind: 'accrual',
        amountMinor: line.commissionMinor,
        salesMinor: line.amountMinor,
        refundedMinor: 0n,
        reason: null,
      });
    }
  }

  /** Gives back what is left of accepted lines' commission; lines never accrued are skipped. */
  async reverse(manager: EntityManager, actor: Actor, lines: readonly LedgerLine[], reason: string): Promise<void> {
    for (const line of lines) {
      const booked = await this.lineBalance(manager, line.lineId);
      if (!booked.accrued) continue;
      await this.write(manager, actor, line.retailerId, line.currency, {
        ...refs(line),
        kind: 'reversal',
        amountMinor: -booked.commissionMinor,
        salesMinor: -(line.amountMinor - line.refundedMinor),
        refundedMinor: 0n,
        reason,
      });
    }
  }

  /** Books a refund of parts of lines: each line gives back its commission in proportion. */
  async refund(
    manager: EntityManager,
    actor: Actor,
    refundId: string,
    parts: readonly { line: LedgerLine; refundMinor: bigint }[],
    reason: string,
  ): Promise<void> {
    for (const { line, refundMinor } of parts) {
      if (refundMinor === 0n) continue;
      const reversal = refundReversal(line.commissionMinor, line.amountMinor, line.refundedMinor, refundMinor);
      await this.write(manager, actor, line.retailerId, line.currency, {
        ...refs(line),
        refundId,
        kind: 'refund_reversal',
        amountMinor: -reversal,
        salesMinor: 0n,
        refundedMinor: refundMinor,
        reason,
      });
    }
  }

  /** An operator's correction (positive or negative), with a reason; it lands in the open period. */
  async adjust(
    actor: Actor,
    adjustment: {
      retailerId: string;
      currency: string;
      amountMinor: bigint;
      reason: string;
      channelId?: string | null;
    },
  ): Promise<CommissionEntry> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(Retailer, { id: adjustment.retailerId }))) {
        throw ProblemException.unprocessable(
          [{ field: 'retailerId', message: 'is not a retailer' }],
          'Unknown retailer.',
        );
      }
      const entry = await this.write(manager, actor, adjustment.retailerId, adjustment.currency, {
        kind: 'adjustment',
        amountMinor: adjustment.amountMinor,
        salesMinor: 0n,
        refundedMinor: 0n,
        reason: adjustment.reason,
        channelId: adjustment.channelId ?? null,
      });
      await this.audit.record(manager, actor, {
        action: 'commission.adjust',
        entityType: 'commission_entry',
        entityId: entry.id,
        before: null,
        after: { ...adjustment, amountMinor: adjustment.amountMinor.toString(), period: entry.period },
      });
      return entry;
    });
  }

  /**
   * The open period for new entries of a retailer and currency: this month, or the month after the last issued
   * statement.
   */
  async openPeriod(manager: EntityManager, retailerId: string, currency: string, now = new Date()): Promise<string> {
    const last = await manager.findOne(CommissionStatement, {
      where: { retailerId, currency },
      order: { period: 'DESC' },
      select: { period: true },
    });
    const current = periodOf(now);
    if (!last) return current;
    const after = nextPeriod(last.period);
    return after > current ? after : current;
  }

  private async lineBalance(
    manager: EntityManager,
    lineId: string,
  ): Promise<{ accrued: boolean; commissionMinor: bigint }> {
    const [row] = (await manager.query(
      `SELECT count(*) FILTER (WHERE kind = 'accrual') AS accruals, coalesce(sum(amount_minor), 0)::text AS balance
         FROM commission_entry WHERE order_line_id = $1`,
      [lineId],
    )) as { accruals: string; balance: string }[];
    return { accrued: Number(row?.accruals ?? 0) > 0, commissionMinor: BigInt(row?.balance ?? '0') };
  }

  private async write(
    manager: EntityManager,
    actor: Actor,
    retailerId: string,
    currency: string,
    entry: {
      kind: EntryKind;
      amountMinor: bigint;
      salesMinor: bigint;
      refundedMinor: bigint;
      reason: string | null;
      channelId?: string | null;
      orderId?: string;
      retailerOrderId?: string;
      orderLineId?: string;
      ruleId?: string | null;
      refundId?: string;
    },
  ): Promise<CommissionEntry> {
    await lockStatementPeriods(manager, retailerId, currency);
    const period = await this.openPeriod(manager, retailerId, currency);
    return manager.save(
      manager.create(CommissionEntry, {
        retailerId,
        currency,
        period,
        kind: entry.kind,
        amountMinor: entry.amountMinor.toString(),
        salesMinor: entry.salesMinor.toString(),
        refundedMinor: entry.refundedMinor.toString(),
        reason: entry.reason,
        channelId: entry.channelId ?? null,
        orderId: entry.orderId ?? null,
        retailerOrderId: entry.retailerOrderId ?? null,
        orderLineId: entry.orderLineId ?? null,
        ruleId: entry.ruleId ?? null,
        refundId: entry.refundId ?? null,
        actorRole: actor.role,
      }),
    );
  }
}

function refs(line: LedgerLine) {
  return {
    orderId: line.orderId,
    retailerOrderId: line.retailerOrderId,
    orderLineId: line.lineId,
    channelId: line.channelId,
    ruleId: line.ruleId,
  };
}
