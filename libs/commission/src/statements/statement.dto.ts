import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID, Matches } from 'class-validator';
import { CURRENCY_CODES } from '#domain';
import { IsBigintCursor, Omittable } from '#platform';
import { ENTRY_KINDS, type CommissionEntry, type EntryKind } from '../ledger/commission-entry.entity.js';
import type { StatementTotals } from '../ledger/commission-statement.entity.js';

export const PERIOD_PATTERN = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

export class StatementTotalsView implements StatementTotals {
  @ApiProperty({ description: 'Line amounts accrued (accepted) in the period.' }) grossSalesMinor: string;
  @ApiProperty({
    description: 'Accepted line amounts cancelled in the period (not counting what was refunded before).',
  })
  cancelledSalesMinor: string;
  @ApiProperty({ description: 'Money refunded to buyers in the period.' }) refundsMinor: string;
  @ApiProperty() commissionAccruedMinor: string;
  @ApiProperty({ description: 'Commission given back by cancellations and refunds, as a positive amount.' })
  commissionReversedMinor: string;
  @ApiProperty({ description: 'Sum of manual adjustments (signed).' }) adjustmentsMinor: string;
  @ApiProperty({ description: 'accrued − reversed + adjustments: the sum of every entry.' }) netCommissionMinor: string;
  @ApiProperty() entries: number;
}

export class StatementView {
  @ApiProperty() retailerId: string;
  @ApiProperty() currency: string;
  @ApiProperty({ example: '2026-11' }) period: string;
  @ApiProperty({ enum: ['open', 'issued'] }) status: 'open' | 'issued';
  @ApiProperty({ nullable: true, type: Date }) issuedAt: Date | null;
  @ApiProperty({ type: StatementTotalsView }) totals: StatementTotalsView;
}

export class StatementQuery {
  @ApiPropertyOptional() @Omittable() @IsUUID('all') retailerId?: string;
  @ApiPropertyOptional()
  @Omittable()
  @IsIn(CURRENCY_CODES, { message: 'must be an ISO 4217 currency code' })
  currency?: string;
  @ApiPropertyOptional({ example: '2026-11' })
  @Omittable()
  @Matches(PERIOD_PATTERN, { message: 'must be a month as YYYY-MM' })
  period?: string;
}

export class StatementParams {
  @ApiProperty({ example: 'EUR' })
  @IsIn(CURRENCY_CODES, { message: 'must be an ISO 4217 currency code' })
  currency: string;
  @ApiProperty({ example: '2026-11' })
  @Matches(PERIOD_PATTERN, { message: 'must be a month as YYYY-MM' })
  period: string;
}

export class AdminStatementParams extends StatementParams {
  @ApiProperty() @IsUUID('all', { message: 'must be a UUID' }) retailerId: string;
}

export class EntryView {
  @ApiProperty({ description: 'Whole number, as a string; entries are numbered in the order they were written.' })
  id: string;
  @ApiProperty({ enum: ENTRY_KINDS }) kind: EntryKind;
  @ApiProperty() period: string;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'Commission, signed.' }) amountMinor: string;
  @ApiProperty() salesMinor: string;
  @ApiProperty() refundedMinor: string;
  @ApiProperty({ nullable: true, type: String }) orderId: string | null;
  @ApiProperty({ nullable: true, type: String }) retailerOrderId: string | null;
  @ApiProperty({ nullable: true, type: String }) orderLineId: string | null;
  @ApiProperty({ nullable: true, type: String }) refundId: string | null;
  @ApiProperty({ nullable: true, type: String }) channelId: string | null;
  @ApiProperty({ nullable: true, type: String }) ruleId: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() createdAt: Date;

  static of(entry: CommissionEntry): EntryView {
    return Object.assign(new EntryView(), {
      id: entry.id,
      kind: entry.kind,
      period: entry.period,
      currency: entry.currency.trim(),
      amountMinor: entry.amountMinor,
      salesMinor: entry.salesMinor,
      refundedMinor: entry.refundedMinor,
      orderId: entry.orderId,
      retailerOrderId: entry.retailerOrderId,
      orderLineId: entry.orderLineId,
      refundId: entry.refundId,
      channelId: entry.channelId,
      ruleId: entry.ruleId,
      reason: entry.reason,
      createdAt: entry.createdAt,
    });
  }
}

export class EntryPageQuery {
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @Omittable()
  @IsBigintCursor()
  cursor?: string;
}

export class EntryPage {
  @ApiProperty({ type: [EntryView] }) items: EntryView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
