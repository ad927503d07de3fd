import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { FeedServer, rssFeed } from '../../../test/support/feed-server.js';

/** Product detail is the channels' first catalog read; search, facets and browse will use the same condition. */
describe('what a channel may see', () => {
  let t: TestApp;
  const feeds = [new FeedServer(), new FeedServer()];
  const retailers: { id: string; key: string }[] = [];
  const channels: { id: string; key: string }[] = [];
  let productId: string;

  const offersSeenBy = async (channel: { key: string }) => {
    const response = await t.request('GET', `/v1/channel/products/${productId}`, { key: channel.key });
    return response.status === 200
      ? (response.body.offers as { retailerId: string }[]).map((offer) => offer.retailerId)
      : response.status;
  };
  const sync = (configId: string) => syncAndWait(t, configId);

  beforeAll(async () => {
    t = await startTestApp();
    for (const [index, feed] of feeds.entries()) {
      const id = (
        await t.request('POST', '/v1/admin/retailers', {
          body: {
            name: `Shop ${index}`,
            slug: `shop-${index}`,
            defaultCurrency: 'EUR',
            contactEmail: `s${index}@shop.example`,
          },
        })
      ).body.id;
      const key = (
        await t.request('POST', '/v1/admin/api-keys', { body: { name: `r${index}`, role: 'retailer', retailerId: id } })
      ).body.key;
      retailers.push({ id, key });
      feed.setBody(
        rssFeed([{ id: `X-${index}`, title: 'Same kettle', price: `${20 + index}.00 EUR`, gtin: '4006381333931' }]),
      );
      const url = await feed.start();
      const config = (
        await t.request('POST', '/v1/admin/connector-configs', {
          body: { retailerId: id, connectorId: 'google-merchant-feed', name: 'Feed', settings: { source: 'url', url } },
        })
      ).body.id;
      expect((await sync(config)).status).toBe('succeeded');
    }
    for (const name of ['WhatsApp', 'Line']) {
      const id = (await t.request('POST', '/v1/admin/channels', { body: { name } })).body.id;
      const key = (await t.request('POST', '/v1/admin/api-keys', { body: { name, role: 'channel', channelId: id } }))
        .body.key;
      channels.push({ id, key });
    }
    productId = (await t.request('GET', '/v1/admin/products/by-gtin?gtin=4006381333931')).body.id;
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(feeds.map((feed) => feed.stop()));
  });
  // Each test starts from the default: every retailer allows every channel, and nothing is hidden.
  // The hides go straight to the tables, so that the audit log holds only what a test did.
  beforeEach(async () => {
    for (const retailer of retailers) {
      expect(
        (
          await t.request('PUT', '/v1/retailer/channel-policy', {
            key: retailer.key,
            body: { mode: 'all', channelIds: [] },
          })
        ).status,
      ).toBe(200);
    }
    await t.sql.query('DELETE FROM channel_hidden_retailer');
    await t.sql.query('DELETE FROM channel_hidden_offer');
  });

  it('shows every channel the offers of retailers that allow all channels, best first', async () => {
    expect(await offersSeenBy(channels[0]!)).toEqual([retailers[0]!.id, retailers[1]!.id]);
    expect(await offersSeenBy(channels[1]!)).toEqual([retailers[0]!.id, retailers[1]!.id]);
  });

  it('hides a retailer that denies a channel from that channel only', async () => {
    const set = await t.request('PUT', '/v1/retailer/channel-policy', {
      key: retailers[0]!.key,
      body: { mode: 'deny_listed', channelIds: [channels[0]!.id] },
    });
    expect(set.body).toEqual({ retailerId: retailers[0]!.id, mode: 'deny_listed', channelIds: [channels[0]!.id] });
    expect(await offersSeenBy(channels[0]!)).toEqual([retailers[1]!.id]);
    expect(await offersSeenBy(channels[1]!)).toEqual([retailers[0]!.id, retailers[1]!.id]);
  });

  it('shows a retailer that allows only given channels to those channels only, and a product no offer of which is visible is not found', async () => {
    await t.request('PUT', '/v1/retailer/channel-policy', {
      key: retailers[1]!.key,
      body: { mode: 'allow_listed', channelIds: [channels[1]!.id] },
    });
    expect(await offersSeenBy(channels[0]!)).toEqual([retailers[0]!.id]);
    expect(await offersSeenBy(channels[1]!)).toEqual([retailers[0]!.id, retailers[1]!.id]);
    await t.request('PUT', '/v1/retailer/channel-policy', {
      key: retailers[0]!.key,
      body: { mode: 'allow_listed', channelIds: [channels[1]!.id] },
    });
    expect(await offersSeenBy(channels[0]!)).toBe(404);
    expect(await offersSeenBy(channels[1]!)).toEqual([retailers[0]!.id, retailers[1]!.id]);
  });

  it('lets an operator hide a retailer or one offer from a channel, and show it again', async () => {
    expect(
      (await t.request('PUT', `/v1/admin/channels/${channels[1]!.id}/hidden-retailers/${retailers[0]!.id}`)).status,
    ).toBe(204);
    expect(await offersSeenBy(channels[1]!)).toEqual([retailers[1]!.id]);
    expect(await offersSeenBy(channels[0]!)).toEqual([retailers[0]!.id, retailers[1]!.id]);
    const offerId = (await t.request('GET', `/v1/admin/products/${productId}`)).body.offers.find(
      (offer: { retailerId: string }) => offer.retailerId === retailers[1]!.id,
    ).offerId;
    await t.request('PUT', `/v1/admin/channels/${channels[1]!.id}/hidden-offers/${offerId}`);
    expect(await offersSeenBy(channels[1]!)).toBe(404);
    await t.request('DELETE', `/v1/admin/channels/${channels[1]!.id}/hidden-retailers/${retailers[0]!.id}`);
    await t.request('DELETE', `/v1/admin/channels/${channels[1]!.id}/hidden-offers/${offerId}`);
    expect(await offersSeenBy(channels[1]!)).toEqual([retailers[0]!.id, retailers[1]!.id]);
    const audit = await t.request('GET', `/v1/admin/audit-log?entityType=channel&entityId=${channels[1]!.id}`);
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'channel.hide_offer',
      'channel.hide_retailer',
      'channel.hide_offer',
      'channel.hide_retailer',
      'channel.create',
    ]);
  });

  it('refuses an unknown channel in a policy, naming channelIds, and keeps policies to their retailer', async () => {
    const response = await t.request('PUT', '/v1/retailer/channel-policy', {
      key: retailers[0]!.key,
      body: { mode: 'deny_listed', channelIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors[0].field).toBe('channelIds');
    expect(
      (
        await t.request('PUT', `/v1/admin/retailers/${retailers[1]!.id}/channel-policy`, {
          key: retailers[0]!.key,
          body: { mode: 'all', channelIds: [] },
        })
      ).status,
    ).toBe(403);
    expect((await t.request('GET', `/v1/channel/products/${productId}`, { key: retailers[0]!.key })).status).toBe(403);
  });
});
