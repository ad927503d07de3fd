import { randomUUID } from 'node:crypto';
import { ShopifySandbox } from '#sandbox-shopify';
import { WooCommerceSandbox } from '#sandbox-woocommerce';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { WebhookReceiver } from '../../../test/support/webhook-receiver.js';
import { checkout, checkoutBody, eventually } from '../../../test/support/order-fixtures.js';

/** What each platform's half of the test needs: its sandbox, its connector config, and how to act as the shop. */
interface Platform {
  readonly name: string;
  start(): Promise<{ connectorId: string; settings: object; secrets: object }>;
  /** Subscribes Souk's webhook URL for products and orders, as the merchant would. */
  subscribe(url: string): Promise<void>;
  /** An item that is for sale: its retailer item id, and the shop-side handle to change it. */
  buyable(): { itemId: string; change(price: string): Promise<void> };
  resendLast(): Promise<number | null>;
  /** The header and body of the last webhook the shop delivered, as sent. */
  lastDelivery(): { readonly headers: Readonly<Record<string, string>>; readonly body: string };
  /** The header that carries the shop's delivery id (not covered by its signature). */
  readonly deliveryIdHeader: string;
  badSignature(url: string): Promise<(number | null)[] | number | null>;
  failNextOrder(hangMs: number): void;
  ordersFor(retailerOrderId: string): unknown[];
  fulfil(reference: string): Promise<void>;
  close(): Promise<void>;
}

function shopify(): Platform {
  const sandbox = new ShopifySandbox({
    accessToken: 'shpat_test',
    webhookSecret: 'shopify-app-secret',
    products: 20,
    leakPerSecond: 10,
    bucketSize: 40,
  });
  let variant = 0;
  return {
    name: 'Shopify',
    async start() {
      const shopUrl = await sandbox.listen();
      return {
        connectorId: 'shopify',
        settings: { shopUrl, requestsPerSecond: 8 },
        secrets: { accessToken: 'shpat_test', webhookSecret: 'shopify-app-secret' },
      };
    },
    async subscribe(url) {
      sandbox.registerWebhookAddress(url);
    },
    buyable() {
      const product = sandbox
        .products()
        .find(
          (candidate) =>
            candidate.status === 'active' && candidate.variants.some((item) => item.inventory_quantity > 5),
        );
      const chosen = product!.variants.find((item) => item.inventory_quantity > 5)!;
      variant = chosen.id;
      return { itemId: String(chosen.id), change: async (price) => void sandbox.updateVariantPrice(variant, price) };
    },
    resendLast: () => sandbox.resendLastWebhook(),
    lastDelivery: () => sandbox.webhookDeliveries().at(-1)!,
    deliveryIdHeader: 'X-Shopify-Webhook-Id',
    badSignature: () => sandbox.sendWebhookWithBadSignature('products/update', sandbox.products()[0]),
    failNextOrder: (hangMs) => sandbox.failNextOrderCreate('timeout-after', hangMs),
    ordersFor: (id) =>
      sandbox.ordersCreated().filter((order) => order.note_attributes.some((attribute) => attribute.value === id)),
    async fulfil(reference) {
      sandbox.fulfillOrder(Number(reference), {
        tracking_company: 'PostNL',
        tracking_number: '3SPOST123',
        tracking_url: 'https://jouw.postnl.nl/track/3SPOST123',
      });
      await sandbox.webhooksSettled();
    },
    close: () => sandbox.close(),
  };
}

function woocommerce(): Platform {
  const sandbox = new WooCommerceSandbox({
    consumerKey: 'ck_test',
    consumerSecret: 'cs_test',
    webhookSecret: 'woo-webhook-secret',
    products: 20,
    variableShare: 0.3,
  });
  let webhookId = 0;
  return {
    name: 'WooCommerce',
    async start() {
      const siteUrl = await sandbox.listen();
      return {
        connectorId: 'woocommerce',
        settings: { siteUrl, requestsPerSecond: 20 },
        secrets: { consumerKey: 'ck_test', consumerSecret: 'cs_test', webhookSecret: 'woo-webhook-secret' },
      };
    },
    async subscribe(url) {
      for (const topic of ['product.updated', 'order.updated']) {
        const created = await sandbox.registerWebhook(topic, url);
        // WooCommerce pings a new webhook, unsigned; Souk must answer it 200 or the webhook is disabled.
        expect(created.pingStatus).toBe(200);
        webhookId ||= created.id;
      }
    },
    buyable() {
      const product = sandbox
        .products()
        .find(
          (candidate) =>
            candidate.type === 'simple' &&
            candidate.status === 'publish' &&
            candidate.stock_status === 'instock' &&
            candidate.price !== '' &&
            candidate.price !== null,
        );
      const id = Number(product!.id);
      return {
        itemId: String(id),
        change: async (price) => sandbox.updateProduct(id, { regularPrice: price, salePrice: null }),
      };
    },
    resendLast: () => sandbox.resendLastWebhook(),
    lastDelivery: () => sandbox.deliveries().at(-1)!,
    deliveryIdHeader: 'X-WC-Webhook-Delivery-ID',
    badSignature: () => sandbox.sendWebhookWithBadSignature(webhookId),
    failNextOrder: (hangMs) => sandbox.failNextOrderCreate('timeout-after', hangMs),
    ordersFor: (id) =>
      sandbox
        .orders()
        .filter((order) => (order.meta_data as { key: string; value: unknown }[]).some((meta) => meta.value === id)),
    async fulfil(reference) {
      await sandbox.addTracking(Number(reference), { tracking_number: '3SPOST123', tracking_provider: 'postnl' });
      await sandbox.setOrderStatus(Number(reference), 'completed');
      await sandbox.deliveriesSettled();
    },
    close: () => sandbox.close(),
  };
}

describe.each([
  ['Shopify', shopify],
  ['WooCommerce', woocommerce],
] as const)('a shop on %s, connected through its connector', (_name, makePlatform) => {
  const platform = makePlatform();
  let t: TestApp;
  const channelHooks = new WebhookReceiver();
  let retailer = { id: '', key: '', config: '' };
  let channelKey = '';
  let hookUrl = '';
  const offer = async (itemId: string) =>
    (
      await t.sql.query(
        `SELECT id, price_minor::text AS price, sale_price_minor::text AS sale FROM offer WHERE retailer_id = $1 AND retailer_item_id = $2`,
        [retailer.id, itemId],
      )
    ).rows[0] as { id: string; price: string; sale: string | null } | undefined;
  const webhookRuns = async () =>
    (await t.request('GET', `/v1/admin/sync-runs?configId=${retailer.config}&limit=200`)).body.items.filter(
      (run: any) => run.trigger === 'webhook',
    ).length;
  /**
   * What applying a webhook leaves behind: its receipt, a queued sync or a pending change. Souk
   * commits these before it answers the shop, so right after an answer they show whether it was applied.
   */
  const webhookTraces = async () =>
    (
      await t.sql.query(
        `SELECT (SELECT count(*)::int FROM connector_webhook_receipt WHERE config_id = $1) AS receipts,
                (SELECT count(*)::int FROM sync_run WHERE config_id = $1 AND trigger = 'webhook') AS runs,
                (SELECT changes_pending_at FROM connector_config WHERE id = $1) AS pending_at`,
        [retailer.config],
      )
    ).rows[0] as { receipts: number; runs: number; pending_at: Date | null };
  const syncsSettled = async () =>
    eventually(
      async () =>
        (
          await t.sql.query(
            `SELECT count(*)::int AS n FROM sync_run WHERE config_id = $1 AND status IN ('queued', 'running')`,
            [retailer.config],
          )
        ).rows[0].n as number,
      (active) => active === 0,
      20_000,
      'no queued or running sync',
    );

  beforeAll(async () => {
    t = await startTestApp({ SOUK_ORDER_ROUTING_TIMEOUT_MS: '1500', SOUK_ORDER_ROUTING_RETRY_BASE_MS: '100' });
    const connection = await platform.start();
    const id = (
      await t.request('POST', '/v1/admin/retailers', {
        body: {
          name: platform.name,
          slug: `shop-${platform.name.toLowerCase()}`,
          defaultCurrency: 'EUR',
          contactEmail: 'shop@example.com',
        },
      })
    ).body.id;
    const key = (
      await t.request('POST', '/v1/admin/api-keys', { body: { name: 'r', role: 'retailer', retailerId: id } })
    ).body.key;
    const created = await t.request('POST', '/v1/admin/connector-configs', {
      body: { retailerId: id, name: platform.name, ...connection },
    });
    expect(created.status).toBe(201);
    retailer = { id, key, config: created.body.id };
    const run = await syncAndWait(t, retailer.config);
    expect(run).toMatchObject({ status: 'succeeded' });
    expect(run.created).toBeGreaterThan(0);
    hookUrl = `${t.baseUrl}/v1/connector-webhooks/${retailer.config}`;
    await platform.subscribe(hookUrl);
    const settings = await t.request('PUT', '/v1/retailer/order-settings', {
      key,
      body: { method: 'connector', connectorConfigId: retailer.config },
    });
    expect(settings.status).toBe(200);
    const channel = (
      await t.request('POST', '/v1/admin/channels', { body: { name: 'Chat', webhookUrl: await channelHooks.start() } })
    ).body.id;
    channelKey = (
      await t.request('POST', '/v1/admin/api-keys', { body: { name: 'c', role: 'channel', channelId: channel } })
    ).body.key;
  });
  afterAll(async () => {
    await t.close();
    await platform.close();
    await channelHooks.stop();
  });

  it('updates a price in the catalog after the webhook, applies a replayed delivery once (also under a new or missing delivery id), and rejects a bad signature with nothing changed', async () => {
    const item = platform.buyable();
    expect(await offer(item.itemId)).toBeDefined();
    const before = await webhookRuns();
    await item.change('123.45');
    await eventually(
      async () => (await offer(item.itemId))?.price,
      (price) => price === '12345',
      20_000,
      'the price from the webhook',
    );
    const runs = await webhookRuns();
    expect(runs).toBeGreaterThan(before);
    // Every sync the webhook asked for has run, so from here on nothing changes unless a delivery is applied.
    await syncsSettled();
    const applied = await webhookTraces();

    // The same delivery again (same delivery id): answered, applied once.
    expect(await platform.resendLast()).toBe(200);
    expect(await webhookTraces()).toEqual(applied);
    expect(await webhookRuns()).toBe(applied.runs);

    // The same signed body under a new delivery id, and under none: the id is not signed, so
    // the body says it is the same delivery.
    const last = platform.lastDelivery();
    const replays = [
      { ...last.headers, [platform.deliveryIdHeader]: randomUUID() },
      Object.fromEntries(Object.entries(last.headers).filter(([name]) => name !== platform.deliveryIdHeader)),
    ];
    for (const headers of replays) {
      const replayed = await fetch(hookUrl, { method: 'POST', headers, body: last.body });
      expect({ status: replayed.status, body: await replayed.json() }).toEqual({
        status: 200,
        body: { status: 'duplicate' },
      });
    }
    expect(await webhookTraces()).toEqual(applied);

    const unsigned = await platform.badSignature(hookUrl);
    expect([unsigned].flat()[0]).toBe(401);
    expect(await webhookTraces()).toEqual(applied);
    expect((await offer(item.itemId))?.price).toBe('12345');
  });

  it('creates a routed order exactly once although the shop timed out on the first attempt, and its fulfilment arrives as shipped with tracking', async () => {
    const item = platform.buyable();
    const bought = (await offer(item.itemId))!;
    platform.failNextOrder(4000);
    const placed = await checkout(
      t,
      channelKey,
      checkoutBody(`shop-${randomUUID()}`, [
        { offerId: bought.id, quantity: 1, unitPriceMinor: bought.sale ?? bought.price },
      ]),
    );
    expect(placed.status).toBe(201);
    const part = placed.body.retailerOrders[0];
    const order = () =>
      t
        .request('GET', `/v1/channel/orders/${placed.body.id}`, { key: channelKey })
        .then((answer) => answer.body.retailerOrders[0]);
    const submitted = await eventually(order, (view) => view.status === 'submitted', 20_000, 'the order in the shop');
    const attempts = (await t.request('GET', `/v1/admin/retailer-orders/${part.id}/routing-attempts`)).body;
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts[0].outcome).toBe('retry');
    expect(platform.ordersFor(part.id)).toHaveLength(1);

    await platform.fulfil(submitted.externalReference);
    const shipped = await eventually(order, (view) => view.status === 'shipped', 5000, 'the fulfilment');
    expect(shipped.tracking).toMatchObject({ number: '3SPOST123' });
    const events = await eventually(
      async () =>
        channelHooks.received
          .map((received) => JSON.parse(received.body))
          .filter((event) => event.data.retailerOrderId === part.id),
      (list) => list.some((event) => event.type === 'retailer_order.shipped'),
      5000,
      'the shipped event at the channel',
    );
    expect(events.find((event) => event.type === 'retailer_order.shipped').data.tracking).toMatchObject({
      number: '3SPOST123',
    });
  });
});
