import { ShopifySandbox } from '#sandbox-shopify';
import { WooCommerceSandbox } from '#sandbox-woocommerce';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { FeedServer, rssFeed } from '../../../test/support/feed-server.js';

/**
 * Each platform's multi-variant product, in the shape of the platform's own documentation, read by its connector from a
 * server that speaks its API, and shown by the channel API as one product with its choices.
 */
interface ProductView {
  title: string;
  choices: { name: string; values: string[] }[];
  variants: { attributes: Record<string, string>; price: string }[];
  offers: { retailerName: string }[];
}

/** Shopify's REST Admin product example: an iPod Nano in four colours, one option, barcodes that are no GTIN. */
function shopifyIpod(sandbox: ShopifySandbox): void {
  sandbox.createProduct({
    title: 'IPod Nano - 8GB',
    body_html: "<p>It's the small iPod with one very big idea: <strong>Video</strong>.</p>",
    vendor: 'Apple',
    product_type: 'Cult Products',
    handle: 'ipod-nano',
    tags: 'Emotive, Flash Memory, MP3, Music',
    options: ['Color'],
    images: [{ src: 'https://cdn.shopify.example/s/files/1/ipod-nano.png' }],
    variants: ['Pink', 'Red', 'Green', 'Black'].map((color) => ({
      title: color,
      price: '199.00',
      sku: `IPOD2008${color.toUpperCase()}`,
      barcode: `1234_${color.toLowerCase()}`,
      option1: color,
      inventory_quantity: 10,
      inventory_management: 'shopify' as const,
    })),
  });
}

/** WooCommerce's REST API "create a variable product" example: a T-shirt by colour and size, a variation each. */
async function wooShipYourIdea(sandbox: WooCommerceSandbox): Promise<void> {
  const colors = ['Black', 'Green'];
  const sizes = ['S', 'M'];
  await sandbox.addVariableProduct({
    name: 'Ship Your Idea',
    description: '<p>Pellentesque habitant morbi tristique senectus et netus et malesuada fames.</p>',
    attributes: [
      { name: 'Color', options: colors, global: true },
      { name: 'Size', options: sizes },
    ],
    variations: colors.flatMap((color) =>
      sizes.map((size) => ({ options: [color, size], regularPrice: '9.00', sku: `SYI-${color[0]}${size}` })),
    ),
  });
}

/** Google's item_group_id example: a shirt in two colours and three sizes, each variant with its own GTIN. */
const GOOGLE_SHIRT = ['Green', 'Blue'].flatMap((color, c) =>
  ['S', 'M', 'L'].map((size, s) => ({
    id: `CLO-29473856-${color[0]}${size}`,
    title: `Women's Tee - ${color} - ${size}`,
    price: '15.99 USD',
    itemGroupId: 'CLO-29473856',
    brand: 'Google',
    gtin: gtin13(`40123456${c}${s}00`),
    attributes: { color, size, gender: 'female', age_group: 'adult' },
  })),
);

function gtin13(first12: string): string {
  const sum = [...first12].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0);
  return `${first12}${(10 - (sum % 10)) % 10}`;
}

describe('connectors: a multi-variant product of each platform is one Souk product with its choices', () => {
  let t: TestApp;
  const shopify = new ShopifySandbox({ accessToken: 'shpat_test', webhookSecret: 'secret', products: 0 });
  const woo = new WooCommerceSandbox({
    consumerKey: 'ck_test',
    consumerSecret: 'cs_test',
    webhookSecret: 'secret',
    products: 0,
  });
  const feed = new FeedServer();
  let channelKey: string;

  const connect = async (name: string, currency: string, connector: object) => {
    const retailerId = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name, slug: name.toLowerCase(), defaultCurrency: currency, contactEmail: 'shop@example.com' },
      })
    ).body.id;
    const created = await t.request('POST', '/v1/admin/connector-configs', {
      body: { retailerId, name, ...connector },
    });
    expect(created.status).toBe(201);
    const run = await syncAndWait(t, created.body.id);
    expect(run).toMatchObject({ status: 'succeeded' });
  };

  beforeAll(async () => {
    t = await startTestApp();
    shopifyIpod(shopify);
    await wooShipYourIdea(woo);
    feed.setBody(rssFeed(GOOGLE_SHIRT));
    await connect('Shopify', 'EUR', {
      connectorId: 'shopify',
      settings: { shopUrl: await shopify.listen(), requestsPerSecond: 8 },
      secrets: { accessToken: 'shpat_test', webhookSecret: 'secret' },
    });
    await connect('Woo', 'EUR', {
      connectorId: 'woocommerce',
      settings: { siteUrl: await woo.listen(), requestsPerSecond: 20 },
      secrets: { consumerKey: 'ck_test', consumerSecret: 'cs_test', webhookSecret: 'secret' },
    });
    await connect('Feed', 'USD', {
      connectorId: 'google-merchant-feed',
      settings: { source: 'url', url: await feed.start() },
    });
    const channelId = (await t.request('POST', '/v1/admin/channels', { body: { name: 'Chat', locale: 'en-US' } })).body
      .id;
    channelKey = (await t.request('POST', '/v1/admin/api-keys', { body: { name: 'chat', role: 'channel', channelId } }))
      .body.key;
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([shopify.close(), woo.close(), feed.stop()]);
  });

  const shown = async (words: string): Promise<{ variantCount: number; product: ProductView }> => {
    const search = await t.request('GET', `/v1/channel/search?q=${encodeURIComponent(words)}`, { key: channelKey });
    expect(search.status).toBe(200);
    expect(search.body.items).toHaveLength(1);
    const [hit] = search.body.items as { productId: string; variantCount: number }[];
    const product = await t.request('GET', `/v1/channel/products/${hit!.productId}`, { key: channelKey });
    expect(product.status).toBe(200);
    return { variantCount: hit!.variantCount, product: product.body as ProductView };
  };

  it('Shopify: a product with a Color option is one product whose colours are its variants', async () => {
    const { variantCount, product } = await shown('ipod nano');
    expect(variantCount).toBe(4);
    expect(product.choices).toEqual([{ name: 'color', values: expect.arrayContaining(['Pink', 'Red', 'Green']) }]);
    expect(product.choices[0]!.values).toHaveLength(4);
    expect(product.variants.map((variant) => variant.attributes.color).sort()).toEqual([
      'Black',
      'Green',
      'Pink',
      'Red',
    ]);
    expect(product.offers.every((offer) => offer.retailerName === 'Shopify')).toBe(true);
  });

  it('WooCommerce: a variable product is one product; its variations are the variants, by colour and size', async () => {
    const { variantCount, product } = await shown('ship your idea');
    expect(variantCount).toBe(4);
    expect(product.choices).toEqual([
      { name: 'color', values: expect.arrayContaining(['Black', 'Green']) },
      { name: 'size', values: ['S', 'M'] },
    ]);
    expect(product.variants).toHaveLength(4);
    for (const variant of product.variants) expect(variant.price).toBe('€9.00');
  });

  it('Google feed: items of one item_group_id with their own GTINs are one product, by colour and size', async () => {
    const { variantCount, product } = await shown("women's tee");
    expect(variantCount).toBe(6);
    expect(product.choices).toEqual([
      { name: 'color', values: expect.arrayContaining(['Green', 'Blue']) },
      { name: 'size', values: ['S', 'M', 'L'] },
    ]);
    expect(product.variants.map((variant) => variant.attributes.size).sort()).toEqual(['L', 'L', 'M', 'M', 'S', 'S']);
  });
});
