import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app.js';

/** A valid checkout body for `userRef`; `lines` buys directly instead of the cart. */
export function checkoutBody(userRef: string, lines?: { offerId: string; quantity: number; unitPriceMinor: string }[]) {
  return {
    userRef,
    customer: { name: 'Fatima el Amrani', email: 'fatima@example.nl', phone: '+31612345678' },
    shippingAddress: {
      name: 'Fatima el Amrani',
      line1: 'Damrak 1',
      postalCode: '1012 LG',
      city: 'Amsterdam',
      country: 'NL',
    },
    ...(lines ? { lines } : {}),
  };
}

/** POST /v1/channel/orders with an Idempotency-Key (a new one unless given). */
export function checkout(t: TestApp, channelKey: string, body: unknown, idempotencyKey: string = randomUUID()) {
  return t.request('POST', '/v1/channel/orders', {
    key: channelKey,
    body,
    headers: { 'idempotency-key': idempotencyKey },
  });
}

/** Polls until `read` gives a value `done` accepts, or fails after `timeoutMs`. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline)
      throw new Error(`${what} not reached within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    await new Promise((wake) => setTimeout(wake, 100));
    last = await read();
  }
  return last;
}
