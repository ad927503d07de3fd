import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ShopifySandbox } from '../src/shopify-sandbox.js';
import { shopifyHmac } from '../src/webhook-sender.js';

const accessToken = 'shpat_sandbox_test_token';
const webhookSecret = 'sandbox-client-secret';
const api = '/admin/api/2024-10';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A webhook receiver that answers with the statuses it is given, then 200. */
async function receiver(statuses: number[] = []): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received, server };
}

describe('sandbox Shopify store', () => {
  let sandbox: ShopifySandbox;
  let base: string;

  async function get(path: string, token = accessToken) {
    const response = await fetch(`${base}${path}`, { headers: { 'x-shopify-access-token': token } });
    return { response, body: (await response.json()) as any };
  }

  async function post(path: string, body: unknown) {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'x-shopify-access-token': accessToken, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { response, body: (await response.json()) as any };
  }

  beforeEach(async () => {
    sandbox = new ShopifySandbox({
      accessToken,
      webhookSecret,
      products: 120,
      leakPerSecond: 200,
      bucketSize: 400,
      webhookRetryDelayMs: 10,
    });
    base = await sandbox.listen();
  });
  afterEach(() => sandbox.close());

  describe('auth and scopes', () => {
    it("refuses a wrong or missing token with 401 and Shopify's message", async () => {
      const { response, body } = await get(`${api}/shop.json`, 'shpat_wrong');
      expect(response.status).toBe(401);
      expect(body).toEqual({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
      expect((await fetch(`${base}${api}/products.json`)).status).toBe(401);
    });

    it('answers shop.json and the granted access scopes', async () => {
      const { response, body } = await get(`${api}/shop.json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-shopify-api-version')).toBe('2024-10');
      expect(body.shop).toMatchObject({ myshopify_domain: 'souk-sandbox.myshopify.com', currency: 'EUR' });
      expect(
        (await get('/admin/oauth/access_scopes.json')).body.access_scopes.map(
          (scope: { handle: string }) => scope.handle,
        ),
      ).toContain('write_orders');
    });

    it('answers 403 naming the scope a restricted token lacks', async () => {
      sandbox.restrictScopes(['read_products']);
      expect((await get(`${api}/products/count.json`)).response.status).toBe(200);
      const created = await post(`${api}/orders.json`, { order: { line_items: [] } });
      expect(created.response.status).toBe(403);
      expect(created.body).toEqual({ errors: '[API] This action requires merchant approval for write_orders scope.' });
      expect((await get(`${api}/orders.json`)).body).toEqual({
        errors: '[API] This action requires merchant approval for read_orders scope.',
      });
      expect((await get('/admin/oauth/access_scopes.json')).body).toEqual({
        access_scopes: [{ handle: 'read_products' }],
      });
    });

    it('answers 404 for an unknown resource or version, and HTML outside /admin', async () => {
      expect((await get(`${api}/nothing.json`)).response.status).toBe(404);
      expect((await get('/admin/api/latest-ish/products.json')).response.status).toBe(404);
      const storefront = await fetch(`${base}/products/anything`);
      expect(storefront.status).toBe(404);
      expect(storefront.headers.get('content-type')).toContain('text/html');
    });
  });

  describe('products and pagination', () => {
    it("generates the same catalog for the same seed, with Shopify's odd values", () => {
      const again = new ShopifySandbox({ accessToken, webhookSecret, products: 120 });
      expect(again.products()).toEqual(sandbox.products());
      const products = sandbox.products();
      const variants = products.flatMap((product) => product.variants);
      expect(new Set(products.map((product) => product.status))).toEqual(new Set(['active', 'draft', 'archived']));
      expect(variants.every((variant) => /^\d+\.\d{2}$/.test(variant.price))).toBe(true);
      expect(variants.some((variant) => variant.compare_at_price === null)).toBe(true);
      expect(variants.some((variant) => variant.compare_at_price === '0.00')).toBe(true);
      expect(variants.some((variant) => variant.barcode === '')).toBe(true);
      expect(variants.some((variant) => variant.barcode === null)).toBe(true);
      expect(variants.some((variant) => variant.title === 'Default Title')).toBe(true);
      expect(variants.some((variant) => variant.inventory_policy === 'continue')).toBe(true);
      expect(variants.some((variant) => variant.inventory_quantity < 0)).toBe(true);
      expect(products.some((product) => product.product_type === '')).toBe(true);
      expect(products.some((product) => product.images.length === 0)).toBe(true);
      expect(products[0]!.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-04:00$/);
    });

    it('pages through every product with the Link header, and gives no Link when one page holds all', async () => {
      const seen: number[] = [];
      let path: string | null = `${api}/products.json?limit=25`;
      let pages = 0;
      while (path) {
        const { response, body } = await get(path);
        expect(response.status).toBe(200);
        seen.push(...body.products.map((product: { id: number }) => product.id));
        pages += 1;
        const next = /<([^>]+)>; rel="next"/.exec(response.headers.get('link') ?? '');
        if (pages > 1) expect(response.headers.get('link')).toContain('rel="previous"');
        path = next ? next[1]!.slice(base.length) : null;
      }
      expect(pages).toBe(5);
      expect(seen).toEqual(sandbox.products().map((product) => product.id));
      const all = await get(`${api}/products.json?limit=250`);
      expect(all.response.headers.get('link')).toBeNull();
      expect(all.body.products).toHaveLength(120);
    });

    it("keeps the first request's filters in page_info, and refuses filters next to it with 400", async () => {
      const first = await get(`${api}/products.json?limit=10&status=active&fields=id,status`);
      expect(Object.keys(first.body.products[0])).toEqual(['id', 'status']);
      const next = /<([^>]+)>; rel="next"/.exec(first.response.headers.get('link')!)![1]!;
      expect(new URL(next).searchParams.get('fields')).toBe('id,status');
      const second = await get(next.slice(base.length));
      expect(second.body.products.every((product: { status: string }) => product.status === 'active')).toBe(true);
      const refused = await get(`${next.slice(base.length)}&status=active`);
      expect(refused.response.status).toBe(400);
      expect(refused.body.errors.status).toContain('cannot be passed when page_info is present');
      expect((await get(`${api}/products.json?page_info=garbage`)).response.status).toBe(400);
    });

    it('refuses limit above 250 with 400 and defaults it to 50', async () => {
      expect((await get(`${api}/products.json?limit=251`)).response.status).toBe(400);
      expect((await get(`${api}/products.json`)).body.products).toHaveLength(50);
    });

    it('filters by updated_at_min (with offsets), since_id and status, and counts', async () => {
      const changed = sandbox.updateVariantPrice(sandbox.products()[5]!.variants[0]!.id, '12.34');
      const since = new Date(Date.now() - 60_000).toISOString();
      const { body } = await get(`${api}/products.json?updated_at_min=${encodeURIComponent(since)}`);
      expect(body.products.map((product: { id: number }) => product.id)).toEqual([changed.id]);
      expect(body.products[0].variants[0].price).toBe('12.34');
      const active = sandbox.products().filter((product) => product.status === 'active').length;
      expect((await get(`${api}/products/count.json?status=active`)).body).toEqual({ count: active });
      const sinceId = sandbox.products()[100]!.id;
      expect((await get(`${api}/products.json?since_id=${sinceId}&limit=250`)).body.products).toHaveLength(19);
      expect((await get(`${api}/products/${changed.id}.json?fields=id,title`)).body).toEqual({
        product: { id: changed.id, title: changed.title },
      });
    });
  });

  describe('call limit', () => {
    it('reports the bucket on every answer, answers 429 with a fractional Retry-After when it overflows, and records it', async () => {
      const small = new ShopifySandbox({ accessToken, webhookSecret, products: 3, bucketSize: 4, leakPerSecond: 2 });
      const url = await small.listen();
      try {
        const answers = [];
        for (let n = 0; n < 5; n++)
          answers.push(await fetch(`${url}${api}/shop.json`, { headers: { 'x-shopify-access-token': accessToken } }));
        expect(answers.slice(0, 4).map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
        expect(answers[0]!.headers.get('x-shopify-shop-api-call-limit')).toBe('1/4');
        const refused = answers[4]!;
        expect(refused.status).toBe(429);
        expect(refused.headers.get('retry-after')).toMatch(/^\d+\.\d$/);
        expect(await refused.json()).toEqual({
          errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.',
        });
        expect(small.stats()).toMatchObject({ requests: 5, throttled: 1, requestsOverLimit: 1, overLimit: true });
        expect(small.stats().maxRequestsPerSecond).toBe(5);
      } finally {
        await small.close();
      }
    });

    it('answers a storm of 429s regardless of the bucket, with and without Retry-After, and notices early retries', async () => {
      sandbox.storm(3, ['0.5', null]);
      const statuses = [];
      for (let n = 0; n < 4; n++) {
        const answer = await fetch(`${base}${api}/shop.json`, { headers: { 'x-shopify-access-token': accessToken } });
        statuses.push([answer.status, answer.headers.get('retry-after')]);
      }
      expect(statuses).toEqual([
        [429, '0.5'],
        [429, null],
        [429, '0.5'],
        [200, null],
      ]);
      expect(sandbox.stats()).toMatchObject({
        throttled: 3,
        stormThrottled: 3,
        requestsOverLimit: 0,
        requestsBeforeRetryAfter: 3,
        overLimit: true,
      });
    });
  });

  describe('orders', () => {
    const variantOf = () =>
      sandbox
        .products()
        .flatMap((product) => product.variants)
        .find(
          (variant) =>
            variant.inventory_management === 'shopify' &&
            variant.inventory_policy === 'deny' &&
            variant.inventory_quantity > 5,
        )!;

    it('creates an order with note attributes and tags, lists it, and cancels it', async () => {
      const variant = variantOf();
      const created = await post(`${api}/orders.json`, {
        order: {
          line_items: [{ variant_id: variant.id, quantity: 2 }],
          customer: { first_name: 'Ada', last_name: 'Buyer', email: 'ada@example.com' },
          email: 'ada@example.com',
          shipping_address: {
            first_name: 'Ada',
            last_name: 'Buyer',
            address1: 'Damrak 1',
            city: 'Amsterdam',
            zip: '1012 LG',
            country_code: 'NL',
          },
          note_attributes: [{ name: 'souk_retailer_order_id', value: 'ro-1' }],
          tags: 'souk, souk-ro-1',
          financial_status: 'pending',
          send_receipt: false,
          inventory_behaviour: 'decrement_obeying_policy',
        },
      });
      expect(created.response.status).toBe(201);
      expect(created.body.order).toMatchObject({
        name: '#1001',
        financial_status: 'pending',
        fulfillment_status: null,
        tags: 'souk, souk-ro-1',
        note_attributes: [{ name: 'souk_retailer_order_id', value: 'ro-1' }],
      });
      expect(created.body.order.line_items[0]).toMatchObject({
        variant_id: variant.id,
        quantity: 2,
        price: variant.price,
      });
      expect(
        sandbox
          .products()
          .flatMap((product) => product.variants)
          .find((each) => each.id === variant.id)!.inventory_quantity,
      ).toBe(variant.inventory_quantity - 2);
      const min = new Date(Date.now() - 300_000).toISOString();
      const listed = await get(
        `${api}/orders.json?status=any&created_at_min=${encodeURIComponent(min)}&fields=id,note_attributes`,
      );
      expect(listed.body.orders).toEqual([
        { id: created.body.order.id, note_attributes: [{ name: 'souk_retailer_order_id', value: 'ro-1' }] },
      ]);
      const cancelled = await post(`${api}/orders/${created.body.order.id}/cancel.json`, { reason: 'customer' });
      expect(cancelled.body.order).toMatchObject({ cancel_reason: 'customer', cancelled_at: expect.any(String) });
      expect((await get(`${api}/orders.json`)).body.orders).toEqual([]);
    });

    it('refuses unknown variants and stock it does not have with 422', async () => {
      const unknown = await post(`${api}/orders.json`, { order: { line_items: [{ variant_id: 1, quantity: 1 }] } });
      expect(unknown.response.status).toBe(422);
      expect(unknown.body.errors.line_items[0]).toContain('Unable to find variant with id: 1');
      const variant = variantOf();
      const tooMany = await post(`${api}/orders.json`, {
        order: {
          line_items: [{ variant_id: variant.id, quantity: 100_000 }],
          inventory_behaviour: 'decrement_obeying_policy',
        },
      });
      expect(tooMany.response.status).toBe(422);
      expect(sandbox.ordersCreated()).toEqual([]);
    });

    it('creates the order and then holds the answer on timeout-after', async () => {
      sandbox.failNextOrderCreate('timeout-after', 5000);
      const attempt = fetch(`${base}${api}/orders.json`, {
        method: 'POST',
        headers: { 'x-shopify-access-token': accessToken, 'content-type': 'application/json' },
        body: JSON.stringify({ order: { line_items: [{ variant_id: variantOf().id, quantity: 1 }] } }),
        signal: AbortSignal.timeout(200),
      });
      await expect(attempt).rejects.toThrow();
      expect(sandbox.ordersCreated()).toHaveLength(1);
      sandbox.failNextOrderCreate('server-error');
      expect(
        (await post(`${api}/orders.json`, { order: { line_items: [{ variant_id: variantOf().id, quantity: 1 }] } }))
          .response.status,
      ).toBe(500);
      expect(sandbox.ordersCreated()).toHaveLength(1);
    });
  });

  describe('webhooks', () => {
    it('signs webhooks with the client secret, retries a non-2xx answer with the same id, and resends identically', async () => {
      const hooks = await receiver([500]);
      try {
        sandbox.registerWebhookAddress(hooks.url);
        const product = sandbox.products()[0]!;
        sandbox.updateProduct(product.id, { title: 'Renamed' });
        await sandbox.webhooksSettled();
        expect(hooks.received).toHaveLength(2);
        const [failed, delivered] = hooks.received;
        expect(delivered!.headers['x-shopify-webhook-id']).toBe(failed!.headers['x-shopify-webhook-id']);
        expect(delivered!.headers).toMatchObject({
          'x-shopify-topic': 'products/update',
          'x-shopify-shop-domain': 'souk-sandbox.myshopify.com',
          'x-shopify-api-version': '2024-10',
        });
        expect(delivered!.headers['x-shopify-hmac-sha256']).toBe(shopifyHmac(webhookSecret, delivered!.body));
        expect(JSON.parse(delivered!.body)).toMatchObject({ id: product.id, title: 'Renamed' });

        expect(await sandbox.resendLastWebhook()).toBe(200);
        expect(hooks.received[2]).toEqual(delivered);

        await sandbox.sendWebhookWithBadSignature('products/delete', { id: 1 });
        expect(hooks.received[3]!.headers['x-shopify-hmac-sha256']).not.toBe(
          shopifyHmac(webhookSecret, hooks.received[3]!.body),
        );

        sandbox.deleteProduct(product.id);
        await sandbox.webhooksSettled();
        expect(hooks.received[4]).toMatchObject({
          headers: { 'x-shopify-topic': 'products/delete' },
          body: JSON.stringify({ id: product.id }),
        });
      } finally {
        hooks.server.close();
      }
    });

    it("sends orders/fulfilled and orders/updated with the fulfillment's tracking, and orders/cancelled", async () => {
      const hooks = await receiver();
      try {
        const variant = sandbox.products().find((product) => product.variants[0]!.inventory_quantity > 0)!.variants[0]!;
        const { body } = await post(`${api}/orders.json`, {
          order: { line_items: [{ variant_id: variant.id, quantity: 1 }] },
        });
        sandbox.registerWebhookAddress(hooks.url, ['orders/fulfilled', 'orders/updated', 'orders/cancelled']);
        sandbox.fulfillOrder(body.order.id, {
          tracking_company: 'PostNL',
          tracking_number: '3SABCD123',
          tracking_url: 'https://postnl.example/3SABCD123',
        });
        sandbox.cancelOrder(body.order.id, 'inventory');
        expect(() => sandbox.cancelOrder(body.order.id)).toThrow();
        await sandbox.webhooksSettled();
        expect(hooks.received.map((hook) => hook.headers['x-shopify-topic'])).toEqual([
          'orders/fulfilled',
          'orders/updated',
          'orders/cancelled',
          'orders/updated',
        ]);
        expect(JSON.parse(hooks.received[0]!.body)).toMatchObject({
          fulfillment_status: 'fulfilled',
          fulfillments: [
            {
              tracking_company: 'PostNL',
              tracking_number: '3SABCD123',
              tracking_numbers: ['3SABCD123'],
              tracking_url: 'https://postnl.example/3SABCD123',
              tracking_urls: ['https://postnl.example/3SABCD123'],
            },
          ],
        });
        expect(JSON.parse(hooks.received[2]!.body)).toMatchObject({
          cancel_reason: 'inventory',
          cancelled_at: expect.any(String),
        });
      } finally {
        hooks.server.close();
      }
    });
  });
});
