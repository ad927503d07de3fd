import type { OrderStatus, RetailerOrderStatus } from '#domain';

/** The webhook event types a channel receives about its orders. */
export const ORDER_EVENT_TYPES = [
  'order.created',
  'retailer_order.submitted',
  'retailer_order.accepted',
  'retailer_order.refused',
  'retailer_order.shipped',
  'retailer_order.delivered',
  'retailer_order.cancelled',
  'retailer_order.failed',
  'retailer_order.pending',
  'retailer_order.refunded',
] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

/** The `data` of a retailer order event: enough to act on without a read, and a version to order events by. */
export interface RetailerOrderEventData {
  readonly orderId: string;
  readonly orderStatus: OrderStatus;
  readonly retailerOrderId: string;
  readonly retailerId: string;
  readonly status: RetailerOrderStatus;
  readonly previousStatus: RetailerOrderStatus | null;
  /** Grows with every change of the retailer order; a receiver keeps the highest it has seen. */
  readonly version: number;
  readonly reason: string | null;
  readonly externalReference: string | null;
  readonly tracking: {
    readonly carrier: string | null;
    readonly number: string | null;
    readonly url: string | null;
  } | null;
  readonly refund?: {
    readonly id: string;
    readonly amountMinor: string;
    readonly currency: string;
    readonly reason: string;
  };
}
