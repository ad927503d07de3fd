import type { ConnectorContext } from './connector-context.js';

/** A postal address as the customer gave it, validated by Souk before any connector sees it. */
export interface OrderAddress {
  readonly name: string;
  readonly line1: string;
  readonly line2: string | null;
  readonly postalCode: string;
  readonly city: string;
  readonly region: string | null;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
}

/** Who ordered: at least one of email and phone is set (a chat buyer may have only a phone). */
export interface OrderCustomer {
  readonly name: string;
  readonly email: string | null;
  /** E.164, e.g. `+31612345678`. */
  readonly phone: string | null;
}

export interface OutboundOrderLine {
  /** Souk's id of the line, to refer to it when accepting or refusing lines. */
  readonly lineId: string;
  /** The retailer's own item id (variant id, SKU) as read from its catalog. */
  readonly retailerItemId: string;
  readonly title: string;
  readonly quantity: number;
  /** Minor units of the order's currency, as a decimal string (it may exceed 2^53). */
  readonly unitPriceMinor: string;
  readonly lineTotalMinor: string;
}

/** The part of an order that one retailer fulfils, as it is sent to that retailer. */
export interface OutboundOrder {
  /**
   * Souk's retailer order id. Every attempt to place this order carries it as the idempotency key:
   * a connector must make a retry with the same id find the order it created, never create another.
   */
  readonly retailerOrderId: string;
  readonly orderId: string;
  readonly placedAt: string;
  readonly currency: string;
  readonly totalMinor: string;
  readonly customer: OrderCustomer;
  readonly shippingAddress: OrderAddress;
  readonly lines: readonly OutboundOrderLine[];
}

export interface PlacedOrder {
  /** The retailer's own reference for the order. */
  readonly reference: string;
}

/**
 * The retailer refused the order for good (a 4xx with a reason, an unknown item): Souk marks the
 * retailer order failed with this message and does not retry. Any other error is taken as
 * transient and retried with backoff, unless it is an HttpRequestError with a 4xx status other
 * than 408 and 429.
 */
export class OrderRejectedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OrderRejectedError';
  }
}

/** The `orders` capability: the connector places orders in the retailer's own system. */
export interface ConnectorOrders<S = unknown, K = unknown> {
  /** Places the order; idempotent by `order.retailerOrderId` (see OutboundOrder). */
  place(context: ConnectorContext<S, K>, order: OutboundOrder): Promise<PlacedOrder>;
}

/** What the retailer's system says about an item right now. */
export interface LiveOffer {
  readonly retailerItemId: string;
  /** Minor units, as a decimal string; null when the system does not say. */
  readonly priceMinor: string | null;
  readonly currency: string;
  readonly available: boolean;
  readonly stockQuantity: number | null;
}

/** The `live-check` capability: checkout asks the retailer's system for current prices and stock. */
export interface ConnectorLiveCheck<S = unknown, K = unknown> {
  /** Items the system does not know are left out of the answer. */
  offers(context: ConnectorContext<S, K>, retailerItemIds: readonly string[]): Promise<readonly LiveOffer[]>;
}
