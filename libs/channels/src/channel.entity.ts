import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const CHANNEL_STATUSES = ['active', 'paused'] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];

/** A chat front end (or any storefront) that sells from the catalog. */
@Entity('channel')
export class Channel {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: 'active' })
  status: ChannelStatus;

  /** Where order and status events are posted; null until the channel has one. */
  @Column({ type: 'text', nullable: true })
  webhookUrl: string | null;

  /** The webhook signing secret, sealed with the platform's encryption key (never stored plain). */
  @Column({ type: 'text' })
  webhookSecretSealed: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
