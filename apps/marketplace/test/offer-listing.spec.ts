import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { FeedServer, rssFeed, type FeedItem } from '../../../test/support/feed-server.js';

type OfferSummary = {
  id: string;
  retailerId: string;
  retailerItemId: string;
  configId: string;
  removedAt: string | null;
};
type OfferPage = { items: OfferSummary[]; nextCursor: string | null };

const items = (prefix: string, count: number): FeedItem[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `${prefix}${index + 1}`,
    title: `Item ${prefix}${index + 1}`,
    price: `${10 + index}.00 EUR`,
  }));

describe('offer listing: what the syncs wrote, for operators and for each retailer', () => {
  let t: TestApp;
  const feeds = [new FeedServer(), new FeedServer()];
  const shops: { id: string; key: string; config: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    for (const [index, prefix] of ['A', 'B'].entries()) {
      const id = (
        await t.request('POST', '/v1/admin/retailers', {
          body: {
            name: `Shop ${prefix}`,
            slug: `shop-${index}`,
            defaultCurrency: 'EUR',
            contactEmail: `${prefix}@x.example`,
          },
        })
      ).body.id;
      const key = (
        await t.request('POST', '/v1/admin/api-keys', { body: { name: prefix, role: 'retailer', retailerId: id } })
      ).body.key;
      feeds[index]!.setBody(rssFeed(items(prefix, index === 0 ? 5 : 2)));
      const url = await feeds[index]!.start();
      const config = (
        await t.request('POST', '/v1/admin/connector-configs', {
          body: { retailerId: id, connectorId: 'google-merchant-feed', name: 'Feed', settings: { source: 'url', url } },
        })
      ).body.id;
      expect((await syncAndWait(t, config)).status).toBe('succeeded');
      shops.push({ id, key, config });
    }
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(feeds.map((feed) => feed.stop()));
  });

  const list = async (path: string, key?: string): Promise<OfferPage> => {
    const response = await t.request('GET', path, key ? { key } : {});
    if (response.status !== 200)
      throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as OfferPage;
  };
  const itemIds = (page: OfferPage) => page.items.map((offer) => offer.retailerItemId).sort();

  it("lists every retailer's offers to an operator, and one retailer's or one config's by filter", async () => {
    expect(itemIds(await list('/v1/admin/offers'))).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'B1', 'B2']);
    expect(itemIds(await list(`/v1/admin/offers?retailerId=${shops[1]!.id}`))).toEqual(['B1', 'B2']);
    const byConfig = await list(`/v1/admin/offers?configId=${shops[0]!.config}`);
    expect(itemIds(byConfig)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
    expect(new Set(byConfig.items.map((offer) => offer.configId))).toEqual(new Set([shops[0]!.config]));
  });

  it('pages by cursor without repeating or skipping an offer', async () => {
    const seen: string[] = [];
    let page = await list('/v1/admin/offers?limit=3');
    seen.push(...page.items.map((offer) => offer.id));
    while (page.nextCursor) {
      page = await list(`/v1/admin/offers?limit=3&cursor=${page.nextCursor}`);
      seen.push(...page.items.map((offer) => offer.id));
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('shows a retailer its own offers only, whatever retailerId it asks for', async () => {
    expect(itemIds(await list('/v1/retailer/offers', shops[1]!.key))).toEqual(['B1', 'B2']);
    expect((await list(`/v1/retailer/offers?retailerId=${shops[0]!.id}`, shops[1]!.key)).items).toEqual([]);
  });

  it('lists the offers a full sync removed under state=removed, and no longer under live', async () => {
    feeds[1]!.setBody(rssFeed(items('B', 1)));
    expect((await syncAndWait(t, shops[1]!.config)).status).toBe('succeeded');
    expect(itemIds(await list('/v1/retailer/offers', shops[1]!.key))).toEqual(['B1']);
    const removed = await list('/v1/retailer/offers?state=removed', shops[1]!.key);
    expect(itemIds(removed)).toEqual(['B2']);
    expect(removed.items[0]!.removedAt).not.toBeNull();
    expect(itemIds(await list('/v1/retailer/offers?state=all', shops[1]!.key))).toEqual(['B1', 'B2']);
  });

  it('refuses a cursor that is not one, naming the field', async () => {
    const response = await t.request('GET', '/v1/admin/offers?cursor=page-2');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('cursor');
  });
});
