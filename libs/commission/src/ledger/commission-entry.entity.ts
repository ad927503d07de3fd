import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ActorRole } from '#platform';
import { Retailer } from '#retailers';

export const ENTRY_KINDS = ['accrual', 'reversal', 'refund_reversal', 'adjustment'] as const;
/**
 * accrual: the retailer accepted a line, its frozen commission is earned;
 * reversal: an accepted line was cancelled, what is left of its commission is given back;
 * refund_reversal: part of a line was refunded, the proportional part of its commission is given back;
 * adjustment: an operator's correction, with a reason.
 */
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * One immutable line of the commission ledger. Rows are only ever inserted: the trigger
 * `trg_commission_entry_append_only` rejects UPDATE, DELETE and TRUNCATE. Each entry belongs to
 * the statement period (`YYYY-MM`) that was open for its retailer and currency when it was written.
 */
@Entity('commission_entry')
@Index('idx_commission_entry_statement', ['retailerId', 'currency', 'period', 'id'])
@Index('idx_commission_entry_line', ['orderLineId'])
@Index('idx_commission_entry_created', ['createdAt'])
@Check('ck_commission_entry_period', `"period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
export class CommissionEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column({ type: 'uuid' }) retailerId: string;
  @ManyToOne(() => Retailer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'retailer_id', foreignKeyConstraintName: 'fk_commission_entry_retailer' })
  retailer?: Retailer;
  /** The channel that sold the line; null for an adjustment that names none. */
  @Column({ type: 'uuid', nullable: true }) channelId: string | null;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ type: 'char', length: 7 }) period: string;
  @Column({ type: 'text' }) kind: EntryKind;
  /** Commission: positive when earned, negative when given back. */
  @Column({ type: 'bigint' }) amountMinor: string;
  /** The sale it moves: the line amount on accrual, minus it on a cancellation after acceptance; 0 otherwise. */
  @Column({ type: 'bigint', default: '0' }) salesMinor: string;
  /** Money refunded to the buyer, for refund reversals; 0 otherwise. */
  @Column({ type: 'bigint', default: '0' }) refundedMinor: string;
  @Column({ type: 'uuid', nullable: true }) orderId: string | null;
  @Column({ type: 'uuid', nullable: true }) retailerOrderId: string | null;
  @Column({ type: 'uuid', nullable: true }) orderLineId: string | null;
  @Column({ type: 'uuid', nullable: true }) refundId: string | null;
  /** The rule the line's commission was frozen from. */
  @Column({ type: 'uuid', nullable: true }) ruleId: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'text' }) actorRole: ActorRole;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
