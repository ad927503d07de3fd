/** Places a retailer order at its retailer: one attempt per job; the next attempt is its own job. */
export const ROUTE_QUEUE = 'orders.route';
export interface RouteJob {
  readonly retailerOrderId: string;
  /** The number of the attempt this job makes (1-based). */
  readonly attempt: number;
}

/** Tells a retailer about a change it did not make itself (a cancellation). */
export const RETAILER_NOTICE_QUEUE = 'orders.notify-retailer';
export interface RetailerNoticeJob {
  readonly retailerOrderId: string;
  readonly type: 'retailer_order.cancelled';
}

/** Cancels retailer orders not accepted by their deadline; scheduled every minute. */
export const ACCEPTANCE_DEADLINE_QUEUE = 'orders.acceptance-deadline';
