import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Retailer } from '#retailers';

/** The figures of a statement, minor units as decimal strings. */
export interface StatementTotals {
  readonly grossSalesMinor: string;
  readonly cancelledSalesMinor: string;
  readonly refundsMinor: string;
  readonly commissionAccruedMinor: string;
  readonly commissionReversedMinor: string;
  readonly adjustmentsMinor: string;
  readonly netCommissionMinor: string;
  readonly entries: number;
}

/**
 * An issued (frozen) statement of one retailer, month and currency. Open statements are not
 * stored: they are read from the ledger. Once issued, no entry joins the period any more; later
 * events fall into the next open one.
 */
@Entity('commission_statement')
@Unique('uq_commission_statement_period', ['retailerId', 'currency', 'period'])
export class CommissionStatement {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) retailerId: string;
  @ManyToOne(() => Retailer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'retailer_id', foreignKeyConstraintName: 'fk_commission_statement_retailer' })
  retailer?: Retailer;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ type: 'char', length: 7 }) period: string;
  @Column({ type: 'jsonb' }) totals: StatementTotals;
  @Column({ type: 'timestamptz' }) issuedAt: Date;
  @Column({ type: 'uuid', nullable: true }) issuedByKeyId: string | null;
}
