/**
 * The life of a retailer order: the part of an order that one retailer fulfils.
 *
 *   pending    created at checkout; being routed to the retailer (or waiting for it to pull)
 *   submitted  the retailer has it (answered with its reference, or acknowledged a pull)
 *   accepted   the retailer will fulfil it (possibly only some lines)
 *   refused    the retailer will not fulfil it                                    (final)
 *   shipped    handed to a carrier, with tracking
 *   delivered  arrived                                                            (final)
 *   cancelled  by the channel, the retailer, an operator or the acceptance deadline (final)
 *   failed     routing gave up; an operator may send it back to pending
 */
export const RETAILER_ORDER_STATUSES = [
  'pending',
  'submitted',
  'accepted',
  'refused',
  'shipped',
  'delivered',
  'cancelled',
  'failed',
] as const;
export type RetailerOrderStatus = (typeof RETAILER_ORDER_STATUSES)[number];

const TRANSITIONS: Readonly<Record<RetailerOrderStatus, readonly RetailerOrderStatus[]>> = {
  // A retailer that pulls its orders may accept or refuse without acknowledging first.
  pending: ['submitted', 'accepted', 'refused', 'cancelled', 'failed'],
  submitted: ['accepted', 'refused', 'cancelled'],
  accepted: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  failed: ['pending', 'cancelled'],
  refused: [],
  delivered: [],
  cancelled: [],
};

export const FINAL_RETAILER_ORDER_STATUSES: readonly RetailerOrderStatus[] = ['refused', 'delivered', 'cancelled'];

export function canTransition(from: RetailerOrderStatus, to: RetailerOrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses a retailer order in `from` may move to, for error messages. */
export function nextStatuses(from: RetailerOrderStatus): readonly RetailerOrderStatus[] {
  return TRANSITIONS[from];
}

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: RetailerOrderStatus,
    readonly to: RetailerOrderStatus,
  ) {
    const allowed = TRANSITIONS[from];
    super(
      `A retailer order that is ${from} cannot become ${to}; ` +
        `it can become ${allowed.length ? allowed.join(', ') : 'nothing else (final)'}.`,
    );
    this.name = 'IllegalTransitionError';
  }
}

/** Throws IllegalTransitionError unless `from` may move to `to`. */
export function assertTransition(from: RetailerOrderStatus, to: RetailerOrderStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}

/** True when the retailer order has not yet left the retailer's hands toward the customer. */
export function isBeforeShipment(status: RetailerOrderStatus): boolean {
  return status === 'pending' || status === 'submitted' || status === 'accepted' || status === 'failed';
}
