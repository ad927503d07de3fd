import { randomUUID } from 'node:crypto';
import { ConnectorError, HttpRequestError, OrderRejectedError, type OutboundOrder } from '#connector-sdk';
import type { ShopifySandbox, ShopifyVariant } from '#sandbox-shopify';
import { createShopifyConnector, shopifyConnector } from '../src/index.js';
import { ACCESS_TOKEN, shopifyContext, startShop } from './support/shopify-context.js';

// Attempts give up after 400 ms here (30 s by default), so a held answer fails the attempt quickly.
const connector = createShopifyConnector({ orderTimeoutMs: 400 });
const orders = connector.orders!;

function outboundOrder(variants: readonly ShopifyVariant[], overrides: Partial<OutboundOrder> = {}): OutboundOrder {
  return {
    retailerOrderId: randomUUID(),
    orderId: randomUUID(),
    placedAt: new Date().toISOString(),
    currency: 'EUR',
    totalMinor: '4997',
    customer: { name: 'Ada Lovelace King', email: 'ada@example.com', phone: '+31612345678' },
    shippingAddress: {
      name: 'Ada King',
      line1: 'Damrak 1',
      line2: '3rd floor',
      postalCode: '1012 LG',
      city: 'Amsterdam',
      region: 'Noord-Holland',
      country: 'NL',
    },
    lines: variants.map((variant, index) => ({
      lineId: randomUUID(),
      retailerItemId: String(variant.id),
      title: `Item ${index + 1}`,
      quantity: index + 1,
      unitPriceMinor: '1999',
      lineTotalMinor: String(1999 * (index + 1)),
    })),
    ...overrides,
  };
}

describe('shopify orders.place', () => {
  let sandbox: ShopifySandbox;
  let url: string;
  let stocked: ShopifyVariant[];
  beforeEach(async () => {
    // A roomy call limit: one test also creates 260 orders straight through the API.
    ({ sandbox, url } = await startShop({ products: 30, bucketSize: 400, leakPerSecond: 200 }));
    stocked = sandbox
      .products()
      .filter((product) => product.status === 'active')
      .flatMap((product) => product.variants)
      .filter(
        (variant) =>
          variant.inventory_management === 'shopify' &&
          variant.inventory_policy === 'deny' &&
          variant.inventory_quantity >= 5,
      );
  });
  afterEach(() => sandbox.close());

  const context = (options: Parameters<typeof shopifyContext>[1] = {}) =>
    shopifyContext({ shopUrl: url, requestsPerSecond: 20 }, options);

  it('places the order of a buyer who gave only a phone, with the phone and no email', async () => {
    const order = outboundOrder(stocked.slice(0, 1), {
      customer: { name: 'Ada King', email: null, phone: '+31612345678' },
    });
    await orders.place(context(), order);
    const [created] = sandbox.ordersCreated();
    expect(created).toMatchObject({
      email: null,
      phone: '+31612345678',
      shipping_address: expect.objectContaining({ phone: '+31612345678' }),
    });
  });

  it("creates a pending order without receipt, carrying Souk's id as a note attribute and a tag, and returns its id", async () => {
    const order = outboundOrder(stocked.slice(0, 2));

    const placed = await orders.place(context(), order);

    const [created] = sandbox.ordersCreated();
    expect(placed).toEqual({ reference: String(created!.id) });
    expect(created).toMatchObject({
      financial_status: 'pending',
      email: 'ada@example.com',
      phone: '+31612345678',
      tags: `souk, souk-${order.retailerOrderId}`,
      note_attributes: [
        { name: 'souk_retailer_order_id', value: order.retailerOrderId },
        { name: 'souk_order_id', value: order.orderId },
      ],
      customer: { first_name: 'Ada Lovelace', last_name: 'King', email: 'ada@example.com' },
      shipping_address: {
        first_name: 'Ada',
        last_name: 'King',
        address1: 'Damrak 1',
        address2: '3rd floor',
        city: 'Amsterdam',
        province: 'Noord-Holland',
        zip: '1012 LG',
        country_code: 'NL',
        phone: '+31612345678',
      },
    });
    expect(created!.line_items.map((line) => [line.variant_id, line.quantity, line.price])).toEqual([
      [stocked[0]!.id, 1, '19.99'],
      [stocked[1]!.id, 2, '19.99'],
    ]);
    expect(sandbox.orderCreateRequests()[0]).toMatchObject({
      order: { send_receipt: false, send_fulfillment_receipt: false, inventory_behaviour: 'decrement_obeying_policy' },
    });
  });

  it('creates the order once when the first attempt times out after Shopify created it: the retry finds it', async () => {
    // The shop holds its answer longer than the test may run: the attempt settles only by the connector's own order timeout.
    sandbox.failNextOrderCreate('timeout-after', 120_000);
    const order = outboundOrder(stocked.slice(0, 1));

    // The HTTP client's own timeout (100 ms here) does not apply to the create: it would retry, and create twice.
    const first = await orders.place(context({ http: { timeoutMs: 100 } }), order).catch((error: unknown) => error);
    expect(first).toBeInstanceOf(ConnectorError);
    expect(first).toMatchObject({
      reason: 'unreachable',
      message: expect.stringContaining('did not answer the order within 0.4 s'),
    });
    expect(sandbox.ordersCreated()).toHaveLength(1);

    // Souk's retry of the same retailer order.
    const second = await orders.place(context(), order);

    expect(sandbox.ordersCreated()).toHaveLength(1);
    expect(second).toEqual({ reference: String(sandbox.ordersCreated()[0]!.id) });
    expect(sandbox.orderCreateRequests()).toHaveLength(1);
  });

  it("is not retried by the HTTP client when Shopify answers 5xx or holds the request; Souk's retry creates it once", async () => {
    sandbox.failNextOrderCreate('server-error');
    const order = outboundOrder(stocked.slice(0, 1));
    const first = await orders.place(context(), order).catch((error: unknown) => error);
    expect(first).toBeInstanceOf(HttpRequestError);
    expect(first).toMatchObject({ status: 500 });
    expect(sandbox.orderCreateRequests()).toHaveLength(1);

    sandbox.failNextOrderCreate('timeout-before', 5000);
    await expect(orders.place(context(), order)).rejects.toBeInstanceOf(ConnectorError);
    expect(sandbox.ordersCreated()).toHaveLength(0);

    const placed = await orders.place(context(), order);
    expect(sandbox.ordersCreated().map((created) => String(created.id))).toEqual([placed.reference]);
    expect(await orders.place(context(), order)).toEqual(placed);
    expect(sandbox.orderCreateRequests()).toHaveLength(3);
  });

  it("finds an earlier attempt's order beyond the first page of 250 orders", async () => {
    // 260 orders from the shop's own checkout first, so that Souk's is on the look-up's second page.
    for (let batch = 0; batch < 13; batch++) {
      await Promise.all(
        Array.from({ length: 20 }, () =>
          fetch(`${url}/admin/api/2024-10/orders.json`, {
            method: 'POST',
            headers: { 'x-shopify-access-token': ACCESS_TOKEN, 'content-type': 'application/json' },
            body: JSON.stringify({ order: { line_items: [{ variant_id: stocked[0]!.id, quantity: 1 }] } }),
          }),
        ),
      );
    }
    const order = outboundOrder(stocked.slice(1, 2));
    sandbox.failNextOrderCreate('timeout-after', 5000);
    await expect(orders.place(context(), order)).rejects.toBeInstanceOf(ConnectorError);

    const placed = await orders.place(context(), order);

    expect(sandbox.ordersCreated()).toHaveLength(261);
    expect(placed).toEqual({ reference: String(sandbox.ordersCreated()[260]!.id) });
  });

  it('rejects for good what Shopify refuses with 422: an unknown variant, stock it may not oversell', async () => {
    const unknown = outboundOrder([{ ...stocked[0]!, id: 123 }]);
    const refused = await orders.place(context(), unknown).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OrderRejectedError);
    expect((refused as Error).message).toBe(
      'Shopify refused the order (HTTP 422): line_items: Unable to find variant with id: 123',
    );
    const tooMany = outboundOrder(stocked.slice(0, 1));
    const line = { ...tooMany.lines[0]!, quantity: 100_000 };
    await expect(orders.place(context(), { ...tooMany, lines: [line] })).rejects.toThrow(
      /^Shopify refused the order \(HTTP 422\): line_items: .* is out of stock/,
    );
    await expect(
      orders.place(context(), outboundOrder([{ ...stocked[0]!, id: 'SKU-1' as unknown as number }])),
    ).rejects.toThrow(OrderRejectedError);
    expect(sandbox.ordersCreated()).toEqual([]);
  });

  it('fails as credentials or permission, naming the missing scope, when the token may not do it', async () => {
    const order = outboundOrder(stocked.slice(0, 1));
    await expect(
      shopifyConnector.orders!.place(context({ secrets: { accessToken: 'shpat_revoked' } }), order),
    ).rejects.toMatchObject({ name: 'ConnectorError', reason: 'credentials' });
    sandbox.restrictScopes(['read_products', 'read_orders']);
    await expect(orders.place(context(), order)).rejects.toMatchObject({
      reason: 'permission',
      message: expect.stringContaining('lacks the write_orders scope'),
    });
    sandbox.restrictScopes(['read_products']);
    await expect(orders.place(context(), order)).rejects.toMatchObject({
      reason: 'permission',
      message: expect.stringContaining('lacks the read_orders scope'),
    });
    expect(sandbox.ordersCreated()).toEqual([]);
  });
});
