import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { RetailerSandbox } from '#sandbox-retailer';
import { AcceptanceDeadline } from '#orders';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { FeedServer, rssFeed, type FeedItem } from '../../../test/support/feed-server.js';
import { WebhookReceiver } from '../../../test/support/webhook-receiver.js';
import { checkout, checkoutBody, eventually } from '../../../test/support/order-fixtures.js';

const WEBHOOK_SHOP: FeedItem[] = [
  { id: 'W1', title: 'Trail Running Shoes', price: '89.00 EUR', brand: 'Stride' },
  { id: 'W2', title: 'Running Socks', price: '9.95 EUR', brand: 'Stride' },
];
const PULL_SHOP: FeedItem[] = [
  { id: 'P1', title: 'Electric Kettle', price: '30.00 EUR', brand: 'Boil' },
  { id: 'P2', title: 'Tea Pot', price: '19.50 EUR', brand: 'Boil' },
];

/**
 * The receiver side of Standard Webhooks, written here from the scheme's description and not from
 * Souk's code: HMAC-SHA256 over "id.timestamp.body" with the base64-decoded secret after "whsec_".
 */
function verifiesIndependently(secret: string, headers: Record<string, unknown>, body: string): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${String(headers['webhook-id'])}.${String(headers['webhook-timestamp'])}.${body}`)
    .digest();
  return String(headers['webhook-signature'])
    .split(' ')
    .filter((part) => part.startsWith('v1,'))
    .some((part) => {
      const given = Buffer.from(part.slice(3), 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

describe('orders: carts, checkout, routing and the retailer order lifecycle', () => {
  let t: TestApp;
  const feeds = [new FeedServer(), new FeedServer()];
  // Its secret is set once Souk has created it, when the retailer switches to webhook orders.
  const sandbox = new RetailerSandbox({ secret: 'whsec_' + Buffer.alloc(32).toString('base64') });
  let sandboxSecret = '';
  const channelHooks = new WebhookReceiver();
  let sandboxUrl = '';
  const shops: { id: string; key: string; config: string; offers: Record<string, { id: string; price: string }> }[] =
    [];
  const channels: { id: string; key: string; webhookSecret: string }[] = [];

  const offersOf = async (shop: number) => {
    const rows = (
      await t.sql.query(`SELECT id, retailer_item_id, price_minor::text AS price FROM offer WHERE retailer_id = $1`, [
        shops[shop]!.id,
      ])
    ).rows as { id: string; retailer_item_id: string; price: string }[];
    return Object.fromEntries(rows.map((row) => [row.retailer_item_id, { id: row.id, price: row.price }]));
  };
  const order = async (id: string, channel = channels[0]!) =>
    (await t.request('GET', `/v1/channel/orders/${id}`, { key: channel.key })).body;
  const retailerOrderOf = (view: any, shop: number) =>
    view.retailerOrders.find((part: any) => part.retailerId === shops[shop]!.id);
  const countOrders = async () => Number((await t.sql.query('SELECT count(*) FROM customer_order')).rows[0].count);

  beforeAll(async () => {
    t = await startTestApp({
      SOUK_ORDER_ROUTING_TIMEOUT_MS: '400',
      SOUK_ORDER_ROUTING_RETRY_BASE_MS: '50',
      SOUK_ORDER_ROUTING_MAX_ATTEMPTS: '4',
    });
    const hooksUrl = await channelHooks.start();
    for (const [index, items] of [WEBHOOK_SHOP, PULL_SHOP].entries()) {
      const id = (
        await t.request('POST', '/v1/admin/retailers', {
          body: {
            name: `Shop ${index}`,
            slug: `shop-${index}`,
            defaultCurrency: 'EUR',
            contactEmail: `s${index}@shop.example`,
            countries: ['NL', 'BE'],
          },
        })
      ).body.id;
      const key = (
        await t.request('POST', '/v1/admin/api-keys', { body: { name: `r${index}`, role: 'retailer', retailerId: id } })
      ).body.key;
      feeds[index]!.setBody(rssFeed(items));
      const url = await feeds[index]!.start();
      const config = (
        await t.request('POST', '/v1/admin/connector-configs', {
          body: {
            retailerId: id,
            connectorId: 'google-merchant-feed',
            name: 'Feed',
            settings: { source: 'url', url, language: 'en' },
          },
        })
      ).body.id;
      expect((await syncAndWait(t, config)).status).toBe('succeeded');
      shops.push({ id, key, config, offers: {} });
    }
    for (const [index] of shops.entries()) shops[index]!.offers = await offersOf(index);
    for (const name of ['WhatsApp', 'Telegram']) {
      const created = (
        await t.request('POST', '/v1/admin/channels', {
          body: { name, webhookUrl: name === 'WhatsApp' ? hooksUrl : null },
        })
      ).body;
      const key = (
        await t.request('POST', '/v1/admin/api-keys', { body: { name, role: 'channel', channelId: created.id } })
      ).body.key;
      channels.push({ id: created.id, key, webhookSecret: created.webhookSecret });
    }
    // Shop 0 receives orders by signed webhook at the sandbox; shop 1 pulls them (the default).
    sandboxUrl = await sandbox.listen();
    const settings = await t.request('PUT', '/v1/retailer/order-settings', {
      key: shops[0]!.key,
      body: { method: 'webhook', webhookUrl: sandboxUrl },
    });
    expect(settings.status).toBe(200);
    sandboxSecret = settings.body.webhookSecret;
    sandbox.useSecret(sandboxSecret);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([...feeds.map((feed) => feed.stop()), sandbox.close(), channelHooks.stop()]);
  });

  describe('carts', () => {
    it('groups lines by retailer with subtotals and totals per currency, and flags a price that changed', async () => {
      const user = `cart-${randomUUID()}`;
      const put = (offerId: string, quantity: number) =>
        t.request('PUT', `/v1/channel/users/${user}/cart/lines/${offerId}`, {
          key: channels[0]!.key,
          body: { quantity },
        });
      expect((await put(shops[0]!.offers.W1!.id, 2)).status).toBe(200);
      expect((await put(shops[0]!.offers.W2!.id, 1)).status).toBe(200);
      const cart = (await put(shops[1]!.offers.P1!.id, 1)).body;
      expect(cart.retailers.map((group: any) => [group.retailerId, group.subtotals])).toEqual([
        [shops[0]!.id, [{ currency: 'EUR', amountMinor: String(2 * 8900 + 995), amount: '€187.95' }]],
        [shops[1]!.id, [{ currency: 'EUR', amountMinor: '3000', amount: '€30.00' }]],
      ]);
      expect(cart.totals).toEqual([{ currency: 'EUR', amountMinor: String(2 * 8900 + 995 + 3000), amount: '€217.95' }]);
      expect(cart.readyForCheckout).toBe(true);

      await t.sql.query(`UPDATE offer SET price_minor = 3100 WHERE id = $1`, [shops[1]!.offers.P1!.id]);
      try {
        const changed = (await t.request('GET', `/v1/channel/users/${user}/cart`, { key: channels[0]!.key })).body;
        const line = changed.retailers[1].lines[0];
        expect(line).toMatchObject({ issues: ['price_changed'], seenPriceMinor: '3000', unitPriceMinor: '3100' });
        expect(changed.totals).toEqual([{ currency: 'EUR', amountMinor: String(2 * 8900 + 995), amount: '€187.95' }]);
        expect(changed.readyForCheckout).toBe(false);
      } finally {
        await t.sql.query(`UPDATE offer SET price_minor = 3000 WHERE id = $1`, [shops[1]!.offers.P1!.id]);
      }
      expect(
        (
          await t.request('DELETE', `/v1/channel/users/${user}/cart/lines/${shops[1]!.offers.P1!.id}`, {
            key: channels[0]!.key,
          })
        ).body.retailers,
      ).toHaveLength(1);
    });

    it('refuses quantities out of range naming the field, and an offer that does not exist with 404', async () => {
      const bad = await t.request('PUT', `/v1/channel/users/u/cart/lines/${shops[0]!.offers.W1!.id}`, {
        key: channels[0]!.key,
        body: { quantity: 0 },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('quantity');
      expect(
        (
          await t.request('PUT', `/v1/channel/users/u/cart/lines/${randomUUID()}`, {
            key: channels[0]!.key,
            body: { quantity: 1 },
          })
        ).status,
      ).toBe(404);
    });
  });

  describe('checkout', () => {
    it('creates one order when the same checkout is sent twice at once with one key, and replays it after', async () => {
      const body = checkoutBody(`twice-${randomUUID()}`, [
        { offerId: shops[1]!.offers.P2!.id, quantity: 1, unitPriceMinor: '1950' },
      ]);
      const key = randomUUID();
      const before = await countOrders();
      const [first, second] = await Promise.all([
        checkout(t, channels[0]!.key, body, key),
        checkout(t, channels[0]!.key, body, key),
      ]);
      expect([first.status, second.status].sort()).toEqual([200, 201]);
      expect(first.body.id).toBe(second.body.id);
      expect(await countOrders()).toBe(before + 1);
      const again = await checkout(t, channels[0]!.key, body, key);
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body.id).toBe(first.body.id);
    });

    it('rejects the same key with another body (422) and a missing key (400), creating nothing', async () => {
      const key = randomUUID();
      const body = checkoutBody(`reuse-${randomUUID()}`, [
        { offerId: shops[1]!.offers.P2!.id, quantity: 1, unitPriceMinor: '1950' },
      ]);
      expect((await checkout(t, channels[0]!.key, body, key)).status).toBe(201);
      const before = await countOrders();
      const reused = await checkout(
        t,
        channels[0]!.key,
        { ...body, lines: [{ ...body.lines![0]!, quantity: 2 }] },
        key,
      );
      expect(reused.status).toBe(422);
      expect(reused.body.errors[0].field).toBe('Idempotency-Key');
      const missing = await t.request('POST', '/v1/channel/orders', { key: channels[0]!.key, body });
      expect(missing.status).toBe(400);
      expect(missing.body.errors[0].field).toBe('Idempotency-Key');
      expect(await countOrders()).toBe(before);
    });

    it('answers 409 with the new price when it changed between cart and checkout, and creates no order', async () => {
      const user = `price-${randomUUID()}`;
      await t.request('PUT', `/v1/channel/users/${user}/cart/lines/${shops[0]!.offers.W2!.id}`, {
        key: channels[0]!.key,
        body: { quantity: 3 },
      });
      feeds[0]!.setBody(
        rssFeed(WEBHOOK_SHOP.map((item) => (item.id === 'W2' ? { ...item, price: '10.95 EUR' } : item))),
      );
      expect((await syncAndWait(t, shops[0]!.config)).status).toBe('succeeded');
      try {
        const before = await countOrders();
        const answer = await checkout(t, channels[0]!.key, checkoutBody(user));
        expect(answer.status).toBe(409);
        expect(answer.body.changes).toEqual([
          expect.objectContaining({
            offerId: shops[0]!.offers.W2!.id,
            issue: 'price_changed',
            shownPriceMinor: '995',
            unitPriceMinor: '1095',
            currency: 'EUR',
          }),
        ]);
        expect(answer.body.errors[0].field).toBe('cart.lines[0]');
        expect(await countOrders()).toBe(before);
        // Setting the line again accepts the new price; then checkout goes through.
        await t.request('PUT', `/v1/channel/users/${user}/cart/lines/${shops[0]!.offers.W2!.id}`, {
          key: channels[0]!.key,
          body: { quantity: 3 },
        });
        const placed = await checkout(t, channels[0]!.key, checkoutBody(user));
        expect(placed.status).toBe(201);
        expect(placed.body.totals).toEqual([{ currency: 'EUR', amountMinor: '3285' }]);
        expect(
          (await t.request('GET', `/v1/channel/users/${user}/cart`, { key: channels[0]!.key })).body.retailers,
        ).toEqual([]);
      } finally {
        feeds[0]!.setBody(rssFeed(WEBHOOK_SHOP));
        await syncAndWait(t, shops[0]!.config);
      }
    });

    it('cannot buy an offer hidden from the channel, which another channel can still buy', async () => {
      const offer = shops[1]!.offers.P1!;
      expect((await t.request('PUT', `/v1/admin/channels/${channels[0]!.id}/hidden-offers/${offer.id}`)).status).toBe(
        204,
      );
      try {
        const before = await countOrders();
        const lines = [{ offerId: offer.id, quantity: 1, unitPriceMinor: offer.price }];
        const hidden = await checkout(t, channels[0]!.key, checkoutBody(`hidden-${randomUUID()}`, lines));
        expect(hidden.status).toBe(409);
        expect(hidden.body.changes).toEqual([{ field: 'lines[0]', offerId: offer.id, issue: 'unavailable' }]);
        expect(
          (
            await t.request('PUT', `/v1/channel/users/x/cart/lines/${offer.id}`, {
              key: channels[0]!.key,
              body: { quantity: 1 },
            })
          ).status,
        ).toBe(404);
        expect(await countOrders()).toBe(before);
        expect((await checkout(t, channels[1]!.key, checkoutBody(`other-${randomUUID()}`, lines))).status).toBe(201);
      } finally {
        await t.request('DELETE', `/v1/admin/channels/${channels[0]!.id}/hidden-offers/${offer.id}`);
      }
    });

    it('validates the customer and the address, naming each wrong field', async () => {
      const body = checkoutBody('v', [{ offerId: shops[1]!.offers.P1!.id, quantity: 1, unitPriceMinor: '3000' }]);
      const answer = await checkout(t, channels[0]!.key, {
        ...body,
        customer: { ...body.customer, email: 'nope', phone: '0612' },
        shippingAddress: { ...body.shippingAddress, country: 'XX', city: '' },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((error: any) => error.field).sort()).toEqual([
        'customer.email',
        'customer.phone',
        'shippingAddress.city',
        'shippingAddress.country',
      ]);
      const abroad = await checkout(t, channels[0]!.key, {
        ...body,
        shippingAddress: { ...body.shippingAddress, country: 'DE' },
      });
      expect(abroad.status).toBe(422);
      expect(abroad.body.errors[0].field).toBe('shippingAddress.country');
    });

    it('takes a buyer with a phone and no email, and sends the phone to the retailer', async () => {
      const offer = shops[0]!.offers.W2!;
      const body = checkoutBody(`phone-${randomUUID()}`, [
        { offerId: offer.id, quantity: 1, unitPriceMinor: offer.price },
      ]);
      // WhatsApp gives the number as digits without the "+"; Souk stores it in E.164.
      const placed = await checkout(t, channels[0]!.key, {
        ...body,
        customer: { name: 'Fatima el Amrani', phone: '31612345678' },
      });
      expect(placed.status).toBe(201);
      expect(placed.body.customer).toEqual({ name: 'Fatima el Amrani', email: null, phone: '+31612345678' });
      expect((await order(placed.body.id)).customer).toEqual({
        name: 'Fatima el Amrani',
        email: null,
        phone: '+31612345678',
      });
      const part = retailerOrderOf(placed.body, 0);
      const delivered = await eventually(
        async () => sandbox.orders().find((entry) => entry.idempotencyKey === part.id),
        (entry) => entry !== undefined,
        10_000,
        'the webhook order',
      );
      expect(delivered!.order.customer).toEqual({ name: 'Fatima el Amrani', email: null, phone: '+31612345678' });
    });

    it('refuses a buyer with neither email nor phone, naming both, and creates nothing', async () => {
      const body = checkoutBody(`nocontact-${randomUUID()}`, [
        { offerId: shops[1]!.offers.P1!.id, quantity: 1, unitPriceMinor: '3000' },
      ]);
      const before = await countOrders();
      for (const customer of [{ name: 'Fatima el Amrani' }, { name: 'Fatima el Amrani', email: null, phone: null }]) {
        const answer = await checkout(t, channels[0]!.key, { ...body, customer });
        expect(answer.status).toBe(400);
        expect(answer.body.errors).toEqual([
          { field: 'customer.email', message: 'is required when phone is not given' },
          { field: 'customer.phone', message: 'is required when email is not given' },
        ]);
      }
      expect(await countOrders()).toBe(before);
      // Either one alone is enough, and an email alone still works as before.
      expect(
        (
          await checkout(t, channels[0]!.key, {
            ...body,
            customer: { name: 'Fatima el Amrani', email: 'fatima@example.nl' },
          })
        ).body.customer,
      ).toEqual({
        name: 'Fatima el Amrani',
        email: 'fatima@example.nl',
        phone: null,
      });
    });
  });

  describe('routing and lifecycle', () => {
    it('splits a cart into one retailer order per retailer, routes the webhook one and lets the other pull; status flows to the channel', async () => {
      const user = `flow-${randomUUID()}`;
      for (const offer of [shops[0]!.offers.W1!, shops[1]!.offers.P2!]) {
        await t.request('PUT', `/v1/channel/users/${user}/cart/lines/${offer.id}`, {
          key: channels[0]!.key,
          body: { quantity: 1 },
        });
      }
      const placed = await checkout(t, channels[0]!.key, checkoutBody(user));
      expect(placed.status).toBe(201);
      expect(placed.body.retailerOrders).toHaveLength(2);
      const webhookPart = retailerOrderOf(placed.body, 0);
      const pullPart = retailerOrderOf(placed.body, 1);
      expect(webhookPart).toMatchObject({ method: 'webhook', totalMinor: '8900', status: 'pending' });
      expect(pullPart).toMatchObject({ method: 'pull', totalMinor: '1950', status: 'pending' });
      const relation = await t.sql.query(
        `SELECT count(*) FROM retailer_order ro JOIN customer_order o ON o.id = ro.order_id WHERE o.id = $1`,
        [placed.body.id],
      );
      expect(Number(relation.rows[0].count)).toBe(2);

      const submitted = await eventually(
        () => order(placed.body.id),
        (view) => retailerOrderOf(view, 0).status === 'submitted',
        10_000,
        'webhook routing',
      );
      const atSandbox = sandbox.orders().find((entry) => entry.idempotencyKey === webhookPart.id);
      expect(retailerOrderOf(submitted, 0).externalReference).toBe(atSandbox?.reference);
      expect(atSandbox?.order.lines).toEqual([
        expect.objectContaining({ retailerItemId: 'W1', quantity: 1, unitPriceMinor: '8900' }),
      ]);
      expect(atSandbox?.order.shippingAddress.city).toBe('Amsterdam');

      const pending = (await t.request('GET', '/v1/retailer/orders?status=pending', { key: shops[1]!.key })).body.items;
      expect(pending.map((item: any) => item.id)).toContain(pullPart.id);
      expect(pending.find((item: any) => item.id === pullPart.id).customer.email).toBe('fatima@example.nl');
      expect(
        (
          await t.request('POST', `/v1/retailer/orders/${pullPart.id}/acknowledge`, {
            key: shops[1]!.key,
            body: { reference: 'SO-1' },
          })
        ).body,
      ).toMatchObject({ status: 'submitted', externalReference: 'SO-1' });

      for (const [shop, part] of [
        [0, webhookPart],
        [1, pullPart],
      ] as const) {
        expect(
          (await t.request('POST', `/v1/retailer/orders/${part.id}/accept`, { key: shops[shop]!.key, body: {} })).body
            .status,
        ).toBe('accepted');
      }
      const shipped = await t.request('POST', `/v1/retailer/orders/${webhookPart.id}/ship`, {
        key: shops[0]!.key,
        body: { carrier: 'PostNL', number: '3SABC123', url: 'https://jouw.postnl.nl/track/3SABC123' },
      });
      expect(shipped.body).toMatchObject({
        status: 'shipped',
        tracking: { carrier: 'PostNL', number: '3SABC123', url: 'https://jouw.postnl.nl/track/3SABC123' },
      });
      expect((await order(placed.body.id)).status).toBe('accepted');
      await t.request('POST', `/v1/retailer/orders/${pullPart.id}/ship`, {
        key: shops[1]!.key,
        body: { carrier: 'DHL', number: 'JD1' },
      });
      for (const [shop, part] of [
        [0, webhookPart],
        [1, pullPart],
      ] as const)
        await t.request('POST', `/v1/retailer/orders/${part.id}/deliver`, { key: shops[shop]!.key });
      const delivered = await order(placed.body.id);
      expect(delivered.status).toBe('delivered');
      expect(retailerOrderOf(delivered, 0).history.map((step: any) => step.to)).toEqual([
        'pending',
        'submitted',
        'accepted',
        'shipped',
        'delivered',
      ]);

      const events = await eventually(
        async () =>
          channelHooks.received
            .map((hook) => ({ hook, event: JSON.parse(hook.body) }))
            .filter(({ event }) => event.data.orderId === placed.body.id),
        (list) => list.length >= 9,
        10_000,
        'channel webhooks',
      );
      const types = events.map(
        ({ event }) =>
          `${event.type}${event.data.retailerOrderId ? `:${event.data.retailerOrderId === webhookPart.id ? 'W' : 'P'}` : ''}`,
      );
      expect(types.sort()).toEqual(
        [
          'order.created',
          'retailer_order.submitted:W',
          'retailer_order.submitted:P',
          'retailer_order.accepted:W',
          'retailer_order.accepted:P',
          'retailer_order.shipped:W',
          'retailer_order.shipped:P',
          'retailer_order.delivered:W',
          'retailer_order.delivered:P',
        ].sort(),
      );
      const shippedEvent = events.find(
        ({ event }) => event.type === 'retailer_order.shipped' && event.data.retailerOrderId === webhookPart.id,
      )!.event;
      expect(shippedEvent.data).toMatchObject({
        status: 'shipped',
        previousStatus: 'accepted',
        tracking: { carrier: 'PostNL', number: '3SABC123' },
      });
      for (const { hook } of events)
        expect(verifiesIndependently(channels[0]!.webhookSecret, hook.headers, hook.body)).toBe(true);
    });

    it('retries 5xx, 429 and timeouts with backoff and creates the order once at the retailer, recording every attempt', async () => {
      sandbox.failNext('server-error');
      sandbox.failNext('rate-limited');
      sandbox.failNext('timeout-after');
      const placed = await checkout(
        t,
        channels[0]!.key,
        checkoutBody(`retry-${randomUUID()}`, [
          { offerId: shops[0]!.offers.W2!.id, quantity: 2, unitPriceMinor: '995' },
        ]),
      );
      const part = retailerOrderOf(placed.body, 0);
      await eventually(
        () => order(placed.body.id),
        (view) => retailerOrderOf(view, 0).status === 'submitted',
        15_000,
        'routing through faults',
      );
      const attempts = (await t.request('GET', `/v1/admin/retailer-orders/${part.id}/routing-attempts`)).body;
      expect(attempts.map((attempt: any) => [attempt.outcome, attempt.responseStatus])).toEqual([
        ['retry', expect.any(Number)],
        ['retry', 429],
        ['retry', null],
        ['placed', 200],
      ]);
      expect(attempts[2].error).toMatch(/no answer within 400 ms/);
      expect(sandbox.orders().filter((entry) => entry.idempotencyKey === part.id)).toHaveLength(1);
    });

    it('fails a retailer order the retailer refuses with a 4xx, and an operator can send it back to routing', async () => {
      sandbox.failNext('rejected');
      const placed = await checkout(
        t,
        channels[0]!.key,
        checkoutBody(`reject-${randomUUID()}`, [
          { offerId: shops[0]!.offers.W2!.id, quantity: 1, unitPriceMinor: '995' },
        ]),
      );
      const part = retailerOrderOf(placed.body, 0);
      const failed = await eventually(
        () => order(placed.body.id),
        (view) => retailerOrderOf(view, 0).status === 'failed',
        10_000,
        'failure',
      );
      expect(failed.status).toBe('failed');
      expect(retailerOrderOf(failed, 0).reason).toMatch(/refused the order: answered 422/);
      const retried = await t.request('POST', `/v1/admin/retailer-orders/${part.id}/retry-routing`);
      expect(retried.status).toBe(200);
      await eventually(
        () => order(placed.body.id),
        (view) => retailerOrderOf(view, 0).status === 'submitted',
        10_000,
        'retried routing',
      );
    });

    it('rejects illegal status changes with 409 and says what is allowed', async () => {
      const placed = await checkout(
        t,
        channels[0]!.key,
        checkoutBody(`illegal-${randomUUID()}`, [
          { offerId: shops[1]!.offers.P1!.id, quantity: 1, unitPriceMinor: '3000' },
        ]),
      );
      const part = retailerOrderOf(placed.body, 1);
      const ship = await t.request('POST', `/v1/retailer/orders/${part.id}/ship`, {
        key: shops[1]!.key,
        body: { carrier: 'DHL', number: 'X' },
      });
      expect(ship.status).toBe(409);
      expect(ship.body.type).toMatch(/illegal-transition$/);
      expect(ship.body.detail).toMatch(/pending cannot become shipped/);
      expect((await t.request('POST', `/v1/retailer/orders/${part.id}/deliver`, { key: shops[1]!.key })).status).toBe(
        409,
      );
      expect(
        (
          await t.request('POST', `/v1/retailer/orders/${part.id}/refuse`, {
            key: shops[1]!.key,
            body: { reason: 'No stock' },
          })
        ).body.status,
      ).toBe('refused');
      expect(
        (await t.request('POST', `/v1/retailer/orders/${part.id}/accept`, { key: shops[1]!.key, body: {} })).status,
      ).toBe(409);
      expect((await order(placed.body.id)).status).toBe('cancelled');
    });

    it('accepts some lines and refuses others; refunds lines and amounts up to what was accepted', async () => {
      const lines = [
        { offerId: shops[1]!.offers.P1!.id, quantity: 2, unitPriceMinor: '3000' },
        { offerId: shops[1]!.offers.P2!.id, quantity: 1, unitPriceMinor: '1950' },
      ];
      const placed = await checkout(t, channels[0]!.key, checkoutBody(`partial-${randomUUID()}`, lines));
      const part = retailerOrderOf(placed.body, 1);
      const [kettle, pot] = part.lines;
      const accepted = await t.request('POST', `/v1/retailer/orders/${part.id}/accept`, {
        key: shops[1]!.key,
        body: { lines: [{ lineId: pot.id, accepted: false, reason: 'Discontinued' }] },
      });
      expect(accepted.body.status).toBe('accepted');
      expect(accepted.body.lines.map((line: any) => [line.status, line.reason])).toEqual([
        ['accepted', null],
        ['refused', 'Discontinued'],
      ]);
      const refunds = (body: unknown) =>
        t.request('POST', `/v1/retailer/orders/${part.id}/refunds`, { key: shops[1]!.key, body });
      expect((await refunds({ lines: [{ lineId: pot.id, quantity: 1 }], reason: 'x' })).status).toBe(422);
      expect((await refunds({ lines: [{ lineId: kettle.id, quantity: 1 }], reason: 'Dented' })).body).toMatchObject({
        amountMinor: '3000',
        currency: 'EUR',
      });
      expect(
        (await refunds({ lines: [{ lineId: kettle.id, quantity: 2 }], reason: 'again' })).body.errors[0].field,
      ).toBe('lines[0].quantity');
      expect((await refunds({ amountMinor: '3001', reason: 'too much' })).status).toBe(422);
      expect((await refunds({ amountMinor: '3000', reason: 'Goodwill' })).status).toBe(201);
      expect(
        (await t.request('GET', `/v1/retailer/orders/${part.id}`, { key: shops[1]!.key })).body.refundedMinor,
      ).toBe('6000');
    });

    it('cancels an order for the channel before shipment, and refuses once a part has shipped', async () => {
      const lines = [{ offerId: shops[1]!.offers.P2!.id, quantity: 1, unitPriceMinor: '1950' }];
      const first = await checkout(t, channels[0]!.key, checkoutBody(`cancel-${randomUUID()}`, lines));
      const cancelled = await t.request('POST', `/v1/channel/orders/${first.body.id}/cancel`, {
        key: channels[0]!.key,
        body: { reason: 'Changed my mind' },
      });
      expect(cancelled.body).toMatchObject({
        status: 'cancelled',
        retailerOrders: [expect.objectContaining({ status: 'cancelled', reason: 'Changed my mind' })],
      });
      const second = await checkout(t, channels[0]!.key, checkoutBody(`late-${randomUUID()}`, lines));
      const part = retailerOrderOf(second.body, 1);
      await t.request('POST', `/v1/retailer/orders/${part.id}/accept`, { key: shops[1]!.key, body: {} });
      await t.request('POST', `/v1/retailer/orders/${part.id}/ship`, {
        key: shops[1]!.key,
        body: { carrier: 'DHL', number: 'JD2' },
      });
      expect(
        (
          await t.request('POST', `/v1/channel/orders/${second.body.id}/cancel`, {
            key: channels[0]!.key,
            body: { reason: 'Too late' },
          })
        ).status,
      ).toBe(409);
    });

    it('cancels retailer orders not accepted by their deadline, and tells a webhook retailer', async () => {
      const placed = await checkout(
        t,
        channels[0]!.key,
        checkoutBody(`deadline-${randomUUID()}`, [
          { offerId: shops[0]!.offers.W1!.id, quantity: 1, unitPriceMinor: '8900' },
        ]),
      );
      const part = retailerOrderOf(placed.body, 0);
      await eventually(
        () => order(placed.body.id),
        (view) => retailerOrderOf(view, 0).status === 'submitted',
        10_000,
        'routing',
      );
      await t.sql.query(`UPDATE retailer_order SET accept_by = now() - interval '1 second' WHERE id = $1`, [part.id]);
      expect(await t.app.get(AcceptanceDeadline).sweep()).toBeGreaterThanOrEqual(1);
      const view = await order(placed.body.id);
      expect(retailerOrderOf(view, 0)).toMatchObject({
        status: 'cancelled',
        reason: expect.stringMatching(/not accepted by the deadline/),
      });
      await eventually(
        async () => sandbox.orders().find((entry) => entry.idempotencyKey === part.id)?.cancelled,
        (done) => done === true,
        10_000,
        'cancellation notice',
      );
    });
  });

  describe('access', () => {
    it("keeps a retailer out of another retailer's orders: not listed, 404 to read or act on", async () => {
      const placed = await checkout(
        t,
        channels[0]!.key,
        checkoutBody(`access-${randomUUID()}`, [
          { offerId: shops[0]!.offers.W2!.id, quantity: 1, unitPriceMinor: '995' },
          { offerId: shops[1]!.offers.P1!.id, quantity: 1, unitPriceMinor: '3000' },
        ]),
      );
      const part = retailerOrderOf(placed.body, 1);
      expect((await t.request('GET', `/v1/retailer/orders/${part.id}`, { key: shops[0]!.key })).status).toBe(404);
      expect(
        (await t.request('POST', `/v1/retailer/orders/${part.id}/accept`, { key: shops[0]!.key, body: {} })).status,
      ).toBe(404);
      expect(
        (
          await t.request('POST', `/v1/retailer/orders/${part.id}/refunds`, {
            key: shops[0]!.key,
            body: { amountMinor: '1', reason: 'x' },
          })
        ).status,
      ).toBe(404);
      const listed = (await t.request('GET', '/v1/retailer/orders?limit=200', { key: shops[0]!.key })).body.items;
      expect(listed.length).toBeGreaterThan(0);
      expect(listed.every((item: any) => item.retailerId === shops[0]!.id)).toBe(true);
      const since = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
      expect((await t.request('GET', `/v1/retailer/orders?from=${since}`, { key: shops[1]!.key })).body.items).toEqual(
        [],
      );
      expect(
        (await t.request('GET', '/v1/retailer/orders?from=yesterday', { key: shops[1]!.key })).body.errors[0].field,
      ).toBe('from');
      expect((await t.request('GET', `/v1/retailer/orders/${part.id}`, { key: shops[1]!.key })).status).toBe(200);
    });

    it("keeps a channel out of another channel's orders", async () => {
      const placed = await checkout(
        t,
        channels[0]!.key,
        checkoutBody(`mine-${randomUUID()}`, [
          { offerId: shops[1]!.offers.P1!.id, quantity: 1, unitPriceMinor: '3000' },
        ]),
      );
      expect((await t.request('GET', `/v1/channel/orders/${placed.body.id}`, { key: channels[1]!.key })).status).toBe(
        404,
      );
      expect(
        (
          await t.request('POST', `/v1/channel/orders/${placed.body.id}/cancel`, {
            key: channels[1]!.key,
            body: { reason: 'x' },
          })
        ).status,
      ).toBe(404);
      const listed = (await t.request('GET', '/v1/channel/orders?limit=200', { key: channels[1]!.key })).body.items;
      expect(listed.some((item: any) => item.id === placed.body.id)).toBe(false);
      expect(
        (
          await t.request('GET', `/v1/channel/orders?userRef=${encodeURIComponent(placed.body.id)}`, {
            key: channels[0]!.key,
          })
        ).body.items,
      ).toEqual([]);
    });

    it('never shows the order webhook secret again, and only a retailer or operator key reaches order settings', async () => {
      const settings = await t.request('GET', '/v1/retailer/order-settings', { key: shops[0]!.key });
      expect(settings.body).toEqual(expect.objectContaining({ method: 'webhook', hasWebhookSecret: true }));
      expect(JSON.stringify(settings.body)).not.toContain('whsec_');
      expect((await t.request('GET', '/v1/retailer/order-settings', { key: channels[0]!.key })).status).toBe(403);
      const stored = (
        await t.sql.query('SELECT webhook_secret_sealed FROM retailer_order_settings WHERE retailer_id = $1', [
          shops[0]!.id,
        ])
      ).rows[0];
      expect(stored.webhook_secret_sealed).not.toContain(sandboxSecret.slice(6));
    });
  });
  describe('a paused channel', () => {
    it('refuses every request of its key, checkout included, until an operator activates it', async () => {
      const channel = (await t.request('POST', '/v1/admin/channels', { body: { name: 'Paused later' } })).body;
      const key = (
        await t.request('POST', '/v1/admin/api-keys', {
          body: { name: 'paused', role: 'channel', channelId: channel.id },
        })
      ).body.key;
      const lines = [{ offerId: shops[1]!.offers.P1!.id, quantity: 1, unitPriceMinor: '3000' }];
      const calls = (user: string) => [
        () => t.request('GET', '/v1/channel/me', { key }),
        () => t.request('GET', '/v1/channel/search?q=kettle', { key }),
        () => t.request('GET', `/v1/channel/products/${randomUUID()}`, { key }),
        () =>
          t.request('PUT', `/v1/channel/users/${user}/cart/lines/${shops[1]!.offers.P1!.id}`, {
            key,
            body: { quantity: 1 },
          }),
        () => checkout(t, key, checkoutBody(user, lines)),
      ];
      const active = await checkout(t, key, checkoutBody(`before-${randomUUID()}`, lines));
      expect(active.status).toBe(201);

      expect((await t.request('POST', `/v1/admin/channels/${channel.id}/pause`)).body.status).toBe('paused');
      const ordersBefore = await countOrders();
      for (const call of calls(`paused-${randomUUID()}`)) {
        const answer = await call();
        expect({ status: answer.status, type: answer.body.type }).toEqual({
          status: 403,
          type: 'https://souk.dev/problems/channel-paused',
        });
        expect(answer.headers.get('content-type')).toContain('application/problem+json');
      }
      expect(await countOrders()).toBe(ordersBefore);
      // The operator still reads the channel's orders.
      expect((await t.request('GET', `/v1/admin/orders?channelId=${channel.id}`)).body.items).toHaveLength(1);

      expect((await t.request('POST', `/v1/admin/channels/${channel.id}/activate`)).body.status).toBe('active');
      expect((await checkout(t, key, checkoutBody(`after-${randomUUID()}`, lines))).status).toBe(201);
    });
  });
});
