import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { FeedServer, rssFeed, type FeedItem } from '../../../test/support/feed-server.js';

const SIZE_40 = '8712345000400';
const SIZE_41 = '8712345000417';
const SIZE_42 = '8712345000424';
const MUG = '8712345000998';

/**
 * Shop A files a sneaker in three sizes as one item group, each size with its own GTIN; a T-shirt in two sizes as a
 * group without GTINs; a mug alone. Shop B sells size 41 of the sneaker on its own, cheaper, and a mug of its own.
 */
const SHOP_A: FeedItem[] = [
  ...[
    ['40', SIZE_40],
    ['41', SIZE_41],
    ['42', SIZE_42],
  ].map(([size, gtin]) => ({
    id: `RUN-${size}`,
    title: `Runner Sneaker black ${size}`,
    price: '89.95 EUR',
    gtin,
    brand: 'Stride',
    itemGroupId: 'RUN',
    attributes: { color: 'black', size: size! },
  })),
  ...['M', 'S'].map((size) => ({
    id: `TEE-${size}`,
    title: `Linen Tee ${size}`,
    description: 'A linen tee, cut loose.',
    price: '25.00 EUR',
    itemGroupId: 'TEE',
    attributes: { size },
    additionalImages: [`https://shop.example/i/tee-${size}-back.jpg`],
  })),
  { id: 'MUG-A', title: 'Enamel Mug', price: '12.00 EUR', gtin: MUG },
];
const SHOP_B: FeedItem[] = [
  { id: 'B-41', title: 'Stride Runner 41', price: '79.95 EUR', gtin: SIZE_41, attributes: { size: '41' } },
  { id: 'B-MUG', title: 'Camp Mug', price: '9.00 EUR' },
];

interface OfferView {
  offerId: string;
  retailerName: string;
  retailerItemId: string;
  variantKey: string;
  gtin: string | null;
  variantAttributes: Record<string, string>;
  condition: string;
  price: string;
  regularPrice: string | null;
  imageLink: string | null;
  shipsTo: string[];
}
interface ProductView {
  id: string;
  title: string;
  description: string | null;
  images: string[];
  choices: { name: string; values: string[] }[];
  variants: { key: string; gtin: string | null; attributes: Record<string, string>; bestOfferId: string }[];
  offers: OfferView[];
  bestOfferReason: string;
}
interface SearchHit {
  productId: string;
  offerCount: number;
  variantCount: number;
  choices: { name: string; values: string[] }[];
  bestOffer: { retailerName: string; description: string | null; price: string; condition: string; shipsTo: string[] };
}

describe('product groups: one product per model, its variants and what a card shows', () => {
  let t: TestApp;
  const feeds = [new FeedServer(), new FeedServer()];
  let channelKey: string;

  beforeAll(async () => {
    t = await startTestApp();
    for (const [index, [items, countries]] of (
      [
        [SHOP_A, ['NL', 'BE']],
        [SHOP_B, ['DE']],
      ] as const
    ).entries()) {
      const retailerId = (
        await t.request('POST', '/v1/admin/retailers', {
          body: {
            name: `Shop ${'AB'[index]}`,
            slug: `shop-${index}`,
            defaultCurrency: 'EUR',
            contactEmail: `s${index}@x.example`,
            countries,
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

  const get = async <T>(path: string): Promise<T> => {
    const response = await t.request('GET', path, { key: channelKey });
    if (response.status !== 200)
      throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as T;
  };
  const search = async (q: string) =>
    (await get<{ items: SearchHit[] }>(`/v1/channel/search?q=${encodeURIComponent(q)}`)).items;

  it('makes one product of an item group whose variants have different GTINs, with its sizes as a choice', async () => {
    const hits = await search('sneaker');
    expect(hits).toHaveLength(1);
    const product = await get<ProductView>(`/v1/channel/products/${hits[0]!.productId}`);
    expect(product.variants.map((variant) => variant.gtin).sort()).toEqual(
      [SIZE_40, SIZE_41, SIZE_42].map((gtin) => gtin.padStart(14, '0')),
    );
    expect(product.choices).toEqual([{ name: 'size', values: ['40', '41', '42'] }]);
  });

  it('joins another retailer’s offer of one GTIN of a group to that variant, so the two offers compare', async () => {
    const hits = await search('runner');
    expect(hits).toHaveLength(1);
    const hit = hits[0];
    const product = await get<ProductView>(`/v1/channel/products/${hit!.productId}`);
    const size41 = product.offers.filter((offer) => offer.gtin === SIZE_41.padStart(14, '0'));
    expect(size41.map((offer) => offer.retailerName)).toEqual(['Shop B', 'Shop A']);
    expect(new Set(size41.map((offer) => offer.variantKey)).size).toBe(1);
    expect(product.variants[0]!.bestOfferId).toBe(size41[0]!.offerId);
    expect(hit!.variantCount).toBe(3);
    expect(hit!.offerCount).toBe(4);
  });

  it('keeps the variants of a group without GTINs apart: one product, a variant per item, sizes to choose', async () => {
    const hits = await search('linen tee');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.variantCount).toBe(2);
    expect(hits[0]!.choices).toEqual([{ name: 'size', values: ['S', 'M'] }]);
    const product = await get<ProductView>(`/v1/channel/products/${hits[0]!.productId}`);
    expect(product.variants).toHaveLength(2);
    expect(product.variants.map((variant) => variant.attributes.size).sort()).toEqual(['M', 'S']);
    expect(new Set(product.offers.map((offer) => offer.variantKey)).size).toBe(2);
  });

  it('leaves unrelated items apart: two mugs without a shared GTIN or group are two products', async () => {
    const hits = await search('mug');
    expect(hits).toHaveLength(2);
    for (const hit of hits) expect(hit.variantCount).toBe(1);
  });

  it('gives a card what it needs: images, description, retailer, formatted prices, condition, ships-to', async () => {
    const [hit] = await search('linen tee');
    expect(hit!.bestOffer).toMatchObject({
      retailerName: 'Shop A',
      description: 'A linen tee, cut loose.',
      price: '€\u00a025,00',
      condition: 'new',
      shipsTo: ['NL', 'BE'],
    });
    const product = await get<ProductView>(`/v1/channel/products/${hit!.productId}`);
    expect(product.description).toBe('A linen tee, cut loose.');
    expect(product.images).toEqual(
      expect.arrayContaining([
        'https://shop.example/i/TEE-M.jpg',
        'https://shop.example/i/tee-M-back.jpg',
        'https://shop.example/i/TEE-S.jpg',
      ]),
    );
    expect(product.offers[0]).toMatchObject({
      retailerName: 'Shop A',
      price: '€\u00a025,00',
      regularPrice: null,
      condition: 'new',
      shipsTo: ['NL', 'BE'],
      imageLink: expect.stringMatching(/^https:\/\/shop\.example\/i\/TEE-[MS]\.jpg$/),
    });
  });

  it('says where a retailer ships on its storefront, before a checkout could refuse the address', async () => {
    const [hit] = await search('mug');
    const product = await get<ProductView & { offers: (OfferView & { retailerId: string })[] }>(
      `/v1/channel/products/${hit!.productId}`,
    );
    const { retailerId, shipsTo } = product.offers[0]!;
    const store = await get<{ retailer: { shipsTo: string[] } }>(`/v1/channel/retailers/${retailerId}/storefront`);
    expect(store.retailer.shipsTo).toEqual(shipsTo);
    expect([['NL', 'BE'], ['DE']]).toContainEqual(shipsTo);
  });

  it('finds the product of a variant by its GTIN', async () => {
    const [hit] = await search('sneaker');
    const byGtin = await t.request('GET', `/v1/admin/products/by-gtin?gtin=${SIZE_42}`);
    expect(byGtin.status).toBe(200);
    expect(byGtin.body.id).toBe(hit!.productId);
  });
});
