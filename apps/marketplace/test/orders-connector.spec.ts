import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { ShopApiServer, shopApiConnector, shopWebhook } from '../../../test/support/shop-api-connector.js';
import { WebhookReceiver } from '../../../test/support/webhook-receiver.js';
import { checkout, checkoutBody, eventually } from '../../../test/support/order-fixtures.js';

/** Orders placed through a connector's `orders` capability, and checkout's live check through `live-check`. */
describe('orders through a connector', () => {
  let t: TestApp;
  const shop = new ShopApiServer();
  let retailer: { id: string; key: string; config: string };
  let channelKey = '';
  const channelHooks = new WebhookReceiver();
  const WEBHOOK_SECRET = 'shop-webhook-secret';
  const hook = (payload: object, deliveryId?: string, secret = WEBHOOK_SECRET) => {
    const { headers, body } = shopWebhook(secret, payload, deliveryId);
    return fetch(`${t.baseUrl}/v1/connector-webhooks/${retailer.config}`, { method: 'POST', headers, body });
  };
  const price = async (item: string) =>
    (
      await t.sql.query(
        'SELECT price_minor::text AS price, removed_at FROM offer WHERE retailer_id = $1 AND retailer_item_id = $2',
        [retailer.id, item],
      )
    ).rows[0];
  const offerId = async (item: string) =>
    (await t.sql.query('SELECT id FROM offer WHERE retailer_id = $1 AND retailer_item_id = $2', [retailer.id, item]))
      .rows[0].id as string;
  const part = async (orderId: string) =>
    (await t.request('GET', `/v1/channel/orders/${orderId}`, { key: channelKey })).body.retailerOrders[0];

  beforeAll(async () => {
    t = await startTestApp(
      { SOUK_ORDER_ROUTING_TIMEOUT_MS: '500', SOUK_ORDER_ROUTING_RETRY_BASE_MS: '50' },
      undefined,
      [shopApiConnector],
    );
    shop.put('SKU-1', 'Espresso Machine', '249.00 EUR');
    shop.put('SKU-2', 'Milk Jug', '15.00 EUR');
    const baseUrl = await shop.start();
    const id = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name: 'Coffee Shop', slug: 'coffee', defaultCurrency: 'EUR', contactEmail: 'c@shop.example' },
      })
    ).body.id;
    const key = (
      await t.request('POST', '/v1/admin/api-keys', { body: { name: 'coffee', role: 'retailer', retailerId: id } })
    ).body.key;
    const config = (
      await t.request('POST', '/v1/admin/connector-configs', {
        body: {
          retailerId: id,
          connectorId: 'test-shop-api',
          name: 'Shop',
          settings: { baseUrl },
          secrets: { webhookSecret: WEBHOOK_SECRET },
        },
      })
    ).body.id;
    expect((await syncAndWait(t, config)).status).toBe('succeeded');
    retailer = { id, key, config };
    const settings = await t.request('PUT', '/v1/retailer/order-settings', {
      key,
      body: { method: 'connector', connectorConfigId: config },
    });
    expect(settings.body).toMatchObject({ method: 'connector', connectorConfigId: config, hasWebhookSecret: false });
    const channel = (
      await t.request('POST', '/v1/admin/channels', { body: { name: 'Chat', webhookUrl: await channelHooks.start() } })
    ).body.id;
    channelKey = (
      await t.request('POST', '/v1/admin/api-keys', { body: { name: 'chat', role: 'channel', channelId: channel } })
    ).body.key;
  });
  afterAll(async () => {
    await t.close();
    await shop.stop();
    await channelHooks.stop();
  });

  it('refuses a connector config whose connector cannot place orders, naming the field', async () => {
    const feedConfig = (
      await t.request('POST', '/v1/admin/connector-configs', {
        body: { retailerId: retailer.id, connectorId: 'csv-catalog', name: 'CSV', settings: { currency: 'EUR' } },
      })
    ).body.id;
    const answer = await t.request('PUT', '/v1/retailer/order-settings', {
      key: retailer.key,
      body: { method: 'connector', connectorConfigId: feedConfig },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([
      { field: 'connectorConfigId', message: 'its connector (csv-catalog) cannot place orders' },
    ]);
    expect(
      (await t.request('PUT', '/v1/retailer/order-settings', { key: retailer.key, body: { method: 'connector' } })).body
        .errors[0].field,
    ).toBe('connectorConfigId');
  });

  it("places the order in the retailer's system once, although the first answer came too late", async () => {
    shop.lateAnswers = [1500];
    const placed = await checkout(
      t,
      channelKey,
      checkoutBody(`late-${randomUUID()}`, [{ offerId: await offerId('SKU-1'), quantity: 1, unitPriceMinor: '24900' }]),
    );
    expect(placed.status).toBe(201);
    const routed = await eventually(
      () => part(placed.body.id),
      (view) => view.status === 'submitted',
      15_000,
      'connector routing',
    );
    const mine = shop.orders.filter((order) => order.soukId === routed.id);
    expect(mine).toHaveLength(1);
    expect(routed.externalReference).toBe(mine[0]!.id);
    expect(mine[0]!.lines).toEqual([{ sku: 'SKU-1', quantity: 1 }]);
    const attempts = (await t.request('GET', `/v1/admin/retailer-orders/${routed.id}/routing-attempts`)).body;
    expect(attempts.map((attempt: any) => attempt.outcome)).toEqual(['retry', 'placed']);
  });

  it('fails the retailer order when the connector says the shop refused it for good', async () => {
    shop.refuseNext = 1;
    const placed = await checkout(
      t,
      channelKey,
      checkoutBody(`refused-${randomUUID()}`, [
        { offerId: await offerId('SKU-2'), quantity: 1, unitPriceMinor: '1500' },
      ]),
    );
    const failed = await eventually(
      () => part(placed.body.id),
      (view) => view.status === 'failed',
      10_000,
      'failure',
    );
    expect(failed.reason).toMatch(/the shop refused the order/);
  });

  it("checks prices and stock live with the retailer's system at checkout", async () => {
    shop.put('SKU-2', 'Milk Jug', '17.50 EUR', 1);
    try {
      const lines = [{ offerId: await offerId('SKU-2'), quantity: 2, unitPriceMinor: '1500' }];
      const answer = await checkout(t, channelKey, checkoutBody(`live-${randomUUID()}`, lines));
      expect(answer.status).toBe(409);
      expect(answer.body.changes).toEqual([
        expect.objectContaining({ issue: 'price_changed', shownPriceMinor: '1500', unitPriceMinor: '1750' }),
        expect.objectContaining({ issue: 'insufficient_stock', stockQuantity: 1 }),
      ]);
      const bought = await checkout(
        t,
        channelKey,
        checkoutBody(`live-ok-${randomUUID()}`, [{ ...lines[0]!, quantity: 1, unitPriceMinor: '1750' }]),
      );
      expect(bought.status).toBe(201);
      expect(bought.body.retailerOrders[0].lines[0].unitPriceMinor).toBe('1750');
    } finally {
      shop.put('SKU-2', 'Milk Jug', '15.00 EUR');
    }
  });

  describe('webhooks from the shop system', () => {
    it('syncs the catalog soon after a product changes, once for a replayed delivery', async () => {
      shop.put('SKU-1', 'Espresso Machine', '229.00 EUR');
      const delivery = randomUUID();
      const first = await hook({ topic: 'product.updated', id: 'SKU-1' }, delivery);
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ status: 'applied' });
      expect(await (await hook({ topic: 'product.updated', id: 'SKU-1' }, delivery)).json()).toEqual({
        status: 'duplicate',
      });
      await eventually(
        () => price('SKU-1'),
        (row) => row.price === '22900',
        10_000,
        'the new price',
      );
      const runs = (await t.request('GET', `/v1/admin/sync-runs?configId=${retailer.config}`)).body.items;
      expect(runs.filter((run: any) => run.trigger === 'webhook')).toHaveLength(1);
    });

    it('answers a webhook with a bad signature 401 and changes nothing', async () => {
      shop.put('SKU-2', 'Milk Jug', '99.00 EUR');
      try {
        const answer = await hook({ topic: 'product.deleted', id: 'SKU-2' }, randomUUID(), 'not-the-secret');
        expect(answer.status).toBe(401);
        expect(answer.headers.get('content-type')).toMatch(/problem\+json/);
        expect(await price('SKU-2')).toMatchObject({ price: '1500', removed_at: null });
      } finally {
        shop.put('SKU-2', 'Milk Jug', '15.00 EUR');
      }
    });

    it('marks removed items at once', async () => {
      shop.put('SKU-9', 'Grinder', '80.00 EUR');
      await syncAndWait(t, retailer.config);
      expect((await hook({ topic: 'product.deleted', id: 'SKU-9' })).status).toBe(200);
      expect((await price('SKU-9')).removed_at).not.toBeNull();
    });

    it('moves an order the shop fulfilled to shipped, with tracking, and tells the channel', async () => {
      const placed = await checkout(
        t,
        channelKey,
        checkoutBody(`ship-${randomUUID()}`, [
          { offerId: await offerId('SKU-2'), quantity: 1, unitPriceMinor: '1500' },
        ]),
      );
      const routed = await eventually(
        () => part(placed.body.id),
        (view) => view.status === 'submitted',
        10_000,
        'routing',
      );
      expect(
        (
          await hook({
            topic: 'order.shipped',
            id: routed.externalReference,
            order: { soukId: routed.id, carrier: 'DHL', tracking: 'JD0001' },
          })
        ).status,
      ).toBe(200);
      const shipped = await part(placed.body.id);
      expect(shipped).toMatchObject({ status: 'shipped', tracking: { carrier: 'DHL', number: 'JD0001' } });
      const events = await eventually(
        async () =>
          channelHooks.received
            .map((received) => JSON.parse(received.body))
            .filter((event) => event.data.retailerOrderId === routed.id),
        (list) => list.some((event) => event.type === 'retailer_order.shipped'),
        10_000,
        'the shipped event',
      );
      expect(events.map((event) => event.type)).toEqual(
        expect.arrayContaining(['retailer_order.submitted', 'retailer_order.accepted', 'retailer_order.shipped']),
      );
      const ledger = (await t.sql.query(`SELECT kind FROM commission_entry WHERE retailer_order_id = $1`, [routed.id]))
        .rows;
      expect(ledger).toEqual([{ kind: 'accrual' }]);
    });
  });
});
