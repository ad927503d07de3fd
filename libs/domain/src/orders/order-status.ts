import type { RetailerOrderStatus } from './retailer-order-status.js';

/**
 * An order's status, derived from its retailer orders (never set directly):
 *   - retailer orders that ended without a sale (refused, cancelled) are set aside;
 *   - if none is left, the order is `cancelled`;
 *   - otherwise it is the least advanced status among the rest, in the order
 *     failed < pending < submitted < accepted < shipped < delivered,
 *     so an order is `delivered` only when everything still in it arrived, and `failed` while any
 *     part of it could not be routed (an operator's attention is needed).
 */
export const ORDER_STATUSES = [
  'failed',
  'pending',
  'submitted',
  'accepted',
  'shipped',
  'delivered',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const PROGRESS: readonly RetailerOrderStatus[] = ['failed', 'pending', 'submitted', 'accepted', 'shipped', 'delivered'];

export function deriveOrderStatus(retailerOrders: readonly RetailerOrderStatus[]): OrderStatus {
  let least: number | null = null;
  for (const status of retailerOrders) {
    const rank = PROGRESS.indexOf(status);
    if (rank >= 0 && (least === null || rank < least)) least = rank;
  }
  return least === null ? 'cancelled' : (PROGRESS[least] as OrderStatus);
}
