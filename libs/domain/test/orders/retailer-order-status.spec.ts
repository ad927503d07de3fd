import {
  IllegalTransitionError,
  RETAILER_ORDER_STATUSES,
  assertTransition,
  canTransition,
  deriveOrderStatus,
  type RetailerOrderStatus,
} from '#domain';

const ALLOWED: [RetailerOrderStatus, RetailerOrderStatus][] = [
  ['pending', 'submitted'],
  ['pending', 'accepted'],
  ['pending', 'refused'],
  ['pending', 'cancelled'],
  ['pending', 'failed'],
  ['submitted', 'accepted'],
  ['submitted', 'refused'],
  ['submitted', 'cancelled'],
  ['accepted', 'shipped'],
  ['accepted', 'cancelled'],
  ['shipped', 'delivered'],
  ['failed', 'pending'],
  ['failed', 'cancelled'],
];

describe('retailer order state machine', () => {
  it('allows exactly the documented transitions and no other pair', () => {
    for (const from of RETAILER_ORDER_STATUSES) {
      for (const to of RETAILER_ORDER_STATUSES) {
        const documented = ALLOWED.some(([a, b]) => a === from && b === to);
        expect([from, to, canTransition(from, to)]).toEqual([from, to, documented]);
      }
    }
  });

  it('lets nothing leave a final status', () => {
    for (const final of ['refused', 'delivered', 'cancelled'] as const) {
      for (const to of RETAILER_ORDER_STATUSES) expect(canTransition(final, to)).toBe(false);
    }
  });

  it('explains an illegal transition with what is allowed instead', () => {
    expect(() => assertTransition('pending', 'shipped')).toThrow(IllegalTransitionError);
    expect(() => assertTransition('pending', 'shipped')).toThrow(
      'A retailer order that is pending cannot become shipped; it can become submitted, accepted, refused, cancelled, failed.',
    );
    expect(() => assertTransition('delivered', 'cancelled')).toThrow('it can become nothing else (final)');
  });
});

describe('order status derived from its retailer orders', () => {
  it('is the least advanced status among the parts still going', () => {
    expect(deriveOrderStatus(['accepted', 'shipped'])).toBe('accepted');
    expect(deriveOrderStatus(['delivered', 'shipped'])).toBe('shipped');
    expect(deriveOrderStatus(['delivered', 'delivered'])).toBe('delivered');
    expect(deriveOrderStatus(['pending', 'submitted', 'accepted'])).toBe('pending');
  });

  it('sets aside refused and cancelled parts, and is cancelled when nothing is left', () => {
    expect(deriveOrderStatus(['refused', 'delivered'])).toBe('delivered');
    expect(deriveOrderStatus(['cancelled', 'accepted'])).toBe('accepted');
    expect(deriveOrderStatus(['refused', 'cancelled'])).toBe('cancelled');
    expect(deriveOrderStatus([])).toBe('cancelled');
  });

  it('is failed while any part could not be routed', () => {
    expect(deriveOrderStatus(['failed', 'delivered'])).toBe('failed');
  });
});
