import { createMarketplaceFixtures, type MarketplaceFixtures } from '../../../test/support/marketplace-fixtures.js';
import { waitForRun } from '../../../test/support/sync-runs.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('admin API: the list of products', () => {
  let t: TestApp;
  let f: MarketplaceFixtures;
  let secondRetailer = '';

  beforeAll(async () => {
    t = await startTestApp();
    f = await createMarketplaceFixtures(t);
    secondRetailer = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name: 'Tea Shop', slug: 'tea-shop', defaultCurrency: 'EUR', contactEmail: 't@shop.example' },
      })
    ).body.id;
    const key = (
      await t.request('POST', '/v1/admin/api-keys', {
        body: { name: 'tea', role: 'retailer', retailerId: secondRetailer },
      })
    ).body.key;
    const config = (
      await t.request('POST', '/v1/retailer/connector-configs', {
        key,
        body: { connectorId: 'csv-catalog', name: 'Tea CSV', settings: { currency: 'EUR' } },
      })
    ).body.id;
    const csv = [
      'id,title,link,price,availability,brand,gtin',
      'T-1,Cast Iron Teapot,https://tea.example/1,30.00,in stock,Kettle & Co,',
      'T-2,Green Tea Leaves,https://tea.example/2,8.00,in stock,Leaf,',
      // The same GTIN as the fixture shop's mug: one product with two offers.
      'T-3,Fixture Mug,https://tea.example/3,11.00,in stock,Fixture,04006381333931',
    ].join('\n');
    const upload = (
      await t.request('POST', `/v1/retailer/connector-configs/${config}/uploads`, {
        key,
        body: csv,
        headers: { 'content-type': 'text/csv' },
      })
    ).body;
    expect((await waitForRun(t, upload.id, key)).status).toBe('succeeded');
  });
  afterAll(() => t.close());

  it('lists every product with a live offer, newest first, with its offers and retailers counted', async () => {
    const all = await t.request('GET', '/v1/admin/products');
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(3);
    const mug = all.body.items.find((item: any) => item.id === f.product);
    expect(mug).toMatchObject({
      gtin: '04006381333931',
      title: 'Fixture Mug',
      brand: 'Fixture',
      offerCount: 2,
      retailerCount: 2,
    });
    const times = all.body.items.map((item: any) => item.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('finds products by the words of their offers and by the retailer that offers them', async () => {
    const teapot = await t.request('GET', '/v1/admin/products?q=teapot');
    expect(teapot.body.items.map((item: any) => item.title)).toEqual(['Cast Iron Teapot']);
    const byRetailer = await t.request('GET', `/v1/admin/products?retailerId=${f.retailer.id}`);
    expect(byRetailer.body.items.map((item: any) => item.id)).toEqual([f.product]);
    const none = await t.request('GET', `/v1/admin/products?q=teapot&retailerId=${f.retailer.id}`);
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });

  it('pages with cursors through every product once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await t.request('GET', `/v1/admin/products?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items).toHaveLength(1);
      seen.push(page.body.items[0].id);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(3);
    expect(seen).toHaveLength(3);
  });

  it('is for operators only and names a wrong filter', async () => {
    expect((await t.request('GET', '/v1/admin/products', { key: f.retailer.key })).status).toBe(403);
    const badRetailer = await t.request('GET', '/v1/admin/products?retailerId=nope');
    expect(badRetailer.status).toBe(400);
    expect(badRetailer.body.errors[0].field).toBe('retailerId');
  });
});
