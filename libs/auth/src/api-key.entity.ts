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
} from 'typeorm';
import { Channel } from '#channels';
import type { KeyRole } from '#platform';
import { Retailer } from '#retailers';

/**
 * An API key. Only a SHA-256 hash of the secret is kept (the secret is 256 random bits, so a
 * fast hash is enough); `prefix` is its first characters, to tell keys apart in lists.
 */
@Entity('api_key')
@Unique('uq_api_key_secret_hash', ['secretHash'])
@Index('idx_api_key_retailer', ['retailerId'])
@Index('idx_api_key_channel', ['channelId'])
@Check(
  'ck_api_key_scope',
  `(role = 'operator' AND retailer_id IS NULL AND channel_id IS NULL)
    OR (role = 'retailer' AND retailer_id IS NOT NULL AND channel_id IS NULL)
    OR (role = 'channel' AND channel_id IS NOT NULL AND retailer_id IS NULL)`,
)
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: KeyRole;

  @Column({ type: 'uuid', nullable: true })
  retailerId: string | null;

  @ManyToOne(() => Retailer, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'retailer_id', foreignKeyConstraintName: 'fk_api_key_retailer' })
  retailer?: Retailer;

  @Column({ type: 'uuid', nullable: true })
  channelId: string | null;

  @ManyToOne(() => Channel, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'channel_id', foreignKeyConstraintName: 'fk_api_key_channel' })
  channel?: Channel;

  @Column({ type: 'text' })
  prefix: string;

  @Column({ type: 'char', length: 64 })
  secretHash: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** The key that created this one; null for the key made at first start. */
  @Column({ type: 'uuid', nullable: true })
  createdByKeyId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
