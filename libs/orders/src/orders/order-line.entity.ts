import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Offer } from '#catalog';
import { RetailerOrder } from './retailer-order.entity.js';

export const ORDER_LINE_STATUSES = ['open', 'accepted', 'refused', 'cancelled'] as const;
export type OrderLineStatus = (typeof ORDER_LINE_STATUSES)[number];

/** What the offer was when it was bought; the offer itself may change or go away later. */
export interface OfferSnapshot {
  readonly title: string;
  readonly brand: string | null;
  readonly gtin: string | null;
  readonly mpn: string | null;
  readonly condition: string;
  readonly link: string;
  readonly imageLink: string | null;
  readonly variantAttributes: Record<string, string>;
  readonly productId: string | null;
}

/** One offer bought in a retailer order, at the price and with the details of the moment of checkout. */
@Entity('order_line')
@Check('ck_order_line_quantity', 'quantity > 0 AND unit_price_minor >= 0')
@Check('ck_order_line_refunded', 'refunded_minor >= 0 AND refunded_minor <= total_minor')
@Check(
  'ck_order_line_commission',
  'commission_minor IS NULL OR (commission_minor >= 0 AND commission_minor <= total_minor)',
)
@Index('idx_order_line_retailer_order', ['retailerOrderId', 'position'])
@Index('idx_order_line_offer', ['offerId'])
export class OrderLine {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) retailerOrderId: string;
  @ManyToOne(() => RetailerOrder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'retailer_order_id', foreignKeyConstraintName: 'fk_order_line_retailer_order' })
  retailerOrder?: RetailerOrder;
  /** 1-based, in the order the customer's cart listed them. */
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'uuid' }) offerId: string;
  @ManyToOne(() => Offer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'offer_id', foreignKeyConstraintName: 'fk_order_line_offer' })
  offer?: Offer;
  @Column({ type: 'text' }) retailerItemId: string;
  @Column({ type: 'jsonb' }) snapshot: OfferSnapshot;
  @Column({ type: 'integer' }) quantity: number;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ type: 'bigint' }) unitPriceMinor: string;
  @Column({ type: 'bigint' }) totalMinor: string;
  @Column({ type: 'text', default: 'open' }) status: OrderLineStatus;
  /** Why the retailer refused the line. */
  @Column({ type: 'text', nullable: true }) reason: string | null;
  /** Refunded so far, minor units; never above totalMinor. */
  @Column({ type: 'bigint', default: '0' }) refundedMinor: string;
  /**
   * The commission frozen at checkout (CommissionFreezer): the rule it came from, its rate and fixed
   * fee, and the amount. Later rule changes never touch it; the ledger books from it.
   */
  @Column({ type: 'uuid', nullable: true }) commissionRuleId: string | null;
  @Column({ type: 'integer', nullable: true }) commissionRateBasisPoints: number | null;
  @Column({ type: 'bigint', nullable: true }) commissionFixedFeeMinor: string | null;
  @Column({ type: 'bigint', nullable: true }) commissionMinor: string | null;
}
