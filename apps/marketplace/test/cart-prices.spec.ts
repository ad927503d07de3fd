import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { FeedServer, rssFeed } from '../../../test/support/feed-server.js';

const NBSP = '\u00a0';

describe("carts show prices formatted in the channel's locale, beside the minor units", () => {
  let t: TestApp;
  const feed = new FeedServer();
  let channelId = '';
  let channelKey = '';
  const offers: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const retailerId = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name: 'Tea Shop', slug: 'tea-shop', defaultCurrency: 'EUR', contactEmail: 'tea@shop.example' },
      })
    ).body.id;
    feed.setBody(
      rssFeed([
        { id: 'KETTLE', title: 'Electric Kettle', price: '30.00 EUR' },
        { id: 'POT', title: 'Tea Pot', price: '19.50 EUR' },
        { id: 'CUP', title: 'Tea Cup', price: '1500 JPY' },
      ]),
    );
    const config = (
      await t.request('POST', '/v1/admin/connector-configs', {
        body: {
          retailerId,
          connectorId: 'google-merchant-feed',
          name: 'Feed',
          settings: { source: 'url', url: await feed.start() },
        },
      })
    ).body.id;
    expect((await syncAndWait(t, config)).status).toBe('succeeded');
    const rows = (await t.sql.query('SELECT id, retailer_item_id FROM offer WHERE retailer_id = $1', [retailerId]))
      .rows as { id: string; retailer_item_id: string }[];
    for (const row of rows) offers[row.retailer_item_id] = row.id;
    channelId = (await t.request('POST', '/v1/admin/channels', { body: { name: 'Chat', locale: 'nl-NL' } })).body.id;
    channelKey = (await t.request('POST', '/v1/admin/api-keys', { body: { name: 'chat', role: 'channel', channelId } }))
      .body.key;
  });
  afterAll(async () => {
    await t.close();
    await feed.stop();
  });

  const put = async (user: string, item: string, quantity: number) => {
    const response = await t.request('PUT', `/v1/channel/users/${user}/cart/lines/${offers[item]}`, {
      key: channelKey,
      body: { quantity },
    });
    expect(response.status).toBe(200);
    return response.body;
  };

  it('formats each line, each subtotal and each total per currency, as search formats its hits', async () => {
    await put('u-lines', 'KETTLE', 3);
    await put('u-lines', 'POT', 1);
    const cart = await put('u-lines', 'CUP', 3);
    const lines = Object.fromEntries(cart.retailers[0].lines.map((line: any) => [line.offerId, line]));
    expect(lines[offers.KETTLE!]).toMatchObject({
      unitPriceMinor: '3000',
      unitPrice: `€${NBSP}30,00`,
      lineTotalMinor: '9000',
      lineTotal: `€${NBSP}90,00`,
    });
    expect(lines[offers.CUP!]).toMatchObject({ unitPrice: `JP¥${NBSP}1.500`, lineTotal: `JP¥${NBSP}4.500` });
    const totals = [
      { currency: 'EUR', amountMinor: '10950', amount: `€${NBSP}109,50` },
      { currency: 'JPY', amountMinor: '4500', amount: `JP¥${NBSP}4.500` },
    ];
    expect(cart.retailers[0].subtotals).toEqual(totals);
    expect(cart.totals).toEqual(totals);

    const search = await t.request('GET', '/v1/channel/search?q=kettle', { key: channelKey });
    const hit = search.body.items.find((item: any) => item.bestOffer.offerId === offers.KETTLE);
    expect(lines[offers.KETTLE!].unitPrice).toBe(hit.bestOffer.price);
  });

  it("follows the channel's locale when an operator changes it", async () => {
    await put('u-locale', 'KETTLE', 2);
    expect((await t.request('PATCH', `/v1/admin/channels/${channelId}`, { body: { locale: 'de-DE' } })).status).toBe(
      200,
    );
    try {
      const cart = (await t.request('GET', '/v1/channel/users/u-locale/cart', { key: channelKey })).body;
      expect(cart.retailers[0].lines[0]).toMatchObject({ unitPrice: `30,00${NBSP}€`, lineTotal: `60,00${NBSP}€` });
      expect(cart.totals).toEqual([{ currency: 'EUR', amountMinor: '6000', amount: `60,00${NBSP}€` }]);
    } finally {
      await t.request('PATCH', `/v1/admin/channels/${channelId}`, { body: { locale: 'nl-NL' } });
    }
  });

  it('has no formatted price for a line whose offer is gone, as it has no minor units', async () => {
    await put('u-gone', 'POT', 1);
    await t.sql.query('UPDATE offer SET removed_at = now() WHERE id = $1', [offers.POT]);
    try {
      const cart = (await t.request('GET', '/v1/channel/users/u-gone/cart', { key: channelKey })).body;
      expect(cart.unavailable).toEqual([
        expect.objectContaining({ unitPriceMinor: null, unitPrice: null, lineTotalMinor: null, lineTotal: null }),
      ]);
      expect(cart.totals).toEqual([]);
    } finally {
      await t.sql.query('UPDATE offer SET removed_at = NULL WHERE id = $1', [offers.POT]);
    }
  });
});
