import { ConnectorError } from '#connector-sdk';
import type { ShopifySandbox } from '#sandbox-shopify';
import { shopifyConnector as connector } from '../src/index.js';
import type { ShopifyCheckpoint } from '../src/settings.js';
import type { VariantItem } from '../src/shopify-types.js';
import { activeVariantCount, itemsOf, readAll, shopifyContext, startShop } from './support/shopify-context.js';

const productIds = (items: { data: unknown }[]) => [
  ...new Set(items.map((item) => (item.data as VariantItem).product.id)),
];

describe('shopify read', () => {
  let sandbox: ShopifySandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('reads a 5,000-product shop in full: one item per variant of every active product, 250 products a page, within the call limit', async () => {
    // The shop leaks 10 calls a second (a Plus-like plan rather than the standard 2) and the connector
    // asks for 10, so the 17 calls take under 2 s instead of 9; the limit is honoured the same way.
    const shop = await startShop({ products: 5000, variantsPerProduct: 3, leakPerSecond: 10 });
    sandbox = shop.sandbox;
    const context = shopifyContext({ shopUrl: shop.url, requestsPerSecond: 10 });

    const { pages, error } = await readAll(connector.read(context, { mode: 'full', checkpoint: null }));

    expect(error).toBeUndefined();
    const items = itemsOf(pages);
    const active = sandbox.products().filter((product) => product.status === 'active');
    expect(items).toHaveLength(activeVariantCount(sandbox));
    expect(items.length).toBeGreaterThan(10_000);
    expect(new Set(items.map((item) => item.ref.id)).size).toBe(items.length);
    expect(productIds(items)).toEqual(active.map((product) => product.id));
    expect(pages).toHaveLength(Math.ceil(active.length / 250));
    // Pages come in id order, not by time: only the last one may move the checkpoint.
    expect(pages.slice(0, -1).every((page) => page.checkpoint === null)).toBe(true);
    const newest = Math.max(...active.map((product) => Date.parse(product.updated_at)));
    expect(pages.at(-1)!.checkpoint).toEqual({ updatedAtMin: new Date(newest).toISOString() });

    const results = items.map((item) => connector.map(item, context));
    expect(results.filter((result) => result.offer !== null)).toHaveLength(items.length);
    const stats = sandbox.stats();
    expect(stats).toMatchObject({ requests: pages.length, throttled: 0, overLimit: false });
    // One more than the rate: arrival times jitter on a busy machine.
    expect(stats.maxRequestsPerSecond).toBeLessThanOrEqual(11);
  }, 30_000);

  it('reads incrementally only the products changed since the checkpoint, including one made draft, and moves the checkpoint', async () => {
    const shop = await startShop({ products: 60, leakPerSecond: 20 });
    sandbox = shop.sandbox;
    const url = shop.url;
    const context = shopifyContext({ shopUrl: url, requestsPerSecond: 20 });
    const full = await readAll(connector.read(context, { mode: 'full', checkpoint: null }));
    const checkpoint = full.pages.at(-1)!.checkpoint as NonNullable<ShopifyCheckpoint>;
    const [repriced, renamed, unpublished] = sandbox.products().filter((product) => product.status === 'active');
    sandbox.updateVariant(repriced!.variants[0]!.id, { price: '11.11', compare_at_price: null });
    sandbox.updateProduct(renamed!.id, { title: 'Renamed product' });
    sandbox.updateProduct(unpublished!.id, { status: 'draft' });
    const created = sandbox.createProduct({
      title: 'Brand new',
      handle: 'brand-new',
      variants: [{ price: '5.00', inventory_quantity: 3 }],
    });

    const incremental = await readAll(connector.read(context, { mode: 'incremental', checkpoint }));

    expect(incremental.error).toBeUndefined();
    const items = itemsOf(incremental.pages);
    const changed = [repriced!.id, renamed!.id, unpublished!.id, created.id];
    expect(productIds(items)).toEqual(expect.arrayContaining(changed));
    // Anything else read is the overlap: changed within the second before the checkpoint.
    const others = items.filter((item) => !changed.includes((item.data as VariantItem).product.id));
    expect(
      others.every(
        (item) =>
          Date.parse((item.data as VariantItem).product.updated_at!) >= Date.parse(checkpoint.updatedAtMin) - 1000,
      ),
    ).toBe(true);
    expect(others.length).toBeLessThanOrEqual(3);
    const results = new Map(items.map((item) => [item.ref.id, connector.map(item, context)]));
    expect(results.get(String(repriced!.variants[0]!.id))!.offer).toMatchObject({
      price: { amountMinor: 1111, currency: 'EUR' },
    });
    expect(results.get(String(unpublished!.variants[0]!.id))).toEqual({
      offer: null,
      issues: [{ severity: 'error', field: 'status', message: expect.stringContaining('draft') }],
    });
    const next = incremental.pages.at(-1)!.checkpoint!;
    expect(Date.parse(next.updatedAtMin)).toBeGreaterThan(Date.parse(checkpoint.updatedAtMin));
    // As after the full read: the newest change read (the next read asks from a second before it).
    const newestRead = Math.max(...items.map((item) => Date.parse((item.data as VariantItem).product.updated_at!)));
    expect(next).toEqual({ updatedAtMin: new Date(newestRead).toISOString() });

    // Nothing changed since: only the last second's products are read again, and the checkpoint stays.
    const again = await readAll(connector.read(context, { mode: 'incremental', checkpoint: next }));
    expect(productIds(itemsOf(again.pages)).every((id) => changed.includes(id))).toBe(true);
    expect(again.pages.at(-1)!.checkpoint).toEqual(next);
  });

  it('reads a full read without drafts and archived products even after one was unpublished', async () => {
    const shop = await startShop({ products: 40, leakPerSecond: 20 });
    sandbox = shop.sandbox;
    const url = shop.url;
    const active = sandbox.products().filter((product) => product.status === 'active');
    sandbox.updateProduct(active[0]!.id, { status: 'archived' });
    const { pages } = await readAll(
      connector.read(shopifyContext({ shopUrl: url, requestsPerSecond: 20 }), {
        mode: 'full',
        checkpoint: { updatedAtMin: '2030-01-01T00:00:00.000Z' },
      }),
    );
    const ids = productIds(itemsOf(pages));
    expect(ids).not.toContain(active[0]!.id);
    expect(ids).toEqual(active.slice(1).map((product) => product.id));
  });

  it('survives a storm of 429s, with and without Retry-After, coming back no sooner than asked and no faster than the rate', async () => {
    const shop = await startShop({ products: 400 });
    sandbox = shop.sandbox;
    const url = shop.url;
    // More 429s in a row than the HTTP client retries (5): the connector adds rounds, a second apart.
    sandbox.storm(8, ['0.3', null, '0.2', '0.5']);

    const { pages, error } = await readAll(
      connector.read(shopifyContext({ shopUrl: url }), { mode: 'full', checkpoint: null }),
    );

    expect(error).toBeUndefined();
    expect(itemsOf(pages)).toHaveLength(activeVariantCount(sandbox));
    const stats = sandbox.stats();
    expect(stats).toMatchObject({
      stormThrottled: 8,
      requestsOverLimit: 0,
      requestsBeforeRetryAfter: 0,
      overLimit: false,
    });
    // requestsPerSecond is 2, Shopify's standard rate; one more for arrival jitter.
    expect(stats.maxRequestsPerSecond).toBeLessThanOrEqual(3);
  }, 30_000);

  it('slows down when the call-limit header shows the bucket nearly full (other clients share it)', async () => {
    const shop = await startShop({ products: 900, bucketSize: 10, leakPerSecond: 2 });
    sandbox = shop.sandbox;
    const url = shop.url;
    for (let n = 0; n < 8; n++)
      await fetch(`${url}/admin/api/2024-10/shop.json`, {
        headers: { 'x-shopify-access-token': 'shpat_connector_test_token' },
      });
    const context = shopifyContext({ shopUrl: url, requestsPerSecond: 5 });

    const { pages, error } = await readAll(connector.read(context, { mode: 'full', checkpoint: null }));

    expect(error).toBeUndefined();
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(sandbox.stats()).toMatchObject({ throttled: 0, overLimit: false });
    expect(context.logs).toContain('Shopify call limit nearly reached; pausing');
  }, 30_000);

  it('fails with a ConnectorError that says what to fix: bad token, missing scope, wrong URL', async () => {
    const shop = await startShop({ products: 5, leakPerSecond: 20 });
    sandbox = shop.sandbox;
    const url = shop.url;
    const read = async (settings: Record<string, unknown>, secrets?: Record<string, unknown>) =>
      (
        await readAll(
          connector.read(shopifyContext({ requestsPerSecond: 20, ...settings }, { secrets }), {
            mode: 'full',
            checkpoint: null,
          }),
        )
      ).error;

    expect(await read({ shopUrl: url }, { accessToken: 'shpat_wrong' })).toMatchObject({ reason: 'credentials' });
    sandbox.restrictScopes(['read_orders']);
    expect(await read({ shopUrl: url })).toMatchObject({
      reason: 'permission',
      message: expect.stringContaining('read_products'),
    });
    const wrong = await read({ shopUrl: `${url}/shop` });
    expect(wrong).toBeInstanceOf(ConnectorError);
    expect(wrong).toMatchObject({
      reason: 'not-found',
      message: expect.stringContaining(`${url}/shop/admin/api/2024-10/products.json`),
    });
  });
});
