import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ActorRole } from '#platform';
import type { RetailerOrderStatus } from '#domain';
import { RetailerOrder } from './retailer-order.entity.js';

/** One status change of a retailer order: the history the retailer, channel and operator read. */
@Entity('retailer_order_transition')
@Index('idx_retailer_order_transition_order', ['retailerOrderId', 'id'])
export class RetailerOrderTransition {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column({ type: 'uuid' }) retailerOrderId: string;
  @ManyToOne(() => RetailerOrder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'retailer_order_id', foreignKeyConstraintName: 'fk_retailer_order_transition_retailer_order' })
  retailerOrder?: RetailerOrder;
  /** Null for the creation of the retailer order. */
  @Column({ type: 'text', nullable: true }) fromStatus: RetailerOrderStatus | null;
  @Column({ type: 'text' }) toStatus: RetailerOrderStatus;
  @Column({ type: 'text' }) actorRole: ActorRole;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
