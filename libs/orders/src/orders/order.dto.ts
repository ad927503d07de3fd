import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { ORDER_STATUSES, RETAILER_ORDER_STATUSES, type OrderStatus, type RetailerOrderStatus } from '#domain';
import { IsDateTime, Omittable, PageOf, PageQuery } from '#platform';
import { MoneyView } from './money.dto.js';
import { ORDER_METHODS, type OrderMethod } from '../settings/retailer-order-settings.entity.js';
import { AddressBody, CustomerView } from './buyer.dto.js';
import { ORDER_LINE_STATUSES, type OrderLine, type OrderLineStatus } from './order-line.entity.js';
import type { Order } from './order.entity.js';
import type { RetailerOrderTransition } from './retailer-order-transition.entity.js';
import type { RetailerOrder } from './retailer-order.entity.js';

export class OrderLineView {
  @ApiProperty() id: string;
  @ApiProperty() position: number;
  @ApiProperty() offerId: string;
  @ApiProperty() retailerItemId: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) brand: string | null;
  @ApiProperty({ nullable: true, type: String }) gtin: string | null;
  @ApiProperty({ nullable: true, type: String }) productId: string | null;
  @ApiProperty({ nullable: true, type: String }) imageLink: string | null;
  @ApiProperty({ type: Object, description: 'Variant attributes (size, colour) of what was bought.' })
  variantAttributes: Record<string, string>;
  @ApiProperty() quantity: number;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'Minor units, as at checkout.' }) unitPriceMinor: string;
  @ApiProperty() totalMinor: string;
  @ApiProperty({ enum: ORDER_LINE_STATUSES }) status: OrderLineStatus;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;

  static of(line: OrderLine): OrderLineView {
    return Object.assign(new OrderLineView(), {
      id: line.id,
      position: line.position,
      offerId: line.offerId,
      retailerItemId: line.retailerItemId,
      title: line.snapshot.title,
      brand: line.snapshot.brand,
      gtin: line.snapshot.gtin,
      productId: line.snapshot.productId,
      imageLink: line.snapshot.imageLink,
      variantAttributes: line.snapshot.variantAttributes,
      quantity: line.quantity,
      currency: line.currency.trim(),
      unitPriceMinor: line.unitPriceMinor,
      totalMinor: line.totalMinor,
      status: line.status,
      reason: line.reason,
    });
  }
}

export class TrackingView {
  @ApiProperty({ nullable: true, type: String }) carrier: string | null;
  @ApiProperty({ nullable: true, type: String }) number: string | null;
  @ApiProperty({ nullable: true, type: String }) url: string | null;
}

export class TransitionView {
  @ApiProperty({ nullable: true, enum: RETAILER_ORDER_STATUSES }) from: RetailerOrderStatus | null;
  @ApiProperty({ enum: RETAILER_ORDER_STATUSES }) to: RetailerOrderStatus;
  @ApiProperty({ description: 'Who made the change: operator, retailer, channel or system.' }) by: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() at: Date;

  static of(transition: RetailerOrderTransition): TransitionView {
    return Object.assign(new TransitionView(), {
      from: transition.fromStatus,
      to: transition.toStatus,
      by: transition.actorRole,
      reason: transition.reason,
      at: transition.createdAt,
    });
  }
}

export class RetailerOrderView {
  @ApiProperty() id: string;
  @ApiProperty() orderId: string;
  @ApiProperty() retailerId: string;
  @ApiProperty({ enum: RETAILER_ORDER_STATUSES }) status: RetailerOrderStatus;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'Minor units.' }) totalMinor: string;
  @ApiProperty({ description: 'Refunded so far, minor units.' }) refundedMinor: string;
  @ApiProperty({ enum: ORDER_METHODS, description: 'How the order reaches the retailer.' }) method: OrderMethod;
  @ApiProperty({ nullable: true, type: String, description: "The retailer's own reference." }) externalReference:
    string | null;
  @ApiProperty({ description: 'Cancelled if not accepted by then.' }) acceptBy: Date;
  @ApiProperty({ nullable: true, type: TrackingView }) tracking: TrackingView | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was refused, cancelled or failed.' }) reason:
    string | null;
  @ApiProperty({ description: 'Grows with every change; webhook events carry it too.' }) version: number;
  @ApiProperty({ type: [OrderLineView] }) lines: OrderLineView[];
  @ApiPropertyOptional({ type: [TransitionView] }) history?: TransitionView[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static of(
    retailerOrder: RetailerOrder,
    lines: readonly OrderLine[],
    history?: readonly RetailerOrderTransition[],
  ): RetailerOrderView {
    return Object.assign(new RetailerOrderView(), {
      id: retailerOrder.id,
      orderId: retailerOrder.orderId,
      retailerId: retailerOrder.retailerId,
      status: retailerOrder.status,
      currency: retailerOrder.currency.trim(),
      totalMinor: retailerOrder.totalMinor,
      refundedMinor: retailerOrder.refundedMinor,
      method: retailerOrder.method,
      externalReference: retailerOrder.externalReference,
      acceptBy: retailerOrder.acceptBy,
      tracking:
        retailerOrder.carrier || retailerOrder.trackingNumber
          ? Object.assign(new TrackingView(), {
              carrier: retailerOrder.carrier,
              number: retailerOrder.trackingNumber,
              url: retailerOrder.trackingUrl,
            })
          : null,
      reason: retailerOrder.reason,
      version: retailerOrder.version,
      lines: [...lines].sort((a, b) => a.position - b.position).map((line) => OrderLineView.of(line)),
      ...(history ? { history: history.map((transition) => TransitionView.of(transition)) } : {}),
      createdAt: retailerOrder.createdAt,
      updatedAt: retailerOrder.updatedAt,
    });
  }
}

/** A retailer's view of its part of an order: with the customer and address it ships to. */
export class RetailerSideOrderView extends RetailerOrderView {
  @ApiProperty({ type: CustomerView }) customer: CustomerView;
  @ApiProperty({ type: AddressBody }) shippingAddress: AddressBody;
}

export class OrderView {
  @ApiProperty() id: string;
  @ApiProperty() channelId: string;
  @ApiProperty({
    enum: ORDER_STATUSES,
    description:
      'Derived from the retailer orders: the least advanced of those not refused or cancelled; ' +
      'cancelled when none is left.',
  })
  status: OrderStatus;
  @ApiProperty({ type: CustomerView }) customer: CustomerView;
  @ApiProperty({ type: AddressBody }) shippingAddress: AddressBody;
  @ApiProperty({ type: [MoneyView], description: 'Per currency, at checkout.' }) totals: MoneyView[];
  @ApiProperty({ type: [RetailerOrderView] }) retailerOrders: RetailerOrderView[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static of(order: Order, retailerOrders: readonly RetailerOrderView[]): OrderView {
    return Object.assign(new OrderView(), {
      id: order.id,
      channelId: order.channelId,
      status: order.status,
      customer: order.customer,
      shippingAddress: order.shippingAddress,
      totals: order.totals,
      retailerOrders,
      createdAt: order.createdAt,
      updatedAt: order.updatedAt,
    });
  }
}

export const OrderPage = PageOf(OrderView);
export const RetailerSideOrderPage = PageOf(RetailerSideOrderView);

export class ChannelOrderQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the orders of this buyer.' })
  @Omittable()
  @IsString()
  @MaxLength(200)
  userRef?: string;

  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @Omittable()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;
}

export class AdminOrderQuery extends PageQuery {
  @ApiPropertyOptional() @Omittable() @IsUUID('all') channelId?: string;
  @ApiPropertyOptional({ description: 'Orders with a part for this retailer.' })
  @Omittable()
  @IsUUID('all')
  retailerId?: string;
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @Omittable() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  @ApiPropertyOptional({ description: 'Created at or after (ISO 8601).' }) @Omittable() @IsDateTime() from?: Date;
  @ApiPropertyOptional({ description: 'Created before (ISO 8601).' }) @Omittable() @IsDateTime() to?: Date;
}

export class RetailerOrderQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: RETAILER_ORDER_STATUSES,
    description: 'pending lists the orders waiting for you to pull and acknowledge them.',
  })
  @Omittable()
  @IsIn(RETAILER_ORDER_STATUSES)
  status?: RetailerOrderStatus;

  @ApiPropertyOptional({ description: 'Created at or after (ISO 8601).' }) @Omittable() @IsDateTime() from?: Date;
  @ApiPropertyOptional({ description: 'Created before (ISO 8601).' }) @Omittable() @IsDateTime() to?: Date;
}
