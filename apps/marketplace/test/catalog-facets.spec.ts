import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { FeedServer, rssFeed, type FeedItem } from '../../../test/support/feed-server.js';

const HEADPHONES_GTIN = '4006381333931';

/**
 * One product sold at 19.00 by one shop and 25.00 by the other (either side of the 20.00 edge); a cable filed
 * under Electronics itself and a phone under its child Communications; two products with no category.
 */
const CATALOGS: FeedItem[][] = [
  [
    { id: 'A1', title: 'Studio Headphones', price: '19.00 EUR', gtin: HEADPHONES_GTIN },
    { id: 'A2', title: 'Desk Lamp', price: '30.00 EUR' },
    { id: 'A3', title: 'USB Cable', price: '8.00 EUR', productType: 'Electronics' },
  ],
  [
    { id: 'B1', title: 'Studio Headphones', price: '25.00 EUR', gtin: HEADPHONES_GTIN },
    { id: 'B2', title: 'Phone Stand', price: '12.50 EUR' },
    { id: 'B3', title: 'Smartphone', price: '199.00 EUR', productType: 'Electronics > Communications' },
  ],
];

type PriceBucket = { value: string; label: string; count: number };

describe('facets and browsing: every product reachable, price buckets that add up', () => {
  let t: TestApp;
  const feeds = CATALOGS.map(() => new FeedServer());
  let channelKey: string;

  beforeAll(async () => {
    t = await startTestApp();
    for (const [index, items] of CATALOGS.entries()) {
      const retailerId = (
        await t.request('POST', '/v1/admin/retailers', {
          body: {
            name: `Shop ${index}`,
            slug: `shop-${index}`,
            defaultCurrency: 'EUR',
            contactEmail: `s${index}@x.example`,
          },
        })
      ).body.id;
      feeds[index]!.setBody(rssFeed(items));
      const url = await feeds[index]!.start();
      const config = (
        await t.request('POST', '/v1/admin/connector-configs', {
          body: { retailerId, connectorId: 'google-merchant-feed', name: 'Feed', settings: { source: 'url', url } },
        })
      ).body.id;
      expect((await syncAndWait(t, config)).status).toBe('succeeded');
    }
    const channelId = (await t.request('POST', '/v1/admin/channels', { body: { name: 'Chat', locale: 'nl-NL' } })).body
      .id;
    channelKey = (await t.request('POST', '/v1/admin/api-keys', { body: { name: 'chat', role: 'channel', channelId } }))
      .body.key;
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(feeds.map((feed) => feed.stop()));
  });

  const facets = async () =>
    (await t.request('GET', '/v1/channel/search/facets?currency=EUR', { key: channelKey })).body as {
      total: number;
      price: PriceBucket[];
    };
  const get = async (path: string) => {
    const response = await t.request('GET', path, { key: channelKey });
    if (response.status !== 200)
      throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  it('counts a product once, in the bucket of its lowest price, so the buckets add up to the total', async () => {
    const { total, price } = await facets();
    expect(total).toBe(5);
    expect(price.map(({ value, count }) => ({ value, count }))).toEqual([
      { value: '0-999', count: 1 },
      { value: '1000-1999', count: 2 },
      { value: '2000-4999', count: 1 },
      { value: '10000-19999', count: 1 },
    ]);
    expect(price.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(total);
  });

  it('labels a bucket with the first and last price it holds, as its value says', async () => {
    const { price } = await facets();
    expect(price.map((bucket) => bucket.label)).toEqual([
      '€\u00a00,00 – €\u00a09,99',
      '€\u00a010,00 – €\u00a019,99',
      '€\u00a020,00 – €\u00a049,99',
      '€\u00a0100,00 – €\u00a0199,99',
    ]);
  });

  it("counts a level's products filed in the parent itself, which no child holds, and lists them by categoryOnly", async () => {
    const electronics = await get('/v1/channel/categories?parent=222');
    expect(electronics).toMatchObject({ total: 2, own: 1 });
    expect(electronics.categories).toEqual([{ value: '262', label: 'Communications', count: 1 }]);
    const own = await get('/v1/channel/search?category=222&categoryOnly=true');
    expect(own.total).toBe(1);
    expect(own.items.map((hit: { bestOffer: { title: string } }) => hit.bestOffer.title)).toEqual(['USB Cable']);
    // Every product under the parent is reached: through a child, or as one of the parent's own.
    const viaChildren = electronics.categories.reduce((sum: number, child: { count: number }) => sum + child.count, 0);
    expect(viaChildren + electronics.own).toBe(electronics.total);
    expect((await get('/v1/channel/search/facets?category=222')).own).toBe(1);
    expect((await get('/v1/channel/categories')).own).toBe(0);
  });

  it('refuses categoryOnly without a category, naming the field', async () => {
    const response = await t.request('GET', '/v1/channel/search?categoryOnly=true', { key: channelKey });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'categoryOnly', message: 'needs category' }]);
  });
});
