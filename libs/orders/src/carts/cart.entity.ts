import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Channel } from '#channels';

/** A channel end user's cart; one per user and channel. The user is a keyed hash of the channel's reference. */
@Entity('cart')
@Unique('uq_cart_user', ['channelId', 'userHash'])
export class Cart {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) channelId: string;
  @ManyToOne(() => Channel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id', foreignKeyConstraintName: 'fk_cart_channel' })
  channel?: Channel;
  @Column({ type: 'bytea' }) userHash: Buffer;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
