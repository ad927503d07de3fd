import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Channel } from './channel.entity.js';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One webhook event for a channel and the story of its delivery attempts. */
@Entity('channel_webhook_delivery')
@Index('idx_channel_webhook_delivery_channel', ['channelId', 'createdAt'])
export class ChannelWebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  channelId: string;

  @ManyToOne(() => Channel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id', foreignKeyConstraintName: 'fk_channel_webhook_delivery_channel' })
  channel?: Channel;

  @Column({ type: 'text' })
  eventType: string;

  /** The exact JSON body sent (and signed). */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  lastResponseStatus: number | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** The instance that made the last attempt (see platform_instance). */
  @Column({ type: 'uuid', nullable: true })
  lastAttemptInstanceId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
