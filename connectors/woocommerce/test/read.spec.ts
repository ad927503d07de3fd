import { ConnectorError } from '#connector-sdk';
import { WooCommerceSandbox } from '#sandbox-woocommerce';
import { woocommerceConnector as connector, type WooCheckpoint } from '../src/index.js';
import type { WooRawItem } from '../src/wc-item.js';
import { KEY, WEBHOOK_SECRET, expectedItemIds, readAll, wooContext } from './support/woo-context.js';

const read = (
  sandbox: WooCommerceSandbox,
  mode: 'full' | 'incremental' = 'full',
  checkpoint: WooCheckpoint = null,
  settings: Record<string, unknown> = {},
) => readAll(connector.read(wooContext({ siteUrl: sandbox.siteUrl, ...settings }), { mode, checkpoint }));

describe('woocommerce read: a store of 5,000 products', () => {
  const sandbox = new WooCommerceSandbox({
    ...KEY,
    webhookSecret: WEBHOOK_SECRET,
    products: 5000,
    variableShare: 0.3,
    seed: 42,
  });
  beforeAll(() => sandbox.listen());
  afterAll(() => sandbox.close());

  it('reads every published simple product and variation, 100 products a page and one variations request per variable product', async () => {
    const context = wooContext({ siteUrl: sandbox.siteUrl }, { http: { requestsPerSecond: 2000, burst: 50 } });
    const { pages, items, error } = await readAll(connector.read(context, { mode: 'full', checkpoint: null }));

    expect(error).toBeUndefined();
    expect(items.map((item) => item.ref.id)).toEqual(expectedItemIds(sandbox));
    expect(items.length).toBeGreaterThan(5000);
    const variable = sandbox
      .products()
      .filter(
        (product) =>
          product.type === 'variable' && product.status === 'publish' && product.catalog_visibility !== 'hidden',
      );
    expect(sandbox.requestCount('GET /products')).toBe(pages.length);
    expect(pages.length).toBe(
      Math.ceil(sandbox.products().filter((product) => product.status === 'publish').length / 100),
    );
    expect(sandbox.requestCount('GET /products/{id}/variations')).toBe(variable.length);
    // Every item maps without throwing; most become offers.
    const results = items.map((item) => connector.map(item, context));
    expect(results.filter((result) => result.offer !== null).length).toBeGreaterThan(items.length * 0.8);
  }, 60_000);
});

describe('woocommerce read', () => {
  let sandbox: WooCommerceSandbox;
  beforeEach(async () => {
    sandbox = new WooCommerceSandbox({ ...KEY, webhookSecret: WEBHOOK_SECRET, products: 250, seed: 3 });
    await sandbox.listen();
  });
  afterEach(() => sandbox.close());

  it('pages until X-WP-TotalPages: every page but the last carries the previous checkpoint, the last the new one', async () => {
    const previous = { modifiedAfterGmt: '2020-01-01T00:00:00' };
    const { pages, error } = await read(sandbox, 'full', previous);
    expect(error).toBeUndefined();
    const published = sandbox.products().filter((product) => product.status === 'publish');
    expect(pages).toHaveLength(Math.ceil(published.length / 100));
    expect(pages.slice(0, -1).every((page) => page.checkpoint === previous)).toBe(true);
    const latest = published
      .map((product) => product.date_modified_gmt as string)
      .sort()
      .at(-1);
    expect(pages.at(-1)!.checkpoint).toEqual({ modifiedAfterGmt: latest });
    // Full reads ask for everything published, 100 at a time, in id order.
    expect(sandbox.requestCount('GET /products')).toBe(pages.length);
  });

  it('reads only what changed since the checkpoint, reaching back one second', async () => {
    const first = await read(sandbox);
    const checkpoint = first.pages.at(-1)!.checkpoint;
    const [simple, variable] = [
      sandbox.products().find((product) => product.type === 'simple' && product.status === 'publish')!,
      sandbox.products().find((product) => product.type === 'variable' && product.status === 'publish')!,
    ];
    const variation = sandbox.productVariations(variable.id as number).find((each) => each.status === 'publish')!;
    await sandbox.updateProduct(simple.id as number, { regularPrice: '42.00' });
    await sandbox.updateVariation(variable.id as number, variation.id as number, { regularPrice: '7.5' });
    sandbox.resetRequestCounts();

    const { items, pages, error } = await read(sandbox, 'incremental', checkpoint);

    expect(error).toBeUndefined();
    const ids = items.map((item) => item.ref.id);
    expect(ids).toContain(String(simple.id));
    expect(ids).toContain(`${variable.id}-${variation.id}`);
    // The changed products, with all the variations of the variable one, and at most the product of the checkpoint's second.
    const variations = sandbox
      .productVariations(variable.id as number)
      .filter((each) => each.status === 'publish').length;
    expect(items.length).toBeLessThanOrEqual(1 + variations + 1);
    expect(sandbox.requestCount('GET /products')).toBe(1);
    expect(pages.at(-1)!.checkpoint!.modifiedAfterGmt > checkpoint!.modifiedAfterGmt).toBe(true);
    const price = (items.find((item) => item.ref.id === String(simple.id))!.data as WooRawItem & { kind: 'product' })
      .product.regular_price;
    expect(price).toBe('42.00');

    // Nothing changed since: the same window, nothing new, the checkpoint kept.
    const again = await read(sandbox, 'incremental', pages.at(-1)!.checkpoint);
    expect(again.items.length).toBeLessThanOrEqual(1 + variations);
    expect(again.pages.at(-1)!.checkpoint).toEqual(pages.at(-1)!.checkpoint);
  });

  it('reads the checkpoint as GMT (dates_are_gmt), whatever the site timezone', async () => {
    // The sandbox site is at UTC+2: a GMT checkpoint read as local time would reach two hours further back.
    const products = sandbox
      .products()
      .filter(
        (product) =>
          product.status === 'publish' && product.type === 'simple' && product.catalog_visibility !== 'hidden',
      );
    const target = products[10]!;
    const modified = Date.parse(`${target.date_modified_gmt as string}Z`);
    const checkpoint = { modifiedAfterGmt: new Date(modified + 3600_000).toISOString().slice(0, 19) };
    const { items } = await read(sandbox, 'incremental', checkpoint);
    const ids = items.map((item) => item.ref.id);
    expect(ids).not.toContain(String(target.id));
    const later = products
      .filter((product) => Date.parse(`${product.date_modified_gmt as string}Z`) > modified + 3600_000 - 1000)
      .map((product) => String(product.id));
    expect(ids.filter((id) => !id?.includes('-'))).toEqual(later);
  });

  it('reads in full, ignoring the checkpoint, when the mode is full', async () => {
    const { items } = await read(sandbox, 'full', { modifiedAfterGmt: '2999-01-01T00:00:00' });
    expect(items.map((item) => item.ref.id)).toEqual(expectedItemIds(sandbox));
  });

  it('yields variations with their parent and category path, and leaves out grouped, external, hidden and draft products', async () => {
    const { items } = await read(sandbox);
    const products = sandbox.products();
    const ids = new Set(items.map((item) => item.ref.id));
    for (const product of products) {
      if (
        ['grouped', 'external'].includes(product.type as string) ||
        product.status !== 'publish' ||
        product.catalog_visibility === 'hidden'
      ) {
        expect(ids.has(String(product.id))).toBe(false);
      }
    }
    const variation = items.find((item) => (item.data as WooRawItem).kind === 'variation')!.data as WooRawItem & {
      kind: 'variation';
    };
    expect(variation.product.type).toBe('variable');
    expect(variation.variation.id).toEqual(expect.any(Number));
    const withPath = items
      .map((item) => item.data as WooRawItem & { kind: 'product' })
      .find((data) => data.categoryPath.length === 2)!;
    expect(['Clothing', 'Electronics', 'Home & Garden']).toContain(withPath.categoryPath[0]);
  });

  it('fails as not-found when there is no WooCommerce at the address, and as credentials with a wrong secret', async () => {
    const missing = await read(sandbox, 'full', null, { siteUrl: `${sandbox.siteUrl}/shop` });
    expect(missing.error).toBeInstanceOf(ConnectorError);
    expect(missing.error).toMatchObject({ reason: 'not-found' });
    const refused = await readAll(
      connector.read(
        wooContext(
          { siteUrl: sandbox.siteUrl },
          { secrets: { consumerKey: KEY.consumerKey, consumerSecret: 'cs_wrong' } },
        ),
        { mode: 'full', checkpoint: null },
      ),
    );
    expect(refused.error).toMatchObject({
      reason: 'credentials',
      message: expect.stringContaining('Consumer secret is invalid'),
    });
  });

  it('sends the key as query parameters with authInQuery, and keeps it out of messages', async () => {
    const { items, error } = await read(sandbox, 'full', null, { authInQuery: true });
    expect(error).toBeUndefined();
    expect(items.length).toBe(expectedItemIds(sandbox).length);
    sandbox.serveHtml(true);
    const broken = await read(sandbox, 'full', null, { authInQuery: true });
    sandbox.serveHtml(false);
    expect(broken.error).toMatchObject({ reason: 'format', message: expect.stringContaining('HTML page') });
    expect((broken.error as Error).message).not.toContain(KEY.consumerSecret);
    expect((broken.error as Error).message).not.toContain(KEY.consumerKey);
  });
});
