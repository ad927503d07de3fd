import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { FeedServer, rssFeed, type FeedItem } from '../../../test/support/feed-server.js';

type Hit = {
  productId: string;
  offerCount: number;
  categoryId: number | null;
  score: number;
  bestOffer: {
    offerId: string;
    title: string;
    retailerId: string;
    priceMinor: string;
    price: string;
    availability: string;
  };
};

const SHOES = 'Apparel & Accessories > Shoes';
const CLOTHING = 'Apparel & Accessories > Clothing';
const WALLETS = 'Apparel & Accessories > Handbags, Wallets & Cases';
const KITCHEN = 'Home & Garden > Kitchen & Dining';
const PHONES = 'Electronics > Communications';
const TRAIL_GTIN = '4006381333931';

/** Three retailers writing English, Dutch and Chinese; every read goes through the channel API. */
const CATALOGS: { language: string; items: FeedItem[] }[] = [
  {
    language: 'en',
    items: [
      {
        id: 'A1',
        title: 'Trail Running Shoes',
        price: '89.00 EUR',
        brand: 'Stride',
        productType: SHOES,
        gtin: TRAIL_GTIN,
        description: 'Grippy soles for muddy paths.',
      },
      {
        id: 'A2',
        title: 'Leather Wallet',
        price: '25.00 EUR',
        brand: 'Hide',
        productType: WALLETS,
        description: 'Slim enough to carry with running shoes.',
      },
      {
        id: 'A3',
        title: 'Electric Kettle',
        price: '30.00 EUR',
        brand: 'Boil',
        productType: KITCHEN,
        availability: 'out_of_stock',
      },
      { id: 'A4', title: 'Running Shorts', price: '20.00 EUR', brand: 'Stride', productType: CLOTHING },
      {
        id: 'A5',
        title: 'Used Running Jacket',
        price: '45.00 EUR',
        brand: 'Stride',
        productType: CLOTHING,
        condition: 'used',
      },
    ],
  },
  {
    language: 'nl',
    items: [
      { id: 'B1', title: 'Rode schoen voor dames', price: '59.95 EUR', brand: 'Loop', productType: SHOES },
      { id: 'B2', title: 'Trail hardloopschoenen', price: '85.00 EUR', productType: SHOES, gtin: TRAIL_GTIN },
      { id: 'B3', title: 'Waterkoker RVS', price: '24.50 EUR', brand: 'Boil', productType: KITCHEN },
    ],
  },
  {
    language: 'zh',
    items: [
      { id: 'C1', title: '华为智能手机 Mate 60', price: '699.00 EUR', brand: 'Huawei', productType: PHONES },
      { id: 'C2', title: '小米手表 黑色', price: '129.00 EUR', brand: 'Xiaomi', productType: PHONES },
    ],
  },
];

const queryString = (params: Record<string, string | number>) =>
  new URLSearchParams(
    Object.entries(params).map(([name, value]): [string, string] => [name, String(value)]),
  ).toString();

describe('catalog search for chat channels', () => {
  let t: TestApp;
  const feeds = CATALOGS.map(() => new FeedServer());
  const retailers: { id: string; key: string; config: string }[] = [];
  const channels: { id: string; key: string }[] = [];

  const search = async (params: Record<string, string | number>, channel = channels[0]!) => {
    const query = queryString(params);
    const response = await t.request('GET', `/v1/channel/search?${query}`, { key: channel.key });
    if (response.status !== 200)
      throw new Error(`search ${query} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as {
      query: string | null;
      corrected: boolean;
      total: number;
      items: Hit[];
      nextCursor: string | null;
    };
  };
  const titles = (hits: Hit[]) => hits.map((hit) => hit.bestOffer.title);
  const facets = async (params: Record<string, string | number>, channel = channels[0]!) => {
    const query = queryString(params);
    return (await t.request('GET', `/v1/channel/search/facets?${query}`, { key: channel.key })).body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const [index, catalog] of CATALOGS.entries()) {
      const id = (
        await t.request('POST', '/v1/admin/retailers', {
          body: {
            name: `Shop ${catalog.language}`,
            slug: `shop-${index}`,
            defaultCurrency: 'EUR',
            contactEmail: `s${index}@shop.example`,
          },
        })
      ).body.id;
      const key = (
        await t.request('POST', '/v1/admin/api-keys', { body: { name: `r${index}`, role: 'retailer', retailerId: id } })
      ).body.key;
      feeds[index]!.setBody(rssFeed(catalog.items));
      const url = await feeds[index]!.start();
      const config = (
        await t.request('POST', '/v1/admin/connector-configs', {
          body: {
            retailerId: id,
            connectorId: 'google-merchant-feed',
            name: 'Feed',
            settings: { source: 'url', url, language: catalog.language },
          },
        })
      ).body.id;
      expect((await syncAndWait(t, config)).status).toBe('succeeded');
      retailers.push({ id, key, config });
    }
    for (const [name, settings] of [
      [
        'WhatsApp NL',
        { locale: 'nl-NL', currency: 'EUR', whatsappNumber: '+31 20 123 4567', whatsappCatalogId: '1234567890' },
      ],
      ['SMS', {}],
    ] as const) {
      const id = (await t.request('POST', '/v1/admin/channels', { body: { name, ...settings } })).body.id;
      const key = (await t.request('POST', '/v1/admin/api-keys', { body: { name, role: 'channel', channelId: id } }))
        .body.key;
      channels.push({ id, key });
    }
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(feeds.map((feed) => feed.stop()));
  });

  describe('ranking and grouping', () => {
    it('ranks a product with the words in its title above one with them only in its description', async () => {
      const result = await search({ q: 'running shoes' });
      expect(titles(result.items).slice(0, 2)).toEqual(['Trail Running Shoes', 'Leather Wallet']);
      expect(result.items[0]!.score).toBeGreaterThan(result.items[1]!.score);
    });

    it('groups offers of one product: the best matching offer, and how many offers matched', async () => {
      const result = await search({ q: 'trail' });
      expect(result.total).toBe(1);
      expect(result.items[0]!.offerCount).toBe(2);
      expect(result.items[0]!.bestOffer).toMatchObject({
        title: 'Trail hardloopschoenen',
        priceMinor: '8500',
        retailerId: retailers[1]!.id,
      });
    });

    it('formats prices for the channel locale', async () => {
      const [hit] = (await search({ q: 'waterkoker' })).items;
      expect(hit!.bestOffer.price).toBe('€\u00a024,50');
      const [sms] = (await search({ q: 'waterkoker' }, channels[1]!)).items;
      expect(sms!.bestOffer.price).toBe('€24.50');
    });
  });

  describe('languages', () => {
    it('finds a Dutch singular from its plural, and the plural from the singular', async () => {
      expect(titles((await search({ q: 'schoenen' })).items)).toContain('Rode schoen voor dames');
      expect(titles((await search({ q: 'hardloopschoen' })).items)).toContain('Trail hardloopschoenen');
    });

    it('finds Chinese titles from Chinese queries of one or several words', async () => {
      expect(titles((await search({ q: '手机' })).items)).toEqual(['华为智能手机 Mate 60']);
      expect(titles((await search({ q: '智能手机' })).items)).toEqual(['华为智能手机 Mate 60']);
      expect(titles((await search({ q: '手表' })).items)).toEqual(['小米手表 黑色']);
      expect((await search({ q: '手机壳' })).total).toBe(0);
    });

    it('folds accents, so a query with or without them finds the same', async () => {
      expect(titles((await search({ q: 'léather wállet' })).items)).toEqual(['Leather Wallet']);
    });
  });

  describe('typo fallback', () => {
    it('searches the closest known words when the words as written find little, and says so', async () => {
      const result = await search({ q: 'electrik kettel' });
      expect(result).toMatchObject({ query: 'electric kettle', corrected: true, total: 1 });
      expect(titles(result.items)).toEqual(['Electric Kettle']);
    });

    it('leaves a query that finds enough as written', async () => {
      expect(await search({ q: 'running' })).toMatchObject({ query: 'running', corrected: false });
    });
  });

  describe('filters', () => {
    it('filters by a category and everything below it', async () => {
      const apparel = await search({ category: 166, limit: 50 });
      expect(titles(apparel.items).sort()).toEqual([
        'Leather Wallet',
        'Rode schoen voor dames',
        'Running Shorts',
        'Trail hardloopschoenen',
        'Used Running Jacket',
      ]);
      expect(titles((await search({ category: 187 })).items).sort()).toEqual([
        'Rode schoen voor dames',
        'Trail hardloopschoenen',
      ]);
    });

    it('filters by brand without case, retailer, price range, availability and condition', async () => {
      expect(titles((await search({ brand: 'STRIDE', sort: 'price_asc' })).items)).toEqual([
        'Running Shorts',
        'Used Running Jacket',
        'Trail Running Shoes',
      ]);
      expect(titles((await search({ retailer: retailers[2]!.id, sort: 'price_asc' })).items)).toEqual([
        '小米手表 黑色',
        '华为智能手机 Mate 60',
      ]);
      expect(
        titles((await search({ minPrice: 2450, maxPrice: 3000, currency: 'EUR', sort: 'price_asc' })).items),
      ).toEqual(['Waterkoker RVS', 'Leather Wallet', 'Electric Kettle']);
      expect(titles((await search({ q: 'kettle', availability: 'in_stock' })).items)).toEqual([]);
      expect(titles((await search({ condition: 'used' })).items)).toEqual(['Used Running Jacket']);
    });

    it('refuses a price range upside down and an unknown sort, naming the field', async () => {
      const upsideDown = await t.request('GET', '/v1/channel/search?minPrice=50&maxPrice=10', {
        key: channels[0]!.key,
      });
      expect(upsideDown.status).toBe(400);
      expect(upsideDown.body.errors).toEqual([{ field: 'maxPrice', message: 'must not be below minPrice' }]);
      const sort = await t.request('GET', '/v1/channel/search?sort=cheapest', { key: channels[0]!.key });
      expect(sort.status).toBe(400);
      expect(sort.body.errors[0].field).toBe('sort');
    });

    it('sorts by price up and down, and newest first', async () => {
      const up = (await search({ sort: 'price_asc', limit: 50 })).items.map((hit) => Number(hit.bestOffer.priceMinor));
      expect(up).toEqual([...up].sort((a, b) => a - b));
      const down = (await search({ sort: 'price_desc', limit: 50 })).items.map((hit) =>
        Number(hit.bestOffer.priceMinor),
      );
      expect(down).toEqual([...up].reverse());
      // The Chinese catalog was synced last.
      expect(titles((await search({ sort: 'newest', limit: 2 })).items).sort()).toEqual([
        '华为智能手机 Mate 60',
        '小米手表 黑色',
      ]);
    });
  });

  describe('facets', () => {
    it('counts products per child category, brand, retailer and price bucket', async () => {
      const all = await facets({});
      expect(all.total).toBe(9);
      expect(all.approximate).toBe(false);
      expect(all.category).toEqual([
        { value: '166', label: 'Apparel & Accessories', count: 5 },
        { value: '222', label: 'Electronics', count: 2 },
        { value: '536', label: 'Home & Garden', count: 2 },
      ]);
      expect(all.brand.slice(0, 2)).toEqual([
        { value: 'stride', label: 'Stride', count: 3 },
        { value: 'boil', label: 'Boil', count: 2 },
      ]);
      expect(all.retailer.map((value: { count: number }) => value.count)).toEqual([5, 3, 2]);
      expect(all.price).toEqual([
        { value: '2000-4999', label: '€\u00a020,00 – €\u00a049,99', count: 5 },
        { value: '5000-9999', label: '€\u00a050,00 – €\u00a099,99', count: 2 },
        { value: '10000-19999', label: '€\u00a0100,00 – €\u00a0199,99', count: 1 },
        { value: '50000-99999', label: '€\u00a0500,00 – €\u00a0999,99', count: 1 },
      ]);
    });

    it('counts within the words and filters, and a category facet drills into the filtered category', async () => {
      const shoes = await facets({ q: 'running', category: 166 });
      expect(shoes.total).toBe(4);
      expect(shoes.category).toEqual([
        { value: '1604', label: 'Clothing', count: 2 },
        { value: '6551', label: 'Handbags, Wallets & Cases', count: 1 },
        { value: '187', label: 'Shoes', count: 1 },
      ]);
    });

    it('gives buckets whose value is a usable price filter', async () => {
      const bucket = (await facets({})).price[0];
      const [minPrice, maxPrice] = bucket.value.split('-');
      expect((await search({ minPrice, maxPrice, currency: 'EUR' })).total).toBe(bucket.count);
    });
  });

  describe('paging', () => {
    it('pages with a cursor without repeating or skipping a product while offers change between pages', async () => {
      const before = await search({ sort: 'price_asc', limit: 50 });
      const seen: string[] = [];
      let page = await search({ sort: 'price_asc', limit: 3 });
      seen.push(...page.items.map((hit) => hit.productId));
      // Between pages: a new cheap offer appears, a new expensive one too, and an offer already shown changes nothing.
      feeds[0]!.setBody(
        rssFeed([
          ...CATALOGS[0]!.items,
          { id: 'A6', title: 'Cheap Socks', price: '1.00 EUR' },
          { id: 'A7', title: 'Golden Boots', price: '999.00 EUR' },
        ]),
      );
      expect((await syncAndWait(t, retailers[0]!.config)).status).toBe('succeeded');
      while (page.nextCursor) {
        page = await search({ sort: 'price_asc', limit: 3, cursor: page.nextCursor });
        seen.push(...page.items.map((hit) => hit.productId));
      }
      expect(new Set(seen).size).toBe(seen.length);
      for (const hit of before.items) expect(seen).toContain(hit.productId);
      expect(seen.length).toBe(before.items.length + 1); // the expensive newcomer sorts after the cursor; the cheap one before it
      feeds[0]!.setBody(rssFeed(CATALOGS[0]!.items));
      expect((await syncAndWait(t, retailers[0]!.config)).status).toBe('succeeded');
    });

    it('keeps the corrected words for later pages', async () => {
      const first = await search({ q: 'runing', limit: 1 });
      expect(first).toMatchObject({ query: 'running', corrected: true });
      const second = await search({ q: 'runing', limit: 1, cursor: first.nextCursor! });
      expect(second.query).toBe('running');
      expect(second.items[0]!.productId).not.toBe(first.items[0]!.productId);
    });

    it('refuses a cursor it did not make', async () => {
      const response = await t.request('GET', '/v1/channel/search?cursor=bm9wZQ', { key: channels[0]!.key });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('cursor');
    });
  });

  describe('browse', () => {
    it('lists a level of the category tree with the products under each category', async () => {
      const roots = (await t.request('GET', '/v1/channel/categories', { key: channels[0]!.key })).body;
      expect(roots.parent).toBeNull();
      expect(roots.categories.map((category: { label: string }) => category.label)).toEqual([
        'Apparel & Accessories',
        'Electronics',
        'Home & Garden',
      ]);
      const apparel = (await t.request('GET', '/v1/channel/categories?parent=166', { key: channels[0]!.key })).body;
      expect(apparel.parent).toMatchObject({ id: 166, name: 'Apparel & Accessories' });
      expect(apparel.total).toBe(5);
      expect((await t.request('GET', '/v1/channel/categories?parent=99999999', { key: channels[0]!.key })).status).toBe(
        404,
      );
    });

    it("shows a retailer's storefront with its own offers only", async () => {
      const store = (
        await t.request('GET', `/v1/channel/retailers/${retailers[1]!.id}/storefront?sort=price_asc`, {
          key: channels[0]!.key,
        })
      ).body;
      expect(store.retailer).toMatchObject({ id: retailers[1]!.id, name: 'Shop nl' });
      expect(titles(store.items)).toEqual(['Waterkoker RVS', 'Rode schoen voor dames', 'Trail hardloopschoenen']);
      expect(store.items.find((hit: Hit) => hit.bestOffer.title === 'Trail hardloopschoenen').offerCount).toBe(1);
    });
  });

  describe('buy in chat', () => {
    it('gives a click-to-chat link whose prefilled message resolves back to the product', async () => {
      const trail = (await search({ q: 'trail' })).items[0]!;
      const share = await t.request('GET', `/v1/channel/products/${trail.productId}/share`, { key: channels[0]!.key });
      expect(share.status).toBe(200);
      expect(share.body.link).toMatch(/^https:\/\/wa\.me\/31201234567\?text=/);
      expect(decodeURIComponent(share.body.link.split('?text=')[1])).toBe(share.body.text);
      const edited = `hi! ${share.body.text} size 42 please`;
      const resolved = await t.request('POST', '/v1/channel/resolve', {
        key: channels[0]!.key,
        body: { text: edited },
      });
      expect(resolved.status).toBe(200);
      expect(resolved.body.productId).toBe(trail.productId);
      expect(resolved.body.product.offers).toHaveLength(2);
    });

    it('answers 404 for a message without a reference and 409 naming whatsappNumber for a channel without a number', async () => {
      expect(
        (
          await t.request('POST', '/v1/channel/resolve', {
            key: channels[0]!.key,
            body: { text: 'do you have shoes?' },
          })
        ).status,
      ).toBe(404);
      const trail = (await search({ q: 'trail' })).items[0]!;
      const share = await t.request('GET', `/v1/channel/products/${trail.productId}/share`, { key: channels[1]!.key });
      expect(share.status).toBe(409);
      expect(share.body.errors[0].field).toBe('whatsappNumber');
    });
  });

  describe('chat-ready output', () => {
    it('gives compact cards with the buy-in-chat link, and SMS texts of at most 160 characters', async () => {
      const cards = (await t.request('GET', '/v1/channel/search?q=trail&format=cards', { key: channels[0]!.key })).body;
      expect(cards.cards).toHaveLength(1);
      expect(cards.cards[0]).toMatchObject({
        title: 'Trail hardloopschoenen',
        price: '€\u00a085,00',
        subtitle: '2 offers',
        imageUrl: 'https://shop.example/i/B2.jpg',
      });
      expect(cards.cards[0].link).toMatch(/^https:\/\/wa\.me\/31201234567\?text=/);
      const plain = (
        await t.request('GET', '/v1/channel/search?sort=price_asc&format=plain', { key: channels[1]!.key })
      ).body;
      expect(plain.texts).toHaveLength(9);
      expect(plain.texts[0]).toBe('Running Shorts · €20.00 · Stride\nhttps://shop.example/p/A4');
      for (const text of plain.texts) expect(text.length).toBeLessThanOrEqual(160);
    });

    it('gives WhatsApp list, reply-button and multi-product payloads within their limits', async () => {
      const list = (
        await t.request('GET', '/v1/channel/search?limit=50&format=whatsapp_list&to=31612345678', {
          key: channels[0]!.key,
        })
      ).body;
      expect(list.payload).toMatchObject({
        messaging_product: 'whatsapp',
        to: '31612345678',
        type: 'interactive',
        interactive: { type: 'list' },
      });
      expect(list.payload.interactive.action.sections[0].rows).toHaveLength(9);
      for (const row of list.payload.interactive.action.sections[0].rows) {
        expect(row.title.length).toBeLessThanOrEqual(24);
        expect(row.description.length).toBeLessThanOrEqual(72);
      }
      const buttons = (await t.request('GET', '/v1/channel/search?format=whatsapp_buttons', { key: channels[0]!.key }))
        .body;
      expect(buttons.payload.type).toBe('button');
      expect(buttons.payload.action.buttons).toHaveLength(3);
      expect(buttons.dropped).toEqual({ buttons: 6 });
      for (const button of buttons.payload.action.buttons) expect(button.reply.title.length).toBeLessThanOrEqual(20);
      // Labels are numbered, so titles that are alike once cut to 20 characters stay distinct.
      const alike = (
        await t.request('GET', '/v1/channel/search?q=running&format=whatsapp_buttons', { key: channels[0]!.key })
      ).body;
      expect(alike.payload.action.buttons.map((button: { reply: { title: string } }) => button.reply.title[0])).toEqual(
        ['1', '2', '3'],
      );
      const products = (
        await t.request('GET', '/v1/channel/search?format=whatsapp_product_list&category=166', {
          key: channels[0]!.key,
        })
      ).body;
      expect(products.payload).toMatchObject({ type: 'product_list', action: { catalog_id: '1234567890' } });
      const ids = products.payload.action.sections.flatMap(
        (section: { product_items: { product_retailer_id: string }[] }) =>
          section.product_items.map((item) => item.product_retailer_id),
      );
      expect(ids).toHaveLength(5);
      const noCatalog = await t.request('GET', '/v1/channel/search?format=whatsapp_product_list', {
        key: channels[1]!.key,
      });
      expect(noCatalog.status).toBe(400);
      expect(noCatalog.body.errors[0].field).toBe('format');
    });
  });

  describe('personal ranking', () => {
    it('boosts the categories and brands a user showed interest in, and recommends from them what they did not buy', async () => {
      const plain = await search({ sort: 'relevance', limit: 50 });
      expect(new Set(plain.items.map((hit) => hit.score))).toEqual(new Set([1]));
      const kettle = (await search({ q: 'waterkoker' })).items[0]!;
      const wallet = (await search({ q: 'wallet' })).items[0]!;
      for (const type of ['viewed', 'added_to_cart', 'purchased']) {
        expect(
          (
            await t.request('POST', '/v1/channel/events', {
              key: channels[0]!.key,
              body: { userRef: '+31612345678', type, productId: kettle.productId },
            })
          ).status,
        ).toBeLessThan(300);
      }
      expect(
        (
          await t.request('POST', '/v1/channel/events', {
            key: channels[0]!.key,
            body: { userRef: '+31612345678', type: 'viewed', productId: wallet.productId },
          })
        ).status,
      ).toBeLessThan(300);
      const personal = await search({ sort: 'relevance', limit: 50, user: '+31612345678' });
      expect(titles(personal.items).slice(0, 2).sort()).toEqual(['Electric Kettle', 'Waterkoker RVS']);
      expect(titles(personal.items)[2]).toBe('Leather Wallet');
      const recommended = (
        await t.request('GET', `/v1/channel/users/${encodeURIComponent('+31612345678')}/recommendations`, {
          key: channels[0]!.key,
        })
      ).body;
      expect(titles(recommended.items)).toEqual(['Electric Kettle', 'Leather Wallet']);
      const stranger = await search({ sort: 'relevance', limit: 50, user: 'someone-else' });
      expect(new Set(stranger.items.map((hit) => hit.score))).toEqual(new Set([1]));
    });
  });

  describe('channel visibility', () => {
    afterEach(async () => {
      await t.request('PUT', '/v1/retailer/channel-policy', {
        key: retailers[1]!.key,
        body: { mode: 'all', channelIds: [] },
      });
    });

    it('keeps a retailer that denies a channel out of its search, facets, counts, browse and detail, and shows it to other channels', async () => {
      await t.request('PUT', '/v1/retailer/channel-policy', {
        key: retailers[1]!.key,
        body: { mode: 'deny_listed', channelIds: [channels[0]!.id] },
      });
      const [denied, allowed] = channels as [{ id: string; key: string }, { id: string; key: string }];
      const trail = await search({ q: 'trail' }, denied);
      expect(trail.items[0]!.offerCount).toBe(1);
      expect(trail.items[0]!.bestOffer.retailerId).toBe(retailers[0]!.id);
      expect((await search({ q: 'trail' }, allowed)).items[0]!.offerCount).toBe(2);
      expect((await search({ q: 'waterkoker' }, denied)).total).toBe(0);
      expect((await search({ q: 'waterkoker' }, allowed)).total).toBe(1);
      expect((await search({ retailer: retailers[1]!.id }, denied)).total).toBe(0);

      const deniedFacets = await facets({}, denied);
      expect(deniedFacets.total).toBe(7);
      expect(deniedFacets.retailer.map((value: { value: string }) => value.value)).not.toContain(retailers[1]!.id);
      expect((await facets({}, allowed)).retailer.map((value: { value: string }) => value.value)).toContain(
        retailers[1]!.id,
      );

      expect((await t.request('GET', '/v1/channel/categories?parent=166', { key: denied.key })).body.total).toBe(4);
      expect((await t.request('GET', '/v1/channel/categories?parent=166', { key: allowed.key })).body.total).toBe(5);
      expect(
        (await t.request('GET', `/v1/channel/retailers/${retailers[1]!.id}/storefront`, { key: denied.key })).status,
      ).toBe(404);
      expect(
        (await t.request('GET', `/v1/channel/retailers/${retailers[1]!.id}/storefront`, { key: allowed.key })).status,
      ).toBe(200);

      const kettle = (await search({ q: 'waterkoker' }, allowed)).items[0]!;
      expect((await t.request('GET', `/v1/channel/products/${kettle.productId}`, { key: denied.key })).status).toBe(
        404,
      );
      expect(
        (await t.request('GET', `/v1/channel/products/${kettle.productId}/share`, { key: denied.key })).status,
      ).toBe(404);
      expect((await t.request('GET', `/v1/channel/products/${kettle.productId}`, { key: allowed.key })).status).toBe(
        200,
      );
    });

    it('keeps an offer an operator hid from a channel out of its search and facets', async () => {
      const [channel] = channels as [{ id: string; key: string }];
      const kettle = (await search({ q: 'waterkoker' })).items[0]!;
      await t.request('PUT', `/v1/admin/channels/${channel.id}/hidden-offers/${kettle.bestOffer.offerId}`);
      expect((await search({ q: 'waterkoker' })).total).toBe(0);
      expect((await facets({ q: 'waterkoker' })).total).toBe(0);
      await t.request('DELETE', `/v1/admin/channels/${channel.id}/hidden-offers/${kettle.bestOffer.offerId}`);
      expect((await search({ q: 'waterkoker' })).total).toBe(1);
    });
  });
});
