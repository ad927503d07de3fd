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

  /** BCP 47 locale that prices and texts are formatted for, e.g. `nl-NL`. */
  @Column({ type: 'text', default: 'en' })
  locale: string;

  /** ISO 4217 currency the channel's buyers shop in: its offers rank first and prices filter and sort in it. */
  @Column({ type: 'char', length: 3, default: 'EUR' })
  currency: string;

  /** The channel's WhatsApp number in international format, for click-to-chat "buy in chat" links. */
  @Column({ type: 'text', nullable: true })
  whatsappNumber: string | null;

  /**
   * The Meta commerce catalog that product messages point into; product retailer ids are Souk offer ids (the channel's
   * catalog feed).
   */
  @Column({ type: 'text', nullable: true })
  whatsappCatalogId: string | null;

  /** The webhook signing secret, sealed with the platform's encryption key (never stored plain). */
  @Column({ type: 'text' })
  webhookSecretSealed: string;

  /**
   * SHA-256 of the token in the channel's catalog feed URL (see feed-token.ts); null until one is made. Never stored
   * plain.
   */
  @Column({ type: 'bytea', nullable: true })
  feedTokenHash: Buffer | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  feedTokenCreatedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
