import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { FaultPicker, type FaultKind } from '../src/faults.js';
import { RetailerSandbox } from '../src/retailer-sandbox.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;

function signed(body: string, options: { secret?: string; timestamp?: number } = {}): Record<string, string> {
  const id = `msg_${randomUUID()}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const key = Buffer.from((options.secret ?? secret).slice('whsec_'.length), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` };
}

function outboundOrder(retailerOrderId = randomUUID()) {
  return {
    retailerOrderId,
    orderId: randomUUID(),
    placedAt: new Date().toISOString(),
    currency: 'EUR',
    totalMinor: '2598',
    customer: { name: 'Ada Buyer', email: 'ada@example.com', phone: '+31612345678' },
    shippingAddress: {
      name: 'Ada Buyer',
      line1: 'Damrak 1',
      line2: null,
      postalCode: '1012 LG',
      city: 'Amsterdam',
      region: null,
      country: 'NL',
    },
    lines: [
      {
        lineId: randomUUID(),
        retailerItemId: 'EL-1',
        title: 'Sonora Bluetooth Speaker',
        quantity: 2,
        unitPriceMinor: '1299',
        lineTotalMinor: '2598',
      },
    ],
  };
}

const created = (data: object) => ({ type: 'retailer_order.created', timestamp: new Date().toISOString(), data });

describe('sandbox retailer', () => {
  let sandbox: RetailerSandbox;
  let url: string;
  beforeEach(async () => {
    sandbox = new RetailerSandbox({ secret, faults: { rate: 0, hangMs: 50, slowMs: 40, retryAfterSeconds: 0.5 } });
    url = await sandbox.listen();
  });
  afterEach(() => sandbox.close());

  async function post(
    event: object,
    options: { key?: string | null; headers?: Record<string, string>; secret?: string; timestamp?: number } = {},
  ) {
    const body = JSON.stringify(event);
    const data = (event as { data?: { retailerOrderId?: string } }).data;
    const key = options.key === undefined ? data?.retailerOrderId : options.key;
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signed(body, options),
        ...(key ? { 'idempotency-key': key } : {}),
        ...options.headers,
      },
      body,
    });
  }

  async function place(kind?: FaultKind) {
    if (kind) sandbox.failNext(kind);
    const order = outboundOrder();
    const started = Date.now();
    const response = await post(created(order));
    return { order, response, elapsed: Date.now() - started, body: (await response.json()) as Record<string, unknown> };
  }

  it('creates an order once per idempotency key: 201, then 200 with the same reference', async () => {
    const order = outboundOrder();
    const first = await post(created(order));
    expect(first.status).toBe(201);
    const { reference } = (await first.json()) as { reference: string };
    expect(reference).toMatch(/^SBX-[0-9A-Z]+-000001$/);
    const again = await post(created(order));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ reference });
    expect(sandbox.stats()).toMatchObject({
      received: 2,
      created: 1,
      replays: 1,
      callsAfterSuccess: 1,
      badSignatures: 0,
    });
    const [stored] = sandbox.orders();
    expect(stored).toMatchObject({
      reference,
      idempotencyKey: order.retailerOrderId,
      order,
      calls: 2,
      cancelled: false,
    });
    expect(stored!.firstCallAt).toBeLessThanOrEqual(stored!.createdAt);
  });

  it('accepts a valid signature among several and refuses a wrong secret, a stale timestamp or a changed body', async () => {
    const order = outboundOrder();
    const body = JSON.stringify(created(order));
    const headers = signed(body);
    const several = {
      ...headers,
      'webhook-signature': `v1,${randomBytes(32).toString('base64')} ${headers['webhook-signature']}`,
    };
    const ok = await fetch(url, {
      method: 'POST',
      headers: { ...several, 'idempotency-key': order.retailerOrderId },
      body,
    });
    expect(ok.status).toBe(201);

    const other = outboundOrder();
    expect((await post(created(other), { secret: `whsec_${randomBytes(32).toString('base64')}` })).status).toBe(401);
    expect((await post(created(other), { timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(401);
    expect((await post(created(other), { timestamp: Math.floor(Date.now() / 1000) + 301 })).status).toBe(401);
    const tampered = await fetch(url, {
      method: 'POST',
      headers: { ...signed(body), 'idempotency-key': other.retailerOrderId },
      body: body.replace('2598', '1'),
    });
    expect(tampered.status).toBe(401);
    expect((await fetch(url, { method: 'POST', body: JSON.stringify(created(other)) })).status).toBe(401);
    expect(sandbox.stats()).toMatchObject({ received: 6, created: 1, badSignatures: 5 });
    expect(sandbox.firstCalls().has(other.retailerOrderId)).toBe(false);
  });

  it('answers 400 to a bad idempotency key or body, 405 to other methods and 404 elsewhere', async () => {
    const order = outboundOrder();
    expect((await post(created(order), { key: null })).status).toBe(400);
    expect((await post(created(order), { key: randomUUID() })).status).toBe(400);
    expect((await post({ ...created(order), type: 'retailer_order.shipped' })).status).toBe(400);
    expect((await post(created({ ...order, totalMinor: '25.98' }))).status).toBe(400);
    expect((await post(created({ ...order, lines: [] }))).status).toBe(400);
    const notJson = await fetch(url, {
      method: 'POST',
      headers: { ...signed('{'), 'idempotency-key': order.retailerOrderId },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    expect(sandbox.stats().created).toBe(0);

    const get = await fetch(url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await fetch(new URL('/elsewhere', url), { method: 'POST' })).status).toBe(404);
  });

  it('injects each fault kind on request', async () => {
    const first = await place('server-error');
    const second = await place('server-error');
    expect([first.response.status, second.response.status]).toEqual([500, 503]);

    const limited = await place('rate-limited');
    expect(limited.response.status).toBe(429);
    expect(limited.response.headers.get('retry-after')).toBe('0.5');
    expect(limited.body).toMatchObject({ retryAfterSeconds: 0.5 });

    const rejected = await place('rejected');
    expect(rejected.response.status).toBe(422);
    expect(rejected.response.headers.get('content-type')).toBe('application/problem+json');
    expect(rejected.body).toMatchObject({ title: 'Order refused', status: 422 });

    const before = await place('timeout-before');
    expect(before.response.status).toBe(504);
    expect(before.elapsed).toBeGreaterThanOrEqual(45);

    const slow = await place('slow');
    expect(slow.response.status).toBe(201);
    expect(slow.elapsed).toBeGreaterThanOrEqual(35);

    expect(sandbox.stats()).toMatchObject({
      created: 1,
      faults: { 'server-error': 2, 'rate-limited': 1, rejected: 1, 'timeout-before': 1, slow: 1, 'timeout-after': 0 },
    });
    // Failed calls still count as first calls, for keys that never got an order too.
    expect(sandbox.firstCalls().get(before.order.retailerOrderId)).toBeLessThanOrEqual(Date.now());
    expect(sandbox.firstCalls().size).toBe(6);
  });

  it('creates the order on timeout-after but answers 504; the retry gets the same reference', async () => {
    const { order, response } = await place('timeout-after');
    expect(response.status).toBe(504);
    expect(sandbox.orders()).toHaveLength(1);
    const retry = await post(created(order));
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ reference: sandbox.orders()[0]!.reference });
    expect(sandbox.stats()).toMatchObject({ created: 1, replays: 1, callsAfterSuccess: 0 });
    expect(sandbox.orders()[0]!.calls).toBe(2);
  });

  it('draws faults from a plan, repeatably with a seed, and never draws rejected unless listed', async () => {
    const draws = (seed: number) => {
      const picker = new FaultPicker({ rate: 0.5, seed });
      return Array.from({ length: 400 }, () => picker.pick());
    };
    const sequence = draws(7);
    expect(draws(7)).toEqual(sequence);
    expect(sequence).not.toContain('rejected');
    expect(sequence.filter((kind) => kind !== null).length).toBeGreaterThan(150);
    expect(sequence.filter((kind) => kind !== null).length).toBeLessThan(250);

    sandbox.setFaults({ rate: 1, kinds: { rejected: 1 } });
    expect((await place()).response.status).toBe(422);
    sandbox.setFaults({ rate: 0 });
    expect((await place()).response.status).toBe(201);
    expect(() => sandbox.setFaults({ rate: 2 })).toThrow(TypeError);
  });

  it('takes a cancellation for a known order', async () => {
    const { order, body } = await place();
    const cancel = (data: object) =>
      post({ type: 'retailer_order.cancelled', timestamp: new Date().toISOString(), data }, { key: null });
    const answer = await cancel({
      retailerOrderId: order.retailerOrderId,
      reference: body.reference,
      reason: 'customer changed their mind',
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ reference: body.reference });
    expect(sandbox.orders()[0]).toMatchObject({ cancelled: true, cancelReason: 'customer changed their mind' });
    expect((await cancel({ retailerOrderId: randomUUID(), reference: null, reason: null })).status).toBe(404);
    expect(sandbox.stats().cancellations).toBe(1);
  });

  it('serves stats, orders and the fault plan to other processes without a signature', async () => {
    const first = await place();
    const stats = await fetch(new URL('/_sandbox/stats', url));
    expect(stats.status).toBe(200);
    expect(await stats.json()).toMatchObject({ received: 1, created: 1 });
    const orders = (await (await fetch(new URL('/_sandbox/orders', url))).json()) as { reference: string }[];
    expect(orders.map((order) => order.reference)).toEqual([first.body.reference]);
    const firstCalls = (await (await fetch(new URL('/_sandbox/first-calls', url))).json()) as Record<string, number>;
    expect(Object.keys(firstCalls)).toHaveLength(1);

    const put = (plan: unknown) =>
      fetch(new URL('/_sandbox/faults', url), { method: 'PUT', body: JSON.stringify(plan) });
    expect((await put({ rate: 1, kinds: { 'rate-limited': 1 }, retryAfterSeconds: 2 })).status).toBe(204);
    const limited = await place();
    expect(limited.response.status).toBe(429);
    expect(limited.response.headers.get('retry-after')).toBe('2');
    expect((await put({ rate: 1, kinds: { teapot: 1 } })).status).toBe(400);
    expect((await fetch(new URL('/_sandbox/stats', url), { method: 'POST' })).status).toBe(405);
  });

  it('never hands out a reference again after a restart, though it remembers nothing', async () => {
    const before = [await place(), await place()].map(({ body }) => body.reference);
    await sandbox.close();
    sandbox = new RetailerSandbox({ secret });
    url = await sandbox.listen();
    const after = (await place()).body.reference;
    expect(after).toMatch(/^SBX-[0-9A-Z]+-000001$/);
    expect(before).not.toContain(after);
  });

  it('closes with a request still held by a fault', async () => {
    // Held longer than the test may run: closing settles the request only by dropping it.
    sandbox.setFaults({ rate: 0, hangMs: 120_000 });
    sandbox.failNext('timeout-before');
    const held = post(created(outboundOrder())).then(
      (response) => response.status,
      () => 'dropped',
    );
    while (sandbox.stats().faults['timeout-before'] === 0) await new Promise((done) => setTimeout(done, 5));
    await sandbox.close();
    expect(await held).toBe('dropped');
  });
});
