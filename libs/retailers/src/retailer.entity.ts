import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

export const RETAILER_STATUSES = ['active', 'paused'] as const;
export const CHANNEL_POLICIES = ['all', 'deny_listed', 'allow_listed'] as const;
/** Which channels may show the retailer's offers: all, all but those on its list, or only those on it. */
export type ChannelPolicy = (typeof CHANNEL_POLICIES)[number];
export type RetailerStatus = (typeof RETAILER_STATUSES)[number];

/** A business that sells through the marketplace and fulfils its own orders. */
@Entity('retailer')
@Unique('uq_retailer_slug', ['slug'])
export class Retailer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text', default: 'active' })
  status: RetailerStatus;

  @Column({ type: 'char', length: 3 })
  defaultCurrency: string;

  @Column({ type: 'text', default: 'all' })
  channelPolicy: ChannelPolicy;

  @Column({ type: 'text' })
  contactEmail: string;

  /** ISO 3166-1 alpha-2 codes of the countries the retailer ships to. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  countries: string[];

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
