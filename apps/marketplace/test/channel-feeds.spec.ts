import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { EFFECTIVE_PRICE } from '#catalog';
import { FeedServer, feedItems, rssFeed, type FeedItem } from '../../../test/support/feed-server.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

const STRIDE: FeedItem[] = [
  {
    id: 'S1',
    title: 'Trail Running Shoes',
    price: '89.00 EUR',
    brand: 'Stride',
    gtin: '4006381333931',
    itemGroupId: 'TRAIL',
    additionalImages: ['https://shop.example/i/s1-side.jpg', 'https://shop.example/i/s1,back.jpg'],
  },
  {
    id: 'S2',
    title: 'Running Socks "Pro"',
    price: '9.95 EUR',
    brand: 'Stride',
    salePrice: '7.95 EUR',
    saleWindow: '2020-01-01T00:00:00Z/2099-01-01T00:00:00Z',
  },
  { id: 'S3', title: 'Rain Jacket', price: '120.00 EUR', availability: 'out_of_stock', condition: 'refurbished' },
  {
    id: 'S4',
    title: 'Trail Backpack',
    price: '64.50 EUR',
    availability: 'backorder',
    description: 'Line one\n\tand a tab',
  },
  { id: 'S5', title: 'Headlamp', price: '1500 JPY', availability: 'preorder' },
];
const BOIL: FeedItem[] = [
  { id: 'B1', title: 'Electric Kettle', price: '30.00 EUR', brand: 'Boil' },
  { id: 'B2', title: 'Tea Pot', price: '19.50 EUR', brand: 'Boil' },
];

interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** A GET that leaves the body as sent (fetch would undo the gzip encoding this test looks at). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/** The rows of a TSV feed as objects by column name. */
function tsvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = text.trimEnd().split('\n');
  const columns = header!.split('\t');
  return rows.map((row) => Object.fromEntries(row.split('\t').map((value, index) => [columns[index], value])));
}

describe("a channel's catalog feed for Meta", () => {
  let t: TestApp;
  const feeds = [new FeedServer(), new FeedServer()];
  const retailers: { id: string; config: string }[] = [];
  let channel: { id: string; key: string };
  let otherChannel: { id: string; key: string };
  let token = '';
  let hiddenOfferId = '';
  const feedUrl = (format: 'tsv' | 'xml' = 'tsv', channelId = channel.id, feedToken = token) =>
    `${t.baseUrl}/v1/feeds/channels/${channelId}/meta.${format}?token=${encodeURIComponent(feedToken)}`;
  const offerIdsOf = async (retailerId: string) =>
    (await t.sql.query(`SELECT id FROM offer WHERE retailer_id = $1 AND removed_at IS NULL`, [retailerId])).rows.map(
      (row) => row.id as string,
    );

  const createRetailer = async (slug: string) => {
    const id = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name: slug, slug, defaultCurrency: 'EUR', contactEmail: `${slug}@shop.example`, countries: ['NL'] },
      })
    ).body.id as string;
    return id;
  };
  const createConfig = async (retailerId: string, url: string) =>
    (
      await t.request('POST', '/v1/admin/connector-configs', {
        body: {
          retailerId,
          connectorId: 'google-merchant-feed',
          name: 'Feed',
          settings: { source: 'url', url, language: 'en' },
        },
      })
    ).body.id as string;
  const createChannel = async (name: string) => {
    const id = (await t.request('POST', '/v1/admin/channels', { body: { name } })).body.id as string;
    const key = (await t.request('POST', '/v1/admin/api-keys', { body: { name, role: 'channel', channelId: id } })).body
      .key as string;
    return { id, key };
  };

  beforeAll(async () => {
    t = await startTestApp({ SOUK_CHANNEL_REQUESTS_PER_MINUTE: '0', LOG_LEVEL: 'info' });
    channel = await createChannel('WhatsApp NL');
    otherChannel = await createChannel('Telegram');
    for (const [index, items] of [STRIDE, BOIL].entries()) {
      const id = await createRetailer(`shop-${index}`);
      feeds[index]!.setBody(rssFeed(items));
      const config = await createConfig(id, await feeds[index]!.start());
      expect((await syncAndWait(t, config)).status).toBe('succeeded');
      retailers.push({ id, config });
    }
    // Boil denies the WhatsApp channel, and the operator hides one of Stride's offers from it.
    expect(
      (
        await t.request('PUT', `/v1/admin/retailers/${retailers[1]!.id}/channel-policy`, {
          body: { mode: 'deny_listed', channelIds: [channel.id] },
        })
      ).status,
    ).toBe(200);
    hiddenOfferId = (
      await t.sql.query(`SELECT id FROM offer WHERE retailer_id = $1 AND retailer_item_id = 'S3'`, [retailers[0]!.id])
    ).rows[0].id;
    expect((await t.request('PUT', `/v1/admin/channels/${channel.id}/hidden-offers/${hiddenOfferId}`)).status).toBe(
      204,
    );
    const rotated = await t.request('POST', `/v1/admin/channels/${channel.id}/feed-token/rotate`);
    expect(rotated.status).toBe(200);
    token = rotated.body.token;
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await Promise.all(feeds.map((feed) => feed.stop()));
  });

  /** Every offer the channel API shows this channel: each product found by search, with all its visible offers. */
  const channelApiOffers = async (key = channel.key) => {
    const offers = new Map<string, { effectivePriceMinor: string; currency: string; availability: string }>();
    let cursor: string | null = null;
    do {
      const page: { items: { productId: string }[]; nextCursor: string | null } = (
        await t.request('GET', `/v1/channel/search?limit=50${cursor ? `&cursor=${cursor}` : ''}`, { key })
      ).body;
      for (const { productId } of page.items) {
        const product = (await t.request('GET', `/v1/channel/products/${productId}`, { key })).body;
        for (const offer of product.offers)
          offers.set(offer.offerId, {
            effectivePriceMinor: offer.effectivePriceMinor,
            currency: offer.currency,
            availability: offer.availability,
          });
      }
      cursor = page.nextCursor;
    } while (cursor);
    return offers;
  };

  /** A retailer whose google-merchant-feed config reads the channel's feed; no channel sees its offers. */
  const mirror = async (slug: string, url: string) => {
    const id = await createRetailer(slug);
    expect(
      (
        await t.request('PUT', `/v1/admin/retailers/${id}/channel-policy`, {
          body: { mode: 'allow_listed', channelIds: [] },
        })
      ).status,
    ).toBe(200);
    const config = await createConfig(id, url);
    const run = await syncAndWait(t, config);
    expect(run).toMatchObject({ status: 'succeeded', failed: 0 });
    const rows = (
      await t.sql.query(
        `SELECT o.retailer_item_id, (${EFFECTIVE_PRICE})::text AS effective_price_minor, o.currency, o.availability, o.price_minor::text AS price_minor,
                o.sale_price_minor::text AS sale_price_minor, o.gtin, o.condition, o.brand, o.title, o.item_group_id, o.additional_image_links
           FROM offer o WHERE o.retailer_id = $1 AND o.removed_at IS NULL`,
        [id],
      )
    ).rows;
    return { config, rows: new Map(rows.map((row) => [row.retailer_item_id as string, row])) };
  };

  describe('read back by the google-merchant-feed connector', () => {
    it.each([
      ['TSV', 'tsv'],
      ['RSS', 'xml'],
    ] as const)(
      'the %s feed gives exactly the offers the channel API shows (same ids, prices, availability), and none it may not show',
      async (_name, format) => {
        const shown = await channelApiOffers();
        expect(shown.size).toBe(STRIDE.length - 1);
        const { config, rows } = await mirror(`mirror-${format}`, feedUrl(format));
        expect(new Set(rows.keys())).toEqual(new Set(shown.keys()));
        for (const [offerId, offer] of shown) {
          const read = rows.get(offerId);
          expect({
            offerId,
            effectivePriceMinor: read.effective_price_minor,
            currency: read.currency.trim(),
            availability: read.availability,
          }).toEqual({ offerId, ...offer });
        }
        const hidden = [hiddenOfferId, ...(await offerIdsOf(retailers[1]!.id))];
        for (const offerId of hidden) expect(rows.has(offerId)).toBe(false);

        // The rest of what the feed says survives the round trip too: sale price, GTIN, condition, brand, quotes, item groups, extra images.
        const byItem = async (itemId: string) =>
          (
            await t.sql.query(`SELECT id FROM offer WHERE retailer_id = $1 AND retailer_item_id = $2`, [
              retailers[0]!.id,
              itemId,
            ])
          ).rows[0].id as string;
        expect(rows.get(await byItem('S2'))).toMatchObject({
          title: 'Running Socks "Pro"',
          price_minor: '995',
          sale_price_minor: '795',
          effective_price_minor: '795',
        });
        // TSV joins extra images with commas, so a comma inside one is written %2C (Google's rule); XML repeats the element.
        const commaImage =
          format === 'tsv' ? 'https://shop.example/i/s1%2Cback.jpg' : 'https://shop.example/i/s1,back.jpg';
        expect(rows.get(await byItem('S1'))).toMatchObject({
          gtin: '04006381333931',
          brand: 'Stride',
          additional_image_links: ['https://shop.example/i/s1-side.jpg', commaImage],
        });
        expect(rows.get(await byItem('S1')).item_group_id).toMatch(/^[0-9a-f]{32}$/);
        expect(rows.get(await byItem('S5'))).toMatchObject({
          price_minor: '1500',
          currency: 'JPY',
          availability: 'preorder',
        });

        // The connector's next sync asks with the feed's ETag and finds it unchanged.
        expect((await syncAndWait(t, config)).status).toBe('not_modified');
      },
    );
  });

  describe('the TSV itself', () => {
    it("writes Meta's fields: the offer id, prices exact from minor units, Meta's availability words, one line per offer", async () => {
      const answer = await rawGet(feedUrl());
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('text/tab-separated-values; charset=utf-8');
      const records = tsvRecords(answer.body.toString('utf8'));
      const byTitle = new Map(records.map((record) => [record.title, record]));
      expect(Object.keys(records[0]!)).toEqual(
        expect.arrayContaining([
          'id',
          'title',
          'description',
          'availability',
          'condition',
          'price',
          'sale_price',
          'link',
          'image_link',
          'brand',
          'gtin',
          'item_group_id',
          'google_product_category',
        ]),
      );
      expect(byTitle.get('"Running Socks ""Pro"""')).toMatchObject({
        price: '9.95 EUR',
        sale_price: '7.95 EUR',
        availability: 'in stock',
        sale_price_effective_date: '2020-01-01T00:00:00.000Z/2099-01-01T00:00:00.000Z',
      });
      expect(byTitle.get('Trail Backpack')).toMatchObject({
        price: '64.50 EUR',
        availability: 'available for order',
        description: 'Line one and a tab',
      });
      expect(byTitle.get('Headlamp')).toMatchObject({ price: '1500 JPY', availability: 'preorder', condition: 'new' });
      expect(byTitle.get('Trail Running Shoes')).toMatchObject({
        additional_image_link: 'https://shop.example/i/s1-side.jpg,https://shop.example/i/s1%2Cback.jpg',
        gtin: '04006381333931',
      });
      expect(records.map((record) => record.id).sort()).toEqual([...(await channelApiOffers()).keys()].sort());
    });

    it('is the same feed for the same offers, and another one for a channel that sees others', async () => {
      const token2 = (await t.request('POST', `/v1/admin/channels/${otherChannel.id}/feed-token/rotate`)).body.token;
      const other = tsvRecords((await rawGet(feedUrl('tsv', otherChannel.id, token2))).body.toString('utf8'));
      expect(other.map((record) => record.id).sort()).toEqual(
        [...(await channelApiOffers(otherChannel.key)).keys()].sort(),
      );
      expect(other).toHaveLength(STRIDE.length + BOIL.length);
    });
  });

  describe('conditional requests and compression', () => {
    it('answers If-None-Match with the current ETag by 304, and a change of what the channel may see by a new feed', async () => {
      const first = await rawGet(feedUrl());
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers.vary).toBe('accept-encoding');
      const again = await rawGet(feedUrl(), { 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.body).toHaveLength(0);
      expect(again.headers.etag).toBe(etag);
      expect((await rawGet(feedUrl(), { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);

      // Hiding an offer changes the feed; showing it again gives back the same feed and tag.
      const offerId = (
        await t.sql.query(`SELECT id FROM offer WHERE retailer_id = $1 AND retailer_item_id = 'S4'`, [retailers[0]!.id])
      ).rows[0].id;
      expect((await t.request('PUT', `/v1/admin/channels/${channel.id}/hidden-offers/${offerId}`)).status).toBe(204);
      try {
        const changed = await rawGet(feedUrl(), { 'if-none-match': etag });
        expect(changed.status).toBe(200);
        expect(changed.headers.etag).not.toBe(etag);
        expect(tsvRecords(changed.body.toString('utf8')).map((record) => record.id)).not.toContain(offerId);
      } finally {
        await t.request('DELETE', `/v1/admin/channels/${channel.id}/hidden-offers/${offerId}`);
      }
      const back = await rawGet(feedUrl(), { 'if-none-match': etag });
      expect(back.status).toBe(304);

      // So do a retailer's policy and a change of price.
      expect(
        (
          await t.request('PUT', `/v1/admin/retailers/${retailers[1]!.id}/channel-policy`, {
            body: { mode: 'all', channelIds: [] },
          })
        ).status,
      ).toBe(200);
      try {
        expect((await rawGet(feedUrl(), { 'if-none-match': etag })).status).toBe(200);
      } finally {
        await t.request('PUT', `/v1/admin/retailers/${retailers[1]!.id}/channel-policy`, {
          body: { mode: 'deny_listed', channelIds: [channel.id] },
        });
      }
      expect((await rawGet(feedUrl(), { 'if-none-match': etag })).status).toBe(304);
      feeds[0]!.setBody(rssFeed(STRIDE.map((item) => (item.id === 'S1' ? { ...item, price: '79.00 EUR' } : item))));
      try {
        expect((await syncAndWait(t, retailers[0]!.config)).status).toBe('succeeded');
        const repriced = await rawGet(feedUrl(), { 'if-none-match': etag });
        expect(repriced.status).toBe(200);
        expect(
          tsvRecords(repriced.body.toString('utf8')).find((record) => record.title === 'Trail Running Shoes')?.price,
        ).toBe('79.00 EUR');
      } finally {
        feeds[0]!.setBody(rssFeed(STRIDE));
        await syncAndWait(t, retailers[0]!.config);
      }
    });

    it('gzips the feed for a client that takes gzip, under its own ETag, and gives the same text', async () => {
      const plain = await rawGet(feedUrl());
      const zipped = await rawGet(feedUrl(), { 'accept-encoding': 'gzip, deflate' });
      expect(zipped.status).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(zipped.body).toString('utf8')).toBe(plain.body.toString('utf8'));
      expect(zipped.headers.etag).toBe((plain.headers.etag as string).replace(/"$/, '-gzip"'));
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect((await rawGet(feedUrl(), { 'accept-encoding': 'gzip;q=0' })).headers['content-encoding']).toBeUndefined();
      // Either tag names the same feed.
      expect(
        (await rawGet(feedUrl(), { 'accept-encoding': 'gzip', 'if-none-match': plain.headers.etag as string })).status,
      ).toBe(304);
      expect((await rawGet(feedUrl(), { 'if-none-match': zipped.headers.etag as string })).status).toBe(304);
    });
  });

  describe('the feed token', () => {
    it('answers a wrong, missing or old token, an unknown channel and a paused one alike with 404, and never logs the token', async () => {
      const expectNotFound = async (url: string) => {
        const answer = await t.request('GET', url.replace(t.baseUrl, ''), { key: null });
        expect(answer.status).toBe(404);
        expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(answer.body).toMatchObject({
          type: 'https://souk.dev/problems/not-found',
          detail: 'There is no catalog feed at this address, or the token is not the current one.',
        });
        expect(JSON.stringify(answer.body)).not.toContain(token);
        return answer.body;
      };
      await expectNotFound(feedUrl('tsv', channel.id, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')));
      await expectNotFound(`${t.baseUrl}/v1/feeds/channels/${channel.id}/meta.tsv`);
      await expectNotFound(feedUrl('tsv', '5f0c6f0e-2d1b-4a57-9b55-3e4a0f0b9b11'));
      await expectNotFound(feedUrl('tsv', otherChannel.id));
      const echoed = await expectNotFound(feedUrl('xml', channel.id, `${token}x`));
      expect(echoed.instance).toBe(`/v1/feeds/channels/${channel.id}/meta.xml?token=[redacted]`);
      expect((await t.request('POST', `/v1/admin/channels/${channel.id}/pause`)).status).toBe(200);
      try {
        await expectNotFound(feedUrl());
      } finally {
        await t.request('POST', `/v1/admin/channels/${channel.id}/activate`);
      }
      expect((await rawGet(feedUrl())).status).toBe(200);
      expect(t.logs()).not.toContain(token);
      expect(t.logs()).toContain(`/v1/feeds/channels/${channel.id}/meta.tsv?token=[redacted]`);
    });

    it('is replaced by a rotation, by an operator or by the channel itself, shown only in that answer and kept as a hash', async () => {
      const old = token;
      const byChannel = await t.request('POST', '/v1/channel/feed-token/rotate', { key: channel.key });
      expect(byChannel.status).toBe(200);
      expect(byChannel.body).toMatchObject({
        channelId: channel.id,
        token: expect.stringMatching(/^souk_feed_[\w-]{43}$/),
      });
      expect(byChannel.body.urls).toEqual({
        tsv: feedUrl('tsv', channel.id, byChannel.body.token),
        rss: feedUrl('xml', channel.id, byChannel.body.token),
      });
      token = byChannel.body.token;
      expect((await rawGet(feedUrl('tsv', channel.id, old))).status).toBe(404);
      expect((await rawGet(byChannel.body.urls.tsv)).status).toBe(200);

      const byOperator = (await t.request('POST', `/v1/admin/channels/${channel.id}/feed-token/rotate`)).body;
      expect(byOperator.token).not.toBe(token);
      expect((await rawGet(feedUrl())).status).toBe(404);
      token = byOperator.token;
      expect((await rawGet(feedUrl())).status).toBe(200);

      const view = (await t.request('GET', '/v1/channel/me', { key: channel.key })).body;
      expect(view.feedTokenCreatedAt).toBe(byOperator.createdAt);
      expect(JSON.stringify(view)).not.toContain(token);
      const stored = (await t.sql.query(`SELECT feed_token_hash FROM channel WHERE id = $1`, [channel.id])).rows[0]
        .feed_token_hash as Buffer;
      expect(stored).toHaveLength(32);
      const audit = (
        await t.request('GET', `/v1/admin/audit-log?entityId=${channel.id}&action=channel.rotate-feed-token`)
      ).body.items;
      expect(audit).toHaveLength(3);
      expect(JSON.stringify(audit)).not.toContain(token);
      expect(JSON.stringify(audit)).not.toContain(old);
      // Another channel's key cannot make this channel's token, and the route is for channels and operators only.
      expect(
        (await t.request('POST', `/v1/admin/channels/${channel.id}/feed-token/rotate`, { key: otherChannel.key }))
          .status,
      ).toBe(403);
    });
  });

  describe('a large catalog', () => {
    it('streams a feed of a few thousand offers, page by page, whole and in id order', async () => {
      const bulkFeed = new FeedServer();
      try {
        const bulkChannel = await createChannel('Bulk');
        const bulkToken = (await t.request('POST', `/v1/admin/channels/${bulkChannel.id}/feed-token/rotate`)).body
          .token;
        // The channel sees the bulk shop only.
        for (const { id: other } of (await t.sql.query('SELECT id FROM retailer')).rows) {
          expect(
            (await t.request('PUT', `/v1/admin/channels/${bulkChannel.id}/hidden-retailers/${other}`)).status,
          ).toBe(204);
        }
        const id = await createRetailer('bulk-shop');
        bulkFeed.setBody(rssFeed(feedItems(3000)));
        expect((await syncAndWait(t, await createConfig(id, await bulkFeed.start()))).status).toBe('succeeded');
        const expected = await offerIdsOf(id);
        expect(expected).toHaveLength(3000);

        const answer = await rawGet(feedUrl('tsv', bulkChannel.id, bulkToken), { 'accept-encoding': 'gzip' });
        expect(answer.status).toBe(200);
        const ids = tsvRecords(gunzipSync(answer.body).toString('utf8')).map((record) => record.id!);
        expect(ids).toHaveLength(expected.length);
        expect(ids).toEqual([...expected].sort());
        expect(ids.filter((offerId) => !/^[0-9a-f-]{36}$/.test(offerId))).toEqual([]);
      } finally {
        await bulkFeed.stop();
      }
    }, 120_000);
  });
});
