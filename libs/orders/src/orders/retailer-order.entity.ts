import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { RetailerOrderStatus } from '#domain';
import { Retailer } from '#retailers';
import type { OrderMethod } from '../settings/retailer-order-settings.entity.js';
import { Order } from './order.entity.js';

/** The part of an order that one retailer fulfils, routed to it and with a life of its own. */
@Entity('retailer_order')
@Check(
  'ck_retailer_order_status',
  `status IN ('pending', 'submitted', 'accepted', 'refused', 'shipped', 'delivered', 'cancelled', 'failed')`,
)
@Check('ck_retailer_order_refunded', 'refunded_minor >= 0 AND refunded_minor <= total_minor')
@Index('idx_retailer_order_order', ['orderId'])
@Index('idx_retailer_order_retailer', ['retailerId', 'createdAt'])
@Index('idx_retailer_order_status', ['retailerId', 'status', 'createdAt'])
// The acceptance deadline sweep reads only orders still waiting for the retailer.
@Index('idx_retailer_order_accept_by', ['acceptBy'], { where: "status IN ('pending', 'submitted')" })
export class RetailerOrder {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) orderId: string;
  @ManyToOne(() => Order, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'fk_retailer_order_order' })
  order?: Order;
  @Column({ type: 'uuid' }) retailerId: string;
  @ManyToOne(() => Retailer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'retailer_id', foreignKeyConstraintName: 'fk_retailer_order_retailer' })
  retailer?: Retailer;
  /** Denormalized from the order, so a channel's status events need no join. */
  @Column({ type: 'uuid' }) channelId: string;
  @Column({ type: 'text' }) status: RetailerOrderStatus;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ type: 'bigint' }) totalMinor: string;
  /** Sum of the refunds so far, never above totalMinor. */
  @Column({ type: 'bigint', default: '0' }) refundedMinor: string;
  /** How this order reaches the retailer, fixed at checkout from the retailer's order settings. */
  @Column({ type: 'text' }) method: OrderMethod;
  /** The connector config that places it, when method is `connector`. */
  @Column({ type: 'uuid', nullable: true }) connectorConfigId: string | null;
  /** The retailer's own reference, from its answer or its acknowledgement. */
  @Column({ type: 'text', nullable: true }) externalReference: string | null;
  /** Routing attempts made so far. */
  @Column({ type: 'integer', default: 0 }) routingAttempts: number;
  /** Attempts made before the current series; an operator's retry starts a new series with its own limit. */
  @Column({ type: 'integer', default: 0 }) routingSeriesStart: number;
  /** Cancelled if not accepted by then. */
  @Column({ type: 'timestamptz' }) acceptBy: Date;
  @Column({ type: 'text', nullable: true }) carrier: string | null;
  @Column({ type: 'text', nullable: true }) trackingNumber: string | null;
  @Column({ type: 'text', nullable: true }) trackingUrl: string | null;
  /** Why it was refused, cancelled or failed. */
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) acceptedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) shippedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
