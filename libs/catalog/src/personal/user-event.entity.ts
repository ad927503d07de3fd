import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Channel } from '#channels';
import { Product } from '../offers/product.entity.js';

export const USER_EVENT_TYPES = ['viewed', 'added_to_cart', 'purchased'] as const;
export type UserEventType = (typeof USER_EVENT_TYPES)[number];

/**
 * Something a channel's end user did with a product, for personal ranking. The user is stored only
 * as a keyed hash of the channel's opaque reference (user-ref-hash.ts), so a phone number used as a
 * reference never rests in the database. Category and brand are copied from the product when the
 * event arrives, so a user's interests are read without joining the catalog. Kept for a bounded
 * period (SOUK_USER_EVENT_RETENTION_DAYS) and erased per user on request.
 */
@Entity('channel_user_event')
@Index('idx_channel_user_event_user', ['channelId', 'userHash', 'occurredAt'])
@Index('idx_channel_user_event_occurred', ['occurredAt'])
export class UserEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column({ type: 'uuid' }) channelId: string;
  @ManyToOne(() => Channel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id', foreignKeyConstraintName: 'fk_channel_user_event_channel' })
  channel?: Channel;
  @Column({ type: 'bytea' }) userHash: Buffer;
  @Column({ type: 'text' }) type: UserEventType;
  @Column({ type: 'uuid' }) productId: string;
  @ManyToOne(() => Product, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'fk_channel_user_event_product' })
  product?: Product;
  @Column({ type: 'integer', nullable: true }) categoryId: number | null;
  /** Lower-cased, as brand filters and facets compare it. */
  @Column({ type: 'text', nullable: true }) brandKey: string | null;
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' }) occurredAt: Date;
}
