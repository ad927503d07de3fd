import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ActorRole } from '#platform';
import { RetailerOrder } from './retailer-order.entity.js';

export interface RefundedLine {
  readonly lineId: string;
  readonly quantity: number;
  readonly amountMinor: string;
}

/** Money given back on a retailer order: for given lines and quantities, or a plain amount. */
@Entity('refund')
@Index('idx_refund_retailer_order', ['retailerOrderId', 'createdAt'])
export class Refund {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) retailerOrderId: string;
  @ManyToOne(() => RetailerOrder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'retailer_order_id', foreignKeyConstraintName: 'fk_refund_retailer_order' })
  retailerOrder?: RetailerOrder;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ type: 'bigint' }) amountMinor: string;
  /** The lines refunded; empty for a plain amount. */
  @Column({ type: 'jsonb', default: () => "'[]'" }) lines: RefundedLine[];
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'text' }) actorRole: ActorRole;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
