import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { FeedServer, rssFeed, type FeedItem } from '../../../test/support/feed-server.js';

describe('unified categories: mapping rules, syncs and coverage', () => {
  let t: TestApp;
  let feed: FeedServer;
  let retailerId: string;
  let retailerKey: string;
  let configId: string;

  const item = (id: string, productType: string, title = `Item ${id}`): FeedItem => ({
    id,
    title,
    price: '10.00 EUR',
    productType,
  });
  const sync = () => syncAndWait(t, configId, { retailerKey });
  const categoryOf = async (itemId: string): Promise<number | null> =>
    (
      await t.sql.query(`SELECT category_id FROM offer WHERE retailer_id = $1 AND retailer_item_id = $2`, [
        retailerId,
        itemId,
      ])
    ).rows[0].category_id;
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    for (let tries = 0; tries < 200; tries++) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((wake) => setTimeout(wake, 100));
    }
    return read();
  };

  beforeAll(async () => {
    t = await startTestApp();
    feed = new FeedServer();
    const url = await feed.start();
    retailerId = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name: 'Mode', slug: 'mode', defaultCurrency: 'EUR', contactEmail: 'm@shop.example' },
      })
    ).body.id;
    retailerKey = (await t.request('POST', '/v1/admin/api-keys', { body: { name: 'm', role: 'retailer', retailerId } }))
      .body.key;
    configId = (
      await t.request('POST', '/v1/retailer/connector-configs', {
        key: retailerKey,
        body: { connectorId: 'google-merchant-feed', name: 'Feed', settings: { source: 'url', url } },
      })
    ).body.id;
  });
  afterAll(async () => {
    await t.close();
    await feed.stop();
  });

  it('serves the seeded tree: the top two levels of the Google product taxonomy', async () => {
    const tree = (await t.request('GET', '/v1/admin/categories')).body.items as {
      id: number;
      parentId: number | null;
      path: string;
    }[];
    expect(tree.filter((category) => category.parentId === null)).toHaveLength(21);
    expect(tree.find((category) => category.id === 1604)?.path).toBe('Apparel & Accessories > Clothing');
  });

  it("maps synced offers by the retailer's rules, remaps when a rule is added, and reports coverage", async () => {
    await t.request('POST', '/v1/admin/category-rules', {
      body: { retailerId, kind: 'exact', pattern: 'Damen > Kleider', categoryId: 1604 },
    });
    feed.setBody(
      rssFeed([
        item('D-1', 'Damen > Kleider'),
        item('D-2', 'DAMEN >  Kleider'),
        item('S-1', 'Damen > Schuhe'),
        item('S-2', 'Damen > Schuhe'),
        item('S-3', 'Damen > Schuhe'),
        item('H-1', 'Haus', 'Kaffeebohnen Espresso'),
      ]),
    );
    expect((await sync()).status).toBe('succeeded');
    expect(await categoryOf('D-1')).toBe(1604);
    expect(await categoryOf('D-2')).toBe(1604);
    expect(await categoryOf('S-1')).toBeNull();

    const before = (await t.request('GET', '/v1/retailer/category-coverage', { key: retailerKey })).body;
    expect(before).toMatchObject({ retailerId, offers: 6, mapped: 2 });
    expect(before.topUnmapped[0]).toEqual({ path: 'Damen > Schuhe', offers: 3 });

    const shoes = (await t.request('GET', '/v1/admin/categories')).body.items.find(
      (category: { path: string }) => category.path === 'Apparel & Accessories > Shoes',
    );
    const rule = await t.request('POST', '/v1/admin/category-rules', {
      body: { retailerId, kind: 'prefix', pattern: 'damen > schuhe', categoryId: shoes.id },
    });
    expect(rule.status).toBe(201);
    await eventually(
      () => categoryOf('S-3'),
      (category) => category === shoes.id,
    );
    const after = (await t.request('GET', `/v1/admin/retailers/${retailerId}/category-coverage`)).body;
    expect(after).toMatchObject({ offers: 6, mapped: 5, share: 0.8333 });

    const audit = await t.request('GET', `/v1/admin/audit-log?entityType=category_rule&entityId=${rule.body.id}`);
    expect(audit.body.items).toHaveLength(1);
  });

  it('refuses a rule for a category that does not exist, naming the field', async () => {
    const response = await t.request('POST', '/v1/admin/category-rules', {
      body: { kind: 'keyword', pattern: 'kaffee', categoryId: 999999999 },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors[0].field).toBe('categoryId');
  });

  it('keeps rules and other retailers coverage to operators', async () => {
    expect((await t.request('GET', '/v1/admin/category-rules', { key: retailerKey })).status).toBe(403);
    expect(
      (await t.request('GET', `/v1/admin/retailers/${retailerId}/category-coverage`, { key: retailerKey })).status,
    ).toBe(403);
  });
});
