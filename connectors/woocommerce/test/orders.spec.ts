import { randomUUID } from 'node:crypto';
import { ConnectorError, HttpRequestError, OrderRejectedError, type OutboundOrder } from '#connector-sdk';
import { WooCommerceSandbox } from '#sandbox-woocommerce';
import { createWooCommerceConnector, woocommerceConnector } from '../src/index.js';
import { KEY, WEBHOOK_SECRET, wooContext } from './support/woo-context.js';

describe('woocommerce orders.place', () => {
  let sandbox: WooCommerceSandbox;
  let simpleId: string;
  let variationId: string;
  beforeEach(async () => {
    sandbox = new WooCommerceSandbox({ ...KEY, webhookSecret: WEBHOOK_SECRET, products: 40, seed: 11 });
    await sandbox.listen();
    const products = sandbox.products().filter((product) => product.status === 'publish');
    simpleId = String(
      products.find((product) => product.type === 'simple' && product.price !== '' && product.price !== null)!.id,
    );
    const variable = products.find((product) => product.type === 'variable')!;
    variationId = `${variable.id}-${sandbox.productVariations(variable.id as number)[0]!.id}`;
  });
  afterEach(() => sandbox.close());

  function outbound(overrides: Partial<OutboundOrder> = {}): OutboundOrder {
    return {
      retailerOrderId: randomUUID(),
      orderId: randomUUID(),
      placedAt: new Date().toISOString(),
      currency: 'EUR',
      totalMinor: '5980',
      customer: { name: 'Ada van der Berg', email: 'ada@example.com', phone: '+31612345678' },
      shippingAddress: {
        name: 'Ada van der Berg',
        line1: 'Damrak 1',
        line2: '3 hoog',
        postalCode: '1012 LG',
        city: 'Amsterdam',
        region: null,
        country: 'NL',
      },
      lines: [
        {
          lineId: randomUUID(),
          retailerItemId: simpleId,
          title: 'A product',
          quantity: 2,
          unitPriceMinor: '1990',
          lineTotalMinor: '3980',
        },
        {
          lineId: randomUUID(),
          retailerItemId: variationId,
          title: 'A variation',
          quantity: 1,
          unitPriceMinor: '2000',
          lineTotalMinor: '2000',
        },
      ],
      ...overrides,
    };
  }

  const context = (options: Parameters<typeof wooContext>[1] = {}) => wooContext({ siteUrl: sandbox.siteUrl }, options);

  it('creates the order as processing and unpaid, with Souk ids in meta data, and answers its id', async () => {
    const order = outbound();
    const placed = await woocommerceConnector.orders.place(context(), order);

    const created = sandbox.order(Number(placed.reference))!;
    expect(created).toMatchObject({
      status: 'processing',
      date_paid: null,
      currency: 'EUR',
      payment_method: 'souk',
      billing: {
        first_name: 'Ada',
        last_name: 'van der Berg',
        address_1: 'Damrak 1',
        address_2: '3 hoog',
        postcode: '1012 LG',
        city: 'Amsterdam',
        country: 'NL',
        email: 'ada@example.com',
        phone: '+31612345678',
      },
      shipping: { first_name: 'Ada', last_name: 'van der Berg', address_1: 'Damrak 1', country: 'NL' },
      customer_note: `Ordered through Souk, order ${order.orderId}. Total in Souk: 59.80 EUR.`,
    });
    expect(created.meta_data).toEqual([
      { id: expect.any(Number), key: '_souk_retailer_order_id', value: order.retailerOrderId },
      { id: expect.any(Number), key: '_souk_order_id', value: order.orderId },
    ]);
    const [productId, variation] = variationId.split('-').map(Number);
    expect(created.line_items).toEqual([
      expect.objectContaining({ product_id: Number(simpleId), variation_id: 0, quantity: 2 }),
      expect.objectContaining({ product_id: productId, variation_id: variation, quantity: 1 }),
    ]);
    expect(sandbox.requestCounts()).toMatchObject({ 'GET /orders': 1, 'POST /orders': 1 });
  });

  it('places the order of a buyer who gave only a phone, with the phone and no email', async () => {
    const order = outbound({ customer: { name: 'Ada van der Berg', email: null, phone: '+31612345678' } });
    const placed = await woocommerceConnector.orders.place(context(), order);
    const created = sandbox.order(Number(placed.reference))!;
    expect(created.billing).toMatchObject({ email: '', phone: '+31612345678' });
  });

  it('is idempotent by retailer order id: placing again finds the order and creates nothing', async () => {
    const order = outbound();
    const first = await woocommerceConnector.orders.place(context(), order);
    const again = await woocommerceConnector.orders.place(context(), order);
    expect(again).toEqual(first);
    expect(sandbox.ordersCreated()).toBe(1);
    expect(sandbox.requestCount('POST /orders')).toBe(1);
  });

  it('places the order once when the first attempt times out after WooCommerce created it', async () => {
    const connector = createWooCommerceConnector({ orderCreateTimeoutMs: 300 });
    // The shop holds its answer longer than the test may run: placing settles only by the connector's own timeout.
    sandbox.failNextOrderCreate('timeout-after', 120_000);
    const order = outbound();

    const placed = await connector.orders.place(context(), order);

    expect(sandbox.ordersCreated()).toBe(1);
    expect(placed.reference).toBe(String(sandbox.orders()[0]!.id));
    // Souk's next attempt (say the answer was lost after all) finds it too.
    expect(await connector.orders.place(context(), order)).toEqual(placed);
    expect(sandbox.ordersCreated()).toBe(1);
    expect(sandbox.requestCount('POST /orders')).toBe(1);
  });

  it('places the order once when a gateway answers 504 after WooCommerce created it', async () => {
    sandbox.failNextOrderCreate('timeout-after', 50);
    const order = outbound();
    const placed = await woocommerceConnector.orders.place(context(), order);
    expect(sandbox.ordersCreated()).toBe(1);
    expect(await woocommerceConnector.orders.place(context(), order)).toEqual(placed);
    expect(sandbox.ordersCreated()).toBe(1);
  });

  it('throws a transient error when the order was not created (timeout before, 500), and creates it once on the next attempt', async () => {
    const connector = createWooCommerceConnector({ orderCreateTimeoutMs: 300 });
    const order = outbound();
    sandbox.failNextOrderCreate('timeout-before', 10_000);
    const timedOut = await connector.orders.place(context(), order).catch((error: unknown) => error);
    expect(timedOut).toBeInstanceOf(Error);
    expect(timedOut).not.toBeInstanceOf(OrderRejectedError);
    expect(timedOut).not.toBeInstanceOf(ConnectorError);
    expect((timedOut as Error).message).toContain(
      'got no answer within 0.3 s; the order may have been created: the next attempt looks it up',
    );
    sandbox.failNextOrderCreate('server-error');
    const failed = await connector.orders.place(context(), order).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(HttpRequestError);
    expect(failed).toMatchObject({ status: 500 });
    expect(sandbox.ordersCreated()).toBe(0);

    const placed = await connector.orders.place(context(), order);
    expect(sandbox.ordersCreated()).toBe(1);
    expect(placed.reference).toBe(String(sandbox.orders()[0]!.id));
    // No POST was ever sent twice by the HTTP client: one per attempt.
    expect(sandbox.requestCount('POST /orders')).toBe(3);
  });

  it('refuses for good an order for a product WooCommerce does not know', async () => {
    const order = outbound({
      lines: [
        {
          lineId: randomUUID(),
          retailerItemId: '999999',
          title: 'Gone',
          quantity: 1,
          unitPriceMinor: '100',
          lineTotalMinor: '100',
        },
      ],
    });
    const error = await woocommerceConnector.orders.place(context(), order).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OrderRejectedError);
    expect((error as Error).message).toContain('woocommerce_rest_invalid_product_id');
    expect(sandbox.ordersCreated()).toBe(0);
  });

  it('cancels and refuses an order that WooCommerce core created without an unknown product', async () => {
    sandbox.setUnknownProductOrders('empty-line');
    const order = outbound({
      lines: [
        {
          lineId: randomUUID(),
          retailerItemId: '999999',
          title: 'Gone',
          quantity: 1,
          unitPriceMinor: '100',
          lineTotalMinor: '100',
        },
      ],
    });
    const error = await woocommerceConnector.orders.place(context(), order).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OrderRejectedError);
    expect((error as Error).message).toMatch(/it created order #\d+ without it, which was cancelled/);
    expect(sandbox.orders()[0]).toMatchObject({ status: 'cancelled' });
    // A later attempt finds that order and refuses again, without creating another.
    await expect(woocommerceConnector.orders.place(context(), order)).rejects.toBeInstanceOf(OrderRejectedError);
    expect(sandbox.ordersCreated()).toBe(1);
  });

  it('refuses an item id that is not a WooCommerce id before calling the shop', async () => {
    const order = outbound({
      lines: [
        {
          lineId: randomUUID(),
          retailerItemId: 'SKU-1',
          title: 'x',
          quantity: 1,
          unitPriceMinor: '100',
          lineTotalMinor: '100',
        },
      ],
    });
    await expect(woocommerceConnector.orders.place(context(), order)).rejects.toBeInstanceOf(OrderRejectedError);
    expect(sandbox.requestCounts()).toEqual({});
  });

  it('fails as "permission" for a Read-only key and as "credentials" for a wrong one', async () => {
    await expect(
      woocommerceConnector.orders.place(context({ secrets: sandbox.readOnlyKey() }), outbound()),
    ).rejects.toMatchObject({ name: 'ConnectorError', reason: 'permission' });
    await expect(
      woocommerceConnector.orders.place(context({ secrets: { ...KEY, consumerSecret: 'cs_wrong' } }), outbound()),
    ).rejects.toMatchObject({
      name: 'ConnectorError',
      reason: 'credentials',
    });
    expect(sandbox.ordersCreated()).toBe(0);
  });

  it('pages through the orders since placedAt to find an earlier one', async () => {
    const first = outbound();
    const placed = await woocommerceConnector.orders.place(context(), first);
    for (let n = 0; n < 120; n++) await woocommerceConnector.orders.place(context(), outbound());
    sandbox.resetRequestCounts();

    expect(await woocommerceConnector.orders.place(context(), first)).toEqual(placed);
    expect(sandbox.requestCounts()).toEqual({ 'GET /orders': 2 });
  }, 30_000);
});
