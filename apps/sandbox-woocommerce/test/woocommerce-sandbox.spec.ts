import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_DELIVERY_FAILURES, WooCommerceSandbox } from '../src/index.js';

const KEY = { consumerKey: 'ck_sandbox_test', consumerSecret: 'cs_sandbox_test' };
const WEBHOOK_SECRET = 'sandbox-webhook-secret';
const basic = (key = KEY.consumerKey, secret = KEY.consumerSecret) => ({
  authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
});

/** Records what it receives; answers `status`. */
class Receiver {
  readonly received: { headers: IncomingHttpHeaders; body: string }[] = [];
  status = 200;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(this.status).end();
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  stop(): Promise<void> {
    return new Promise((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}

describe('sandbox WooCommerce store', () => {
  let sandbox: WooCommerceSandbox;
  let site: string;
  beforeEach(async () => {
    sandbox = new WooCommerceSandbox({ ...KEY, webhookSecret: WEBHOOK_SECRET, products: 230, seed: 4 });
    site = await sandbox.listen();
  });
  afterEach(() => sandbox.close());

  const api = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    fetch(`${site}/wp-json/wc/v3/${path}`, {
      ...init,
      headers: { ...basic(), ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
    });
  const json = async (response: Response) => JSON.parse(await response.text()) as any;

  describe('authentication', () => {
    it('accepts HTTP Basic and query parameters, refuses a wrong secret, and treats an unknown key as no key', async () => {
      expect((await api('products')).status).toBe(200);
      expect(
        (
          await fetch(
            `${site}/wp-json/wc/v3/products?consumer_key=${KEY.consumerKey}&consumer_secret=${KEY.consumerSecret}`,
          )
        ).status,
      ).toBe(200);
      const wrong = await api('products', { headers: basic(KEY.consumerKey, 'nope') });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('www-authenticate')).toContain('Basic realm=');
      expect(await json(wrong)).toEqual({
        code: 'woocommerce_rest_authentication_error',
        message: 'Consumer secret is invalid.',
        data: { status: 401 },
      });
      for (const headers of [{ authorization: '' }, basic('ck_unknown', 'cs_unknown')]) {
        const anonymous = await api('products', { headers });
        expect(anonymous.status).toBe(401);
        expect(await json(anonymous)).toEqual({
          code: 'woocommerce_rest_cannot_view',
          message: 'Sorry, you cannot list resources.',
          data: { status: 401 },
        });
      }
      expect(
        await json(await api('orders', { method: 'POST', body: '{}', headers: { authorization: '' } })),
      ).toMatchObject({ code: 'woocommerce_rest_cannot_create' });
    });

    it('lets a Read-only key read and refuses it every write', async () => {
      const readOnly = sandbox.readOnlyKey();
      expect((await api('products', { headers: basic(readOnly.consumerKey, readOnly.consumerSecret) })).status).toBe(
        200,
      );
      for (const path of ['orders', 'orders/batch']) {
        const refused = await api(path, {
          method: 'POST',
          body: '{}',
          headers: basic(readOnly.consumerKey, readOnly.consumerSecret),
        });
        expect(refused.status).toBe(401);
        expect(await json(refused)).toEqual({
          code: 'woocommerce_rest_authentication_error',
          message: 'The API key provided does not have write permissions.',
          data: { status: 401 },
        });
      }
      expect(sandbox.ordersCreated()).toBe(0);
    });

    it('answers rest_no_route for unknown routes, HTML outside /wp-json, and an HTML page to everything while serveHtml is on', async () => {
      const missing = await api('coupons');
      expect(missing.status).toBe(404);
      expect(await json(missing)).toEqual({
        code: 'rest_no_route',
        message: 'No route was found matching the URL and request method.',
        data: { status: 404 },
      });
      expect((await api('products', { method: 'DELETE' })).status).toBe(404);
      const page = await fetch(`${site}/shop/wp-json/wc/v3/products`);
      expect(page.status).toBe(404);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect((await fetch(`${site}/wp-json/`)).status).toBe(200);
      sandbox.serveHtml(true);
      const challenge = await api('products');
      expect(challenge.status).toBe(200);
      expect(await challenge.text()).toContain('<!DOCTYPE html>');
    });
  });

  describe('products', () => {
    it('pages with per_page and page, X-WP-Total, X-WP-TotalPages and a Link header', async () => {
      const all = sandbox.products().filter((product) => product.status !== 'trash');
      const first = await api('products?per_page=100&orderby=id&order=asc');
      expect(first.headers.get('x-wp-total')).toBe(String(all.length));
      expect(first.headers.get('x-wp-totalpages')).toBe(String(Math.ceil(all.length / 100)));
      expect(first.headers.get('link')).toBe(
        `<${site}/wp-json/wc/v3/products?per_page=100&orderby=id&order=asc&page=2>; rel="next"`,
      );
      expect((await json(first)).map((product: { id: number }) => product.id)).toEqual(
        all.slice(0, 100).map((product) => product.id),
      );
      const last = await api('products?per_page=100&orderby=id&order=asc&page=3');
      expect(last.headers.get('link')).toBe(
        `<${site}/wp-json/wc/v3/products?per_page=100&orderby=id&order=asc&page=2>; rel="prev"`,
      );
      expect(await json(last)).toHaveLength(all.length - 200);
      expect(await json(await api('products?per_page=100&page=9'))).toEqual([]);
      expect(await json(await api('products'))).toHaveLength(10);
    });

    it('refuses per_page over 100 and unknown enum values as rest_invalid_param', async () => {
      const tooMany = await api('products?per_page=101');
      expect(tooMany.status).toBe(400);
      expect(await json(tooMany)).toMatchObject({
        code: 'rest_invalid_param',
        message: 'Invalid parameter(s): per_page',
        data: { status: 400, params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' } },
      });
      expect((await api('products?orderby=colour')).status).toBe(400);
      expect((await api('products?modified_after=yesterday')).status).toBe(400);
    });

    it('filters by status and by modified_after, in GMT with dates_are_gmt and in the site timezone without', async () => {
      const published = await json(await api('products?status=publish&per_page=100'));
      expect(published.every((product: { status: string }) => product.status === 'publish')).toBe(true);
      const products = sandbox.products();
      const pivot = products[100]!;
      const gmt = await api(`products?per_page=100&modified_after=${pivot.date_modified_gmt}&dates_are_gmt=true`);
      const newer = products.filter(
        (product) => (product.date_modified_gmt as string) > (pivot.date_modified_gmt as string),
      );
      expect(Number(gmt.headers.get('x-wp-total'))).toBe(newer.length);
      // The same wall-clock text read as site time (UTC+2) is two hours earlier, so it finds more.
      const local = await api(`products?per_page=100&modified_after=${pivot.date_modified_gmt}`);
      expect(Number(local.headers.get('x-wp-total'))).toBeGreaterThanOrEqual(newer.length);
      const asLocal = await api(`products?per_page=100&modified_after=${pivot.date_modified}`);
      expect(asLocal.headers.get('x-wp-total')).toBe(gmt.headers.get('x-wp-total'));
    });

    it('renders products as WooCommerce does, odd money values included, the same for the same seed', async () => {
      const products = sandbox.products();
      expect(products[0]).toMatchObject({
        id: expect.any(Number),
        permalink: expect.stringMatching(new RegExp(`^${site}/product/.+/$`)),
        type: expect.stringMatching(/^(simple|variable|grouped|external)$/),
        date_modified_gmt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
        stock_status: expect.stringMatching(/^(instock|outofstock|onbackorder)$/),
        categories: expect.any(Array),
        variations: expect.any(Array),
      });
      const prices = new Set(
        products.filter((product) => product.type === 'simple').map((product) => product.regular_price),
      );
      expect(prices.has('')).toBe(true);
      expect(prices.has(null)).toBe(true);
      expect([...prices].some((price) => typeof price === 'string' && /^\d+$/.test(price))).toBe(true);
      expect(new Set(products.map((product) => product.stock_status))).toEqual(
        new Set(['instock', 'outofstock', 'onbackorder']),
      );
      expect(new Set(products.map((product) => product.type))).toEqual(
        new Set(['simple', 'variable', 'grouped', 'external']),
      );
      const twin = new WooCommerceSandbox({ ...KEY, webhookSecret: WEBHOOK_SECRET, products: 230, seed: 4 });
      const strip = (list: Record<string, unknown>[]) =>
        list.map(({ id, name, type, regular_price, sale_price, stock_status, variations }) => ({
          id,
          name,
          type,
          regular_price,
          sale_price,
          stock_status,
          variations,
        }));
      expect(strip(twin.products())).toEqual(strip(products));
    });

    it('pages the variations of a variable product, and serves a variation by its own id', async () => {
      const variable = sandbox.products().find((product) => product.type === 'variable')!;
      const response = await api(`products/${variable.id}/variations?per_page=100`);
      const variations = await json(response);
      expect(response.headers.get('x-wp-total')).toBe(String((variable.variations as number[]).length));
      expect(variations[0]).toMatchObject({
        id: expect.any(Number),
        sku: expect.any(String),
        stock_status: expect.any(String),
        attributes: [
          expect.objectContaining({ name: 'Color', option: expect.any(String) }),
          ...(variations[0].attributes.length > 1 ? [expect.objectContaining({ name: 'Size' })] : []),
        ],
      });
      expect(await json(await api(`products/${variations[0].id}`))).toMatchObject({
        id: variations[0].id,
        type: 'variation',
        parent_id: variable.id,
      });
      expect((await api('products/99999999/variations')).status).toBe(404);
    });

    it('serves the category tree and the currency setting', async () => {
      const categories = await json(await api('products/categories?per_page=100'));
      expect(categories).toContainEqual(expect.objectContaining({ name: 'Home &amp; Garden', parent: 0 }));
      expect(categories.some((category: { parent: number }) => category.parent !== 0)).toBe(true);
      expect(await json(await api('settings/general/woocommerce_currency'))).toMatchObject({
        id: 'woocommerce_currency',
        value: 'EUR',
      });
    });
  });

  describe('orders', () => {
    const simple = () =>
      sandbox
        .products()
        .find(
          (product) =>
            product.type === 'simple' &&
            product.status === 'publish' &&
            typeof product.price === 'string' &&
            /^\d/.test(product.price),
        )!;
    const create = (body: Record<string, unknown>) => api('orders', { method: 'POST', body: JSON.stringify(body) });

    it('creates an order: 201, pending by default, totals as strings, meta data with ids', async () => {
      const product = simple();
      const response = await create({
        payment_method: 'bacs',
        set_paid: false,
        billing: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' },
        line_items: [{ product_id: product.id, quantity: 2 }],
        meta_data: [{ key: '_souk_retailer_order_id', value: 'ro-1' }],
      });
      expect(response.status).toBe(201);
      const order = await json(response);
      const cents = Math.round(Number(product.price) * 100) * 2;
      expect(order).toMatchObject({
        status: 'pending',
        number: String(order.id),
        total: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
        date_paid: null,
        created_via: 'rest-api',
      });
      expect(order.line_items[0]).toMatchObject({
        product_id: product.id,
        variation_id: 0,
        quantity: 2,
        total: order.total,
      });
      expect(order.meta_data).toEqual([{ id: expect.any(Number), key: '_souk_retailer_order_id', value: 'ro-1' }]);
      expect(response.headers.get('location')).toBe(`${site}/wp-json/wc/v3/orders/${order.id}`);
      expect(sandbox.ordersCreated()).toBe(1);
    });

    it('refuses an unknown product, or keeps an empty line as WooCommerce core does, and refuses a bad email', async () => {
      const unknown = await create({ line_items: [{ product_id: 99999999, quantity: 1 }] });
      expect(unknown.status).toBe(400);
      expect(await json(unknown)).toMatchObject({ code: 'woocommerce_rest_invalid_product_id' });
      sandbox.setUnknownProductOrders('empty-line');
      const empty = await json(await create({ line_items: [{ product_id: 99999999, quantity: 1 }] }));
      expect(empty.line_items[0]).toMatchObject({ product_id: 0, name: '', total: '0.00' });
      expect((await create({ billing: { email: 'not-an-email' } })).status).toBe(400);
    });

    it('lists orders newest first, after a date, by status and search; gets and updates one', async () => {
      const product = simple();
      const ids: number[] = [];
      for (const name of ['Ada', 'Grace', 'Linus'])
        ids.push(
          (await json(await create({ billing: { first_name: name }, line_items: [{ product_id: product.id }] }))).id,
        );
      const listed = await json(await api('orders?orderby=date&order=desc&per_page=100'));
      expect(listed.map((order: { id: number }) => order.id)).toEqual([...ids].reverse());
      expect(
        await json(
          await api(`orders?after=${new Date(Date.now() + 60_000).toISOString().slice(0, 19)}&dates_are_gmt=true`),
        ),
      ).toEqual([]);
      expect(await json(await api('orders?search=grace'))).toHaveLength(1);
      // Unknown parameters are ignored, as WordPress does: there is no meta filter.
      expect(await json(await api('orders?meta_key=_souk_retailer_order_id&meta_value=nothing'))).toHaveLength(3);
      const updated = await api(`orders/${ids[0]}`, { method: 'PUT', body: JSON.stringify({ status: 'on-hold' }) });
      expect(await json(updated)).toMatchObject({ id: ids[0], status: 'on-hold' });
      expect(await json(await api(`orders/${ids[0]}?_fields=id,status`))).toEqual({ id: ids[0], status: 'on-hold' });
      expect(await json(await api('orders?status=on-hold'))).toHaveLength(1);
    });

    it('injects faults on order creation: 500, a hang before creating, and a hang after creating', async () => {
      const product = simple();
      const body = { line_items: [{ product_id: product.id }] };
      sandbox.failNextOrderCreate('server-error');
      expect((await create(body)).status).toBe(500);
      sandbox.failNextOrderCreate('timeout-before', 50);
      const before = await create(body);
      expect(before.status).toBe(504);
      expect(before.headers.get('content-type')).toContain('text/html');
      expect(sandbox.ordersCreated()).toBe(0);
      sandbox.failNextOrderCreate('timeout-after', 50);
      expect((await create(body)).status).toBe(504);
      expect(sandbox.ordersCreated()).toBe(1);
      expect((await create(body)).status).toBe(201);
    });
  });

  describe('webhooks', () => {
    let receiver: Receiver;
    let url: string;
    beforeEach(async () => {
      receiver = new Receiver();
      url = await receiver.start();
    });
    afterEach(() => receiver.stop());

    it('pings on creation as WooCommerce does: form-encoded webhook_id, no signature', async () => {
      const { id, pingStatus } = await sandbox.registerWebhook('product.updated', url);
      expect(pingStatus).toBe(200);
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]!.body).toBe(`webhook_id=${id}`);
      expect(receiver.received[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(receiver.received[0]!.headers['x-wc-webhook-signature']).toBeUndefined();
    });

    it('delivers changes signed over the exact PHP-encoded body, with the X-WC-Webhook headers, and resends the same delivery', async () => {
      const { id } = await sandbox.registerWebhook('product.updated', url);
      const product = sandbox.products()[0]!;
      await sandbox.updateProduct(product.id as number, { regularPrice: '216' });
      const { headers, body } = receiver.received[1]!;
      expect(headers).toMatchObject({
        'content-type': 'application/json',
        'x-wc-webhook-source': `${site}/`,
        'x-wc-webhook-topic': 'product.updated',
        'x-wc-webhook-resource': 'product',
        'x-wc-webhook-event': 'updated',
        'x-wc-webhook-id': String(id),
        'x-wc-webhook-delivery-id': expect.stringMatching(/^[0-9a-f]{32}$/),
      });
      expect(headers['x-wc-webhook-signature']).toBe(
        createHmac('sha256', WEBHOOK_SECRET).update(body).digest('base64'),
      );
      expect(body).toContain(`"permalink":"${site.replace(/\//g, '\\/')}`);
      expect(JSON.parse(body)).toMatchObject({ id: product.id, regular_price: '216' });
      expect(JSON.parse(body).date_modified_gmt > (product.date_modified_gmt as string)).toBe(true);

      expect(await sandbox.resendLastWebhook()).toBe(200);
      expect(receiver.received[2]).toEqual(receiver.received[1]);
      expect(await sandbox.sendWebhookWithBadSignature(id)).toBe(200);
      expect(receiver.received[3]!.headers['x-wc-webhook-signature']).not.toBe(
        createHmac('sha256', WEBHOOK_SECRET).update(receiver.received[3]!.body).digest('base64'),
      );
    });

    it('sends product.deleted with only the id, and the variation and its parent when a variation changes', async () => {
      await sandbox.registerWebhook('product.deleted', url);
      await sandbox.registerWebhook('product.updated', url);
      const [first, variable] = [
        sandbox.products()[0]!,
        sandbox.products().find((product) => product.type === 'variable')!,
      ];
      await sandbox.deleteProduct(first.id as number);
      expect(JSON.parse(receiver.received.at(-1)!.body)).toEqual({ id: first.id });
      expect(sandbox.products().find((product) => product.id === first.id)!.status).toBe('trash');
      const variationId = (variable.variations as number[])[0]!;
      await sandbox.updateVariation(variable.id as number, variationId, { stockStatus: 'outofstock' });
      const [ofVariation, ofParent] = receiver.received.slice(-2).map((each) => JSON.parse(each.body));
      expect(ofVariation).toMatchObject({
        id: variationId,
        type: 'variation',
        parent_id: variable.id,
        stock_status: 'outofstock',
      });
      expect(ofParent).toMatchObject({ id: variable.id, type: 'variable' });
    });

    it('sends order.updated with the full order on a status change and with Shipment Tracking meta', async () => {
      await sandbox.registerWebhook('order.updated', url);
      const product = sandbox.products().find((each) => each.type === 'simple' && each.status === 'publish')!;
      const order = await json(
        await api('orders', { method: 'POST', body: JSON.stringify({ line_items: [{ product_id: product.id }] }) }),
      );
      await sandbox.addTracking(order.id, { tracking_provider: 'dhl', tracking_number: 'JJD0001' });
      await sandbox.setOrderStatus(order.id, 'completed', 'Shipped with DHL');
      const last = JSON.parse(receiver.received.at(-1)!.body);
      expect(last).toMatchObject({ id: order.id, status: 'completed', date_completed_gmt: expect.any(String) });
      expect(last.meta_data).toContainEqual({
        id: expect.any(Number),
        key: '_wc_shipment_tracking_items',
        value: [
          expect.objectContaining({
            tracking_provider: 'dhl',
            tracking_number: 'JJD0001',
            date_shipped: expect.stringMatching(/^\d+$/),
          }),
        ],
      });
    });

    it('disables a webhook after more than five consecutive failures, as WC_Webhook::failed_delivery does', async () => {
      receiver.status = 500;
      const { id, pingStatus } = await sandbox.registerWebhook('product.updated', url);
      expect(pingStatus).toBe(500);
      const product = sandbox.products()[0]!.id as number;
      for (let n = 1; n <= MAX_DELIVERY_FAILURES + 1; n++) {
        await sandbox.updateProduct(product, { name: `Attempt ${n}` });
        expect(sandbox.webhook(id)).toMatchObject({ status: 'active', failureCount: n });
      }
      await sandbox.updateProduct(product, { name: 'Disabling' });
      expect(sandbox.webhook(id)).toMatchObject({ status: 'disabled' });
      const delivered = receiver.received.length;
      await sandbox.updateProduct(product, { name: 'Not sent' });
      expect(receiver.received).toHaveLength(delivered);
    });

    it('resets the failure count after a success', async () => {
      receiver.status = 503;
      const { id } = await sandbox.registerWebhook('product.updated', url);
      const product = sandbox.products()[0]!.id as number;
      await sandbox.updateProduct(product, { name: 'one' });
      await sandbox.updateProduct(product, { name: 'two' });
      receiver.status = 200;
      await sandbox.updateProduct(product, { name: 'three' });
      expect(sandbox.webhook(id)).toMatchObject({ status: 'active', failureCount: 0 });
    });
  });
});
