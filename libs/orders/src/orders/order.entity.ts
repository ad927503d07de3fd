import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Channel } from '#channels';
import type { OrderAddress, OrderCustomer } from '#connector-sdk';
import type { OrderStatus } from '#domain';

export interface CurrencyTotal {
  readonly currency: string;
  /** Minor units as a decimal string. */
  readonly amountMinor: string;
}

/**
 * What a channel's customer checked out in one go. Its status is derived from its retailer orders
 * (deriveOrderStatus) and rewritten whenever one of them changes.
 */
@Entity('customer_order')
@Unique('uq_customer_order_idempotency_key', ['channelId', 'idempotencyKey'])
@Index('idx_customer_order_channel', ['channelId', 'createdAt'])
@Index('idx_customer_order_created', ['createdAt'])
// A retailer must be able to reach the buyer: by email, by phone (a chat buyer may have only that), or both.
@Check('ck_customer_order_contact', `(customer->>'email') IS NOT NULL OR (customer->>'phone') IS NOT NULL`)
export class Order {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) channelId: string;
  @ManyToOne(() => Channel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'channel_id', foreignKeyConstraintName: 'fk_customer_order_channel' })
  channel?: Channel;
  /** Keyed hash of the channel's user reference (see UserRefHash). */
  @Column({ type: 'bytea' }) userHash: Buffer;
  /** The channel's Idempotency-Key header, unique per channel. */
  @Column({ type: 'text' }) idempotencyKey: string;
  /** SHA-256 of the checkout request (user and body), to tell a retry from a reuse of the key. */
  @Column({ type: 'bytea' }) requestHash: Buffer;
  @Column({ type: 'text' }) status: OrderStatus;
  @Column({ type: 'jsonb' }) customer: OrderCustomer;
  @Column({ type: 'jsonb' }) shippingAddress: OrderAddress;
  /** Totals per currency at checkout, never summed across currencies. */
  @Column({ type: 'jsonb' }) totals: CurrencyTotal[];
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
