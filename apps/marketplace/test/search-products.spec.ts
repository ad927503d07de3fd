import pg from 'pg';
import { SearchProducts } from '../../../libs/catalog/src/search/search-products.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { FeedServer, rssFeed, type FeedItem } from '../../../test/support/feed-server.js';

/** The products' search rows (search_product) follow their live offers, whoever writes them. */
describe('search rows of products', () => {
  let t: TestApp;
  let searchProducts: SearchProducts;
  const feed = new FeedServer();
  let config: string;
  let retailer: string;
  const shoe: FeedItem = {
    id: 'SHOE-1',
    title: 'Trail Running Shoe',
    price: '80.00 EUR',
    brand: 'Veldia',
    gtin: '4006381333931',
    productType: 'Apparel > Shoes',
  };
  const sameShoeCheaper: FeedItem = { ...shoe, id: 'SHOE-2', title: 'Veldia trail shoe, blue', price: '60.00 EUR' };

  const row = async (itemId: string) =>
    (
      await t.sql.query(
        `SELECT sp.*, sp.document::text AS words FROM search_product sp
          WHERE sp.product_id = (SELECT product_id FROM offer WHERE retailer_id = $1 AND retailer_item_id = $2)`,
        [retailer, itemId],
      )
    ).rows[0];

  beforeAll(async () => {
    // Without the scheduler role, whose tick would refresh between a test's write and its own refresh.
    t = await startTestApp({ SOUK_ROLES: 'api,worker' });
    searchProducts = t.app.get(SearchProducts);
    retailer = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name: 'Shoe shop', slug: 'shoe-shop', defaultCurrency: 'EUR', contactEmail: 'shoes@shop.example' },
      })
    ).body.id;
    feed.setBody(rssFeed([shoe, sameShoeCheaper, { id: 'HAT-1', title: 'Wool hat', price: '20.00 EUR' }]));
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
  });
  afterAll(async () => {
    await t.close();
    await feed.stop();
  });

  it('holds, after a sync, the words, sets and prices of all the live offers of a product', async () => {
    const shoes = await row('SHOE-1');
    expect(shoes).toBeDefined();
    expect(shoes.product_id).toBe((await row('SHOE-2')).product_id);
    expect(shoes.offer_count).toBe(2);
    // Words of both offers: "running" from one title, "blue" from the other.
    expect(shoes.words).toContain("'running'");
    expect(shoes.words).toContain("'blue'");
    expect(shoes.brands).toEqual(['Veldia']);
    expect(shoes.brand_keys).toEqual(['veldia']);
    expect(shoes.retailer_ids).toEqual([retailer]);
    expect(shoes.currencies).toEqual(['EUR']);
    expect(shoes.lowest_prices).toEqual(['6000']);
    expect(shoes.highest_prices).toEqual(['8000']);
    expect((await row('HAT-1')).offer_count).toBe(1);
    expect((await t.sql.query('SELECT count(*)::int AS marks FROM search_product_stale')).rows[0].marks).toBe(0);
  });

  it('follows an offer another writer changes, at the next refresh', async () => {
    await t.sql.query(
      `UPDATE offer SET availability = 'out_of_stock', price_minor = 9000
        WHERE retailer_id = $1 AND retailer_item_id = $2`,
      [retailer, 'SHOE-1'],
    );
    expect((await row('SHOE-1')).highest_prices).toEqual(['8000']);
    expect(await searchProducts.refresh()).toBe(1);
    const shoes = await row('SHOE-1');
    expect(shoes.highest_prices).toEqual(['9000']);
    expect([...shoes.availabilities].sort()).toEqual(['in_stock', 'out_of_stock']);
  });

  it('keeps the mark of an offer written while a refresh runs, so the next refresh sees it', async () => {
    const writer = new pg.Client({ connectionString: t.database.url });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`UPDATE offer SET price_minor = 7000 WHERE retailer_id = $1 AND retailer_item_id = $2`, [
        retailer,
        'SHOE-1',
      ]);
      // The writer has not committed: the refresh can see neither its offer nor its mark.
      await searchProducts.refresh();
      expect((await row('SHOE-1')).highest_prices).toEqual(['9000']);
      await writer.query('COMMIT');
    } finally {
      await writer.end();
    }
    expect(await searchProducts.refresh()).toBe(1);
    expect((await row('SHOE-1')).highest_prices).toEqual(['7000']);
  });

  it('drops the row of a product whose offers a sync removed', async () => {
    const hatProduct = (
      await t.sql.query('SELECT product_id FROM offer WHERE retailer_id = $1 AND retailer_item_id = $2', [
        retailer,
        'HAT-1',
      ])
    ).rows[0].product_id;
    feed.setBody(rssFeed([shoe, sameShoeCheaper]));
    expect((await syncAndWait(t, config)).status).toBe('succeeded');
    const rows = await t.sql.query('SELECT 1 FROM search_product WHERE product_id = $1', [hatProduct]);
    expect(rows.rowCount).toBe(0);
    expect(await row('SHOE-1')).toBeDefined();
  });

  it('takes a sale into the lowest price when it starts, without a write', async () => {
    const starts = new Date(Date.now() + 1500);
    const ends = new Date(Date.now() + 3_600_000);
    await t.sql.query(
      `UPDATE offer SET sale_price_minor = 5000, sale_starts_at = $3, sale_ends_at = $4
        WHERE retailer_id = $1 AND retailer_item_id = $2`,
      [retailer, 'SHOE-1', starts, ends],
    );
    await searchProducts.refresh();
    const before = await row('SHOE-1');
    expect(before.lowest_prices).toEqual(['6000']);
    expect(before.prices_change_at.getTime()).toBe(starts.getTime());
    expect(await searchProducts.markPriceChanges()).toBe(0);
    await new Promise((wake) => setTimeout(wake, starts.getTime() - Date.now() + 50));
    expect(await searchProducts.markPriceChanges()).toBe(1);
    await searchProducts.refresh();
    const after = await row('SHOE-1');
    expect(after.lowest_prices).toEqual(['5000']);
    expect(after.prices_change_at.getTime()).toBe(ends.getTime());
  });
});
