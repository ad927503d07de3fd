import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { syncAndWait, waitForRun as waitForSyncRun } from '../../../test/support/sync-runs.js';
import { FeedServer, feedItems, rssFeed } from '../../../test/support/feed-server.js';

type Run = {
  id: string;
  status: string;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  failed: number;
  warnings: number;
  error: string | null;
};

describe('catalog sync of a Google Merchant feed', () => {
  let t: TestApp;
  let feed: FeedServer;
  let feedUrl: string;
  let retailerId: string;
  let retailerKey: string;
  let configId: string;

  const waitForRun = async (runId: string): Promise<Run> =>
    (await waitForSyncRun(t, runId, retailerKey)) as unknown as Run;
  const syncNow = async (): Promise<Run> => (await syncAndWait(t, configId, { retailerKey })) as unknown as Run;
  const offers = async () =>
    (
      await t.sql.query(
        `SELECT retailer_item_id, title, price_minor, currency, removed_at, xmin::text AS xmin FROM offer WHERE retailer_id = $1 ORDER BY retailer_item_id`,
        [retailerId],
      )
    ).rows as {
      retailer_item_id: string;
      title: string;
      price_minor: string;
      removed_at: Date | null;
      xmin: string;
    }[];

  beforeAll(async () => {
    t = await startTestApp();
    feed = new FeedServer();
    feedUrl = await feed.start();
    retailerId = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name: 'Feed shop', slug: 'feed-shop', defaultCurrency: 'EUR', contactEmail: 'feed@shop.example' },
      })
    ).body.id;
    retailerKey = (
      await t.request('POST', '/v1/admin/api-keys', { body: { name: 'feed', role: 'retailer', retailerId } })
    ).body.key;
    const config = await t.request('POST', '/v1/retailer/connector-configs', {
      key: retailerKey,
      body: { connectorId: 'google-merchant-feed', name: 'Main feed', settings: { source: 'url', url: feedUrl } },
    });
    expect(config.status).toBe(201);
    configId = config.body.id;
  });
  afterAll(async () => {
    await t.close();
    await feed.stop();
  });

  it('loads a full feed into offers, with counts', async () => {
    feed.setBody(rssFeed(feedItems(250)));
    const run = await syncNow();
    expect(run).toMatchObject({
      status: 'succeeded',
      read: 250,
      created: 250,
      updated: 0,
      unchanged: 0,
      removed: 0,
      failed: 0,
    });
    const stored = await offers();
    expect(stored).toHaveLength(250);
    expect(stored.find((offer) => offer.retailer_item_id === 'SKU-7')).toMatchObject({
      title: 'Product 7 v1',
      price_minor: '1707',
      removed_at: null,
    });
  });

  it('does no work for an unchanged feed: the conditional fetch reads no body', async () => {
    const before = await offers();
    const requestsBefore = feed.requests.length;
    const run = await syncNow();
    expect(run.status).toBe('not_modified');
    expect(feed.requests.slice(requestsBefore)).toEqual([{ status: 304, conditional: true, bodyBytes: 0 }]);
    expect(await offers()).toEqual(before);
  });

  it('rewrites no offer row when an unchanged feed is read again in full', async () => {
    feed.etags = false;
    try {
      const before = await offers();
      const run = await syncNow();
      expect(run).toMatchObject({ status: 'succeeded', read: 250, created: 0, updated: 0, unchanged: 250, removed: 0 });
      expect((await offers()).map((offer) => offer.xmin)).toEqual(before.map((offer) => offer.xmin));
    } finally {
      feed.etags = true;
    }
  });

  it('updates what changed, adds what is new and marks what is gone as removed', async () => {
    const items = feedItems(250);
    for (const item of items.slice(0, 10)) item.title += ' (new edition)';
    const kept = items.slice(0, 240);
    feed.setBody(rssFeed([...kept, ...feedItems(5, 1000)]));
    const run = await syncNow();
    expect(run).toMatchObject({ status: 'succeeded', read: 245, created: 5, updated: 10, unchanged: 230, removed: 10 });
    const stored = await offers();
    expect(
      stored
        .filter((offer) => offer.removed_at !== null)
        .map((offer) => offer.retailer_item_id)
        .sort(),
    ).toEqual(
      feedItems(10, 240)
        .map((item) => item.id)
        .sort(),
    );
  });

  it('fails a feed that breaks in the middle, removes nothing and keeps the good offers', async () => {
    const before = await offers();
    const good = rssFeed(feedItems(245));
    feed.setBody(good.slice(0, Math.floor(good.length / 2)) + '<g:id>broken</rss');
    const run = await syncNow();
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/line \d+/);
    expect(run.removed).toBe(0);
    const after = await offers();
    expect(after.filter((offer) => offer.removed_at === null)).toHaveLength(
      before.filter((offer) => offer.removed_at === null).length,
    );
  });

  it('refuses to empty the catalog from an empty feed unless the config allows it', async () => {
    feed.setBody(rssFeed([]));
    const refused = await syncNow();
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatch(/no items.*allowEmptyCatalog/s);
    expect((await offers()).filter((offer) => offer.removed_at === null).length).toBeGreaterThan(0);

    await t.request('PATCH', `/v1/retailer/connector-configs/${configId}`, {
      key: retailerKey,
      body: { allowEmptyCatalog: true },
    });
    feed.setBody(rssFeed([]) + '\n');
    const allowed = await syncNow();
    expect(allowed.status).toBe('succeeded');
    expect((await offers()).filter((offer) => offer.removed_at === null)).toHaveLength(0);
    await t.request('PATCH', `/v1/retailer/connector-configs/${configId}`, {
      key: retailerKey,
      body: { allowEmptyCatalog: false },
    });
  });

  it('reports bad items one by one, pages the report, and keeps the good items', async () => {
    const items = feedItems(30);
    items[3]!.price = '12.00';
    items[4]!.price = '-5.00 EUR';
    items[5]!.gtin = '4006381333932';
    items[6]!.description = '<p>Nice</p><script>alert(1)</script>';
    items.push({ ...items[0]! });
    feed.setBody(rssFeed(items));
    const run = await syncNow();
    expect(run).toMatchObject({ status: 'succeeded', read: 31, failed: 3 });
    expect(run.warnings).toBeGreaterThanOrEqual(1);

    const first = await t.request('GET', `/v1/retailer/sync-runs/${run.id}/issues?limit=2`, { key: retailerKey });
    const second = await t.request(
      'GET',
      `/v1/retailer/sync-runs/${run.id}/issues?limit=50&cursor=${first.body.nextCursor}`,
      { key: retailerKey },
    );
    const issues = [...first.body.items, ...second.body.items] as {
      itemId: string;
      line: number | null;
      severity: string;
      field: string;
      message: string;
    }[];
    expect(second.body.nextCursor).toBeNull();
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ itemId: 'SKU-3', severity: 'error', field: 'price' }),
        expect.objectContaining({ itemId: 'SKU-4', severity: 'error', field: 'price' }),
        expect.objectContaining({ itemId: 'SKU-5', severity: 'warning', field: 'gtin' }),
        expect.objectContaining({ itemId: 'SKU-0', severity: 'error', field: 'id' }),
      ]),
    );
    expect(issues.find((issue) => issue.itemId === 'SKU-3')?.line).toEqual(expect.any(Number));
    const stored = (
      await t.sql.query(
        `SELECT description, gtin FROM offer WHERE retailer_id = $1 AND retailer_item_id IN ('SKU-5', 'SKU-6') ORDER BY retailer_item_id`,
        [retailerId],
      )
    ).rows;
    expect(stored[0].gtin).toBeNull();
    expect(stored[1].description).toContain('Nice');
    expect(stored[1].description).not.toMatch(/script|alert/);
  });

  it('refuses an incremental sync for a connector that reads only full syncs, naming mode', async () => {
    const response = await t.request('POST', `/v1/retailer/connector-configs/${configId}/sync?mode=incremental`, {
      key: retailerKey,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: 'mode', message: 'the google-merchant-feed connector reads only full syncs' },
    ]);
  });

  it('answers 409 when a sync of the config is already queued', async () => {
    feed.setBody(rssFeed(feedItems(20, 0, 3)));
    feed.slowMsPerChunk = 50;
    try {
      const first = await t.request('POST', `/v1/retailer/connector-configs/${configId}/sync`, { key: retailerKey });
      const second = await t.request('POST', `/v1/retailer/connector-configs/${configId}/sync`, { key: retailerKey });
      expect(second.status).toBe(409);
      expect(second.body.activeRunId).toBe(first.body.id);
      await waitForRun(first.body.id);
    } finally {
      feed.slowMsPerChunk = 0;
    }
  });
});

describe('an item that moves from one config of a retailer to another', () => {
  let t: TestApp;
  const feeds = [new FeedServer(), new FeedServer()];
  const configs: string[] = [];
  let retailerId: string;

  const syncNow = (configId: string) => syncAndWait(t, configId);

  beforeAll(async () => {
    t = await startTestApp();
    retailerId = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name: 'Two feeds', slug: 'two-feeds', defaultCurrency: 'EUR', contactEmail: 't@shop.example' },
      })
    ).body.id;
    for (const [index, feed] of feeds.entries()) {
      const url = await feed.start();
      configs.push(
        (
          await t.request('POST', '/v1/admin/connector-configs', {
            body: {
              retailerId,
              connectorId: 'google-merchant-feed',
              name: `Feed ${index}`,
              settings: { source: 'url', url },
            },
          })
        ).body.id,
      );
    }
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(feeds.map((feed) => feed.stop()));
  });

  it('belongs to the config that last synced it, and is not removed by the config it left', async () => {
    const items = feedItems(3);
    feeds[0]!.setBody(rssFeed(items));
    expect((await syncNow(configs[0]!)).created).toBe(3);
    feeds[1]!.setBody(rssFeed([items[2]!]));
    expect(await syncNow(configs[1]!)).toMatchObject({ status: 'succeeded', updated: 1, unchanged: 0 });
    feeds[0]!.setBody(rssFeed(items.slice(0, 2)));
    expect(await syncNow(configs[0]!)).toMatchObject({ status: 'succeeded', removed: 0 });
    const rows = (
      await t.sql.query(`SELECT retailer_item_id, config_id, removed_at FROM offer WHERE retailer_id = $1 ORDER BY 1`, [
        retailerId,
      ])
    ).rows;
    expect(rows.map((row) => [row.retailer_item_id, row.config_id, row.removed_at])).toEqual([
      ['SKU-0', configs[0], null],
      ['SKU-1', configs[0], null],
      ['SKU-2', configs[1], null],
    ]);
  });
});
