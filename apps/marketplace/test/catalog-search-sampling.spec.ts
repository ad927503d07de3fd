import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { FeedServer, feedItems, rssFeed } from '../../../test/support/feed-server.js';
import { sampleBucketsOf, sampleQuery } from '../../../libs/catalog/src/search/search-sampling.js';

/** Words estimated to match more offers than SOUK_SEARCH_EXACT_OFFERS read a uniform sample of the matching products. */
describe('search over very broad words', () => {
  let t: TestApp;
  const feed = new FeedServer();
  let key: string;
  let config: string;
  let channel: string;
  const catalog = [...feedItems(400), { id: 'RARE-1', title: 'Rare Gramophone', price: '120.00 EUR' }];

  const get = async (path: string) => {
    const response = await t.request('GET', path, { key });
    if (response.status !== 200)
      throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  beforeAll(async () => {
    t = await startTestApp({ SOUK_SEARCH_EXACT_OFFERS: '50' });
    const retailer = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name: 'Big shop', slug: 'big-shop', defaultCurrency: 'EUR', contactEmail: 'big@shop.example' },
      })
    ).body.id;
    feed.setBody(rssFeed(catalog));
    const url = await feed.start();
    config = (
      await t.request('POST', '/v1/admin/connector-configs', {
        body: {
          retailerId: retailer,
          connectorId: 'google-merchant-feed',
          name: 'Feed',
          settings: { source: 'url', url },
        },
      })
    ).body.id;
    expect((await syncAndWait(t, config)).status).toBe('succeeded');
    // The plans the searches get rest on the statistics autovacuum keeps; a test does not wait for
    // autovacuum.
    await t.sql.query('ANALYZE offer');
    channel = (await t.request('POST', '/v1/admin/channels', { body: { name: 'Chat' } })).body.id;
    key = (
      await t.request('POST', '/v1/admin/api-keys', { body: { name: 'chat', role: 'channel', channelId: channel } })
    ).body.key;
  });
  afterAll(async () => {
    await t.close();
    await feed.stop();
  });

  it('ranks a sample of the matching products, estimates the total and says it is approximate', async () => {
    const first = await get('/v1/channel/search?q=product&limit=50');
    expect(first.approximate).toBe(true);
    expect(first.total).toBeGreaterThan(200);
    expect(first.total).toBeLessThan(800);
    const seen: string[] = first.items.map((hit: { productId: string }) => hit.productId);
    let page = first;
    while (page.nextCursor) {
      page = await get(`/v1/channel/search?q=product&limit=50&cursor=${page.nextCursor}`);
      expect(page.approximate).toBe(true);
      seen.push(...page.items.map((hit: { productId: string }) => hit.productId));
    }
    expect(new Set(seen).size).toBe(seen.length);
    // The sample holds about as many offers as the exact limit, never the whole match.
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.length).toBeLessThan(200);
  });

  it('scales facet counts from the same sample and marks them approximate', async () => {
    const facets = await get('/v1/channel/search/facets?q=product');
    expect(facets.approximate).toBe(true);
    expect(facets.total).toBeGreaterThan(200);
    expect(facets.total).toBeLessThan(800);
    const brands = facets.brand.reduce((sum: number, value: { count: number }) => sum + value.count, 0);
    expect(Math.abs(brands - facets.total)).toBeLessThan(facets.total * 0.1);
  });

  it('pages through a broad match while offers change without repeating or skipping a product', async () => {
    const path = '/v1/channel/search?q=product&sort=price_asc&limit=10';
    const ids = (page: { items: { productId: string }[] }) => page.items.map((hit) => hit.productId);
    const unchanged: string[] = [];
    for (let page = await get(path); ; page = await get(`${path}&cursor=${page.nextCursor}`)) {
      unchanged.push(...ids(page));
      if (!page.nextCursor) break;
    }
    expect(unchanged.length).toBeGreaterThan(20);

    let page = await get(path);
    expect(page.approximate).toBe(true);
    const seen = ids(page);
    // Between the first page and the rest: a product cheaper than any and one dearer than any appear.
    feed.setBody(
      rssFeed([
        ...catalog,
        { id: 'NEW-CHEAP', title: 'Product Cheapest', price: '0.50 EUR' },
        { id: 'NEW-DEAR', title: 'Product Dearest', price: '999.00 EUR' },
      ]),
    );
    expect((await syncAndWait(t, config)).status).toBe('succeeded');
    while (page.nextCursor) {
      page = await get(`${path}&cursor=${page.nextCursor}`);
      seen.push(...ids(page));
    }
    const [cheap] = ids(await get('/v1/channel/search?q=cheapest'));
    const [dear] = ids(await get('/v1/channel/search?q=dearest'));
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of unchanged) expect(seen).toContain(id);
    // The cheap newcomer sorts before the cursor; the dear one after it, seen if its product falls in the sample.
    expect(seen).not.toContain(cheap);
    expect(seen.filter((id) => !unchanged.includes(id)).every((id) => id === dear)).toBe(true);
    feed.setBody(rssFeed(catalog));
    expect((await syncAndWait(t, config)).status).toBe('succeeded');
  });

  it('leaves out a product of the sample whose matching offer is hidden from the channel', async () => {
    // The sample reads the products' search rows, which know no channel; the product's best offer settles it.
    const [hidden] = (
      await t.sql.query(
        `SELECT o.id, o.product_id FROM offer o JOIN search_product sp ON sp.product_id = o.product_id
          WHERE sp.bucket = 0 AND o.title LIKE 'Product %' LIMIT 1`,
      )
    ).rows;
    const hide = await t.request('PUT', `/v1/admin/channels/${channel}/hidden-offers/${hidden.id}`);
    expect(hide.status).toBeLessThan(300);
    try {
      const seen: string[] = [];
      for (let page = await get('/v1/channel/search?q=product&limit=50'); ;) {
        expect(page.approximate).toBe(true);
        seen.push(...page.items.map((hit: { productId: string }) => hit.productId));
        if (!page.nextCursor) break;
        page = await get(`/v1/channel/search?q=product&limit=50&cursor=${page.nextCursor}`);
      }
      expect(seen.length).toBeGreaterThan(10);
      expect(seen).not.toContain(hidden.product_id);
    } finally {
      await t.request('DELETE', `/v1/admin/channels/${channel}/hidden-offers/${hidden.id}`);
    }
  });

  it('takes the same sample whether the buckets are matched in the index or on each row', async () => {
    const products = async (condition: string) =>
      (
        await t.sql.query(
          `SELECT DISTINCT o.product_id FROM offer o WHERE o.removed_at IS NULL AND ${condition} ORDER BY 1`,
          ['product'],
        )
      ).rows.map((row: { product_id: string }) => row.product_id);
    const words = `to_tsquery('souk_simple', $1)`;
    for (const buckets of [1, 3, 8, 20]) {
      const inIndex = await products(`o.search_document @@ (${words} && ${sampleQuery(buckets)})`);
      expect(inIndex.length).toBeGreaterThan(0);
      expect(await products(`o.search_document @@ ${words} AND ${sampleBucketsOf('o.product_id', buckets)}`)).toEqual(
        inIndex,
      );
    }
  });

  it('reads every match, exactly, for words that match few offers', async () => {
    const rare = await get('/v1/channel/search?q=gramophone');
    expect(rare).toMatchObject({ approximate: false, total: 1 });
    expect((await get('/v1/channel/search/facets?q=gramophone')).approximate).toBe(false);
    const browse = await get('/v1/channel/search?limit=50');
    expect(browse).toMatchObject({ approximate: false, total: 401 });
  });
});
