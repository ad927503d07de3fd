import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Offer } from '#catalog';
import { Cart } from './cart.entity.js';

/**
 * One offer in a cart, with the price the user saw when adding it: reading the cart flags a price
 * that changed since, and checkout refuses it until the user has seen the new one.
 */
@Entity('cart_line')
@Check('ck_cart_line_quantity', 'quantity > 0')
export class CartLine {
  @PrimaryColumn({ type: 'uuid' }) cartId: string;
  @ManyToOne(() => Cart, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cart_id', foreignKeyConstraintName: 'fk_cart_line_cart' })
  cart?: Cart;
  @PrimaryColumn({ type: 'uuid' }) offerId: string;
  @ManyToOne(() => Offer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'offer_id', foreignKeyConstraintName: 'fk_cart_line_offer' })
  offer?: Offer;
  @Column({ type: 'integer' }) quantity: number;
  /** Minor units of `seenCurrency`: the effective price when the line was added or last changed. */
  @Column({ type: 'bigint' }) seenPriceMinor: string;
  @Column({ type: 'char', length: 3 }) seenCurrency: string;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
