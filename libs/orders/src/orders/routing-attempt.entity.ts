import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RetailerOrder } from './retailer-order.entity.js';

export const ROUTING_OUTCOMES = ['placed', 'retry', 'rejected', 'abandoned'] as const;
/**
 * placed: the retailer has it; retry: a transient failure; rejected: a permanent one; abandoned: the worker died
 * mid-call.
 */
export type RoutingOutcome = (typeof ROUTING_OUTCOMES)[number];

/** One try at delivering a retailer order to its retailer. */
@Entity('routing_attempt')
@Index('idx_routing_attempt_order', ['retailerOrderId', 'number'], { unique: true })
export class RoutingAttempt {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) retailerOrderId: string;
  @ManyToOne(() => RetailerOrder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'retailer_order_id', foreignKeyConstraintName: 'fk_routing_attempt_retailer_order' })
  retailerOrder?: RetailerOrder;
  /** 1-based. */
  @Column({ type: 'integer' }) number: number;
  @Column({ type: 'text' }) method: string;
  @Column({ type: 'timestamptz' }) startedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  /** Null while the call is in flight. */
  @Column({ type: 'text', nullable: true }) outcome: RoutingOutcome | null;
  @Column({ type: 'integer', nullable: true }) responseStatus: number | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
  /** When the next attempt is due, after a transient failure. */
  @Column({ type: 'timestamptz', nullable: true }) retryAt: Date | null;
  /** The instance that made the attempt (see platform_instance). */
  @Column({ type: 'uuid', nullable: true }) instanceId: string | null;
}
