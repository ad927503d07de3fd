import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Channel } from '#channels';
import { Retailer } from '#retailers';
import { Offer } from '../offers/offer.entity.js';

/** A channel on a retailer's list: the channels it denies, or the only ones it allows (see Retailer.channelPolicy). */
@Entity('retailer_channel_list')
export class RetailerChannelListEntry {
  @PrimaryColumn({ type: 'uuid' }) retailerId: string;
  @PrimaryColumn({ type: 'uuid' }) channelId: string;
  @ManyToOne(() => Retailer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'retailer_id', foreignKeyConstraintName: 'fk_retailer_channel_list_retailer' })
  retailer?: Retailer;
  @ManyToOne(() => Channel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id', foreignKeyConstraintName: 'fk_retailer_channel_list_channel' })
  channel?: Channel;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}

/** An operator's decision: this retailer does not appear on this channel. */
@Entity('channel_hidden_retailer')
export class ChannelHiddenRetailer {
  @PrimaryColumn({ type: 'uuid' }) channelId: string;
  @PrimaryColumn({ type: 'uuid' }) retailerId: string;
  @ManyToOne(() => Channel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id', foreignKeyConstraintName: 'fk_channel_hidden_retailer_channel' })
  channel?: Channel;
  @ManyToOne(() => Retailer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'retailer_id', foreignKeyConstraintName: 'fk_channel_hidden_retailer_retailer' })
  retailer?: Retailer;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}

/** An operator's decision: this offer does not appear on this channel. */
@Entity('channel_hidden_offer')
export class ChannelHiddenOffer {
  @PrimaryColumn({ type: 'uuid' }) channelId: string;
  @PrimaryColumn({ type: 'uuid' }) offerId: string;
  @ManyToOne(() => Channel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id', foreignKeyConstraintName: 'fk_channel_hidden_offer_channel' })
  channel?: Channel;
  @ManyToOne(() => Offer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'offer_id', foreignKeyConstraintName: 'fk_channel_hidden_offer_offer' })
  offer?: Offer;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
