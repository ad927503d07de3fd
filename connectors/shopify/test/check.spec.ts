import type { ShopifySandbox } from '#sandbox-shopify';
import { shopifyConnector as connector } from '../src/index.js';
import { closeServer, htmlServer, shopifyContext, startShop } from './support/shopify-context.js';

describe('shopify check', () => {
  let sandbox: ShopifySandbox;
  let url: string;
  beforeEach(
    async () =>
      ({ sandbox, url } = await startShop({ products: 12, leakPerSecond: 20, shopName: 'Northwind Outfitters' })),
  );
  afterEach(() => sandbox.close());

  const check = (settings: Record<string, unknown>, options: Parameters<typeof shopifyContext>[1] = {}) =>
    connector.check(
      shopifyContext({ shopUrl: url, requestsPerSecond: 20, ...settings }, { http: { maxRetries: 0 }, ...options }),
    );

  it('connects, naming the shop and counting its active products', async () => {
    const active = sandbox.products().filter((product) => product.status === 'active').length;
    expect(await check({})).toEqual({
      ok: true,
      message: `Connected to Northwind Outfitters (souk-sandbox.myshopify.com): ${active} active products.`,
    });
  });

  it('explains a refused token and how to create one', async () => {
    expect(await check({}, { secrets: { accessToken: 'shpat_revoked' } })).toEqual({
      ok: false,
      reason: 'credentials',
      message:
        'The access token was refused: create an Admin API access token in your Shopify admin (Settings → Apps and sales channels → Develop apps) with read_products and write_orders, and paste it here',
    });
  });

  it('names the scopes the token lacks', async () => {
    sandbox.restrictScopes(['read_products', 'read_inventory']);
    const result = await check({});
    expect(result).toMatchObject({ ok: false, reason: 'permission' });
    expect(!result.ok && result.message).toMatch(
      /^The access token lacks the write_orders and read_orders scopes\. .*add write_orders and read_orders/,
    );
    // write_orders includes read_orders.
    sandbox.restrictScopes(['read_products', 'write_orders']);
    expect(await check({})).toMatchObject({
      ok: true,
      message: expect.stringContaining('The token lacks read_inventory; stock levels may be missing.'),
    });
  });

  it('says so when the URL is not a shop: a 404 under it, a page that is not the Admin API, no host, nothing listening', async () => {
    expect(await check({ shopUrl: `${url}/store` })).toEqual({
      ok: false,
      reason: 'not-found',
      message: `There is no Shopify Admin API at ${url}/store/admin/api/2024-10/shop.json (HTTP 404): check the shop URL, which is https://{your-shop}.myshopify.com, and the API version.`,
    });
    const html = await htmlServer();
    try {
      expect(await check({ shopUrl: html.url })).toEqual({
        ok: false,
        reason: 'not-found',
        message: `${html.url}/admin/api/2024-10/shop.json answered, but not as Shopify's Admin API does: check the shop URL, which is https://{your-shop}.myshopify.com.`,
      });
    } finally {
      await closeServer(html.server);
    }
    const unknownHost = await check({ shopUrl: 'https://no-such-shop.invalid' });
    expect(unknownHost).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^(not-found|unreachable)$/),
      message: expect.stringContaining('no-such-shop.invalid'),
    });
    await sandbox.close();
    expect(await check({})).toMatchObject({
      ok: false,
      reason: 'unreachable',
      message: expect.stringContaining('Shopify could not be reached: GET http://127.0.0.1'),
    });
  });

  it("refuses a shop whose currency is not the retailer's", async () => {
    expect(await check({}, { currency: 'USD' })).toMatchObject({
      ok: false,
      reason: 'settings',
      message: expect.stringContaining("The shop's prices are in EUR but this retailer's currency in Souk is USD"),
    });
  });

  it('notes an API version Shopify no longer serves and a missing webhook secret', async () => {
    const result = await check({ apiVersion: '2023-01' }, { secrets: { accessToken: 'shpat_connector_test_token' } });
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.message).toContain(
      'Shopify no longer serves API version 2023-01 and answered with 2024-10',
    );
    expect(result.ok && result.message).toContain('No webhook secret is set');
  });

  it('accepts the shop address as merchants paste it', () => {
    const parse = (shopUrl: string) => connector.spec.settings.parse({ shopUrl }).shopUrl;
    expect(parse('northwind.myshopify.com')).toBe('https://northwind.myshopify.com');
    expect(parse('https://northwind.myshopify.com/admin/products?x=1')).toBe('https://northwind.myshopify.com');
    expect(parse(' https://northwind.myshopify.com/ ')).toBe('https://northwind.myshopify.com');
    expect(connector.spec.settings.safeParse({ shopUrl: 'ftp://northwind.example' }).error?.issues[0]).toMatchObject({
      path: ['shopUrl'],
    });
    expect(connector.spec.settings.parse({ shopUrl: 'https://northwind.myshopify.com' })).toEqual({
      shopUrl: 'https://northwind.myshopify.com',
      apiVersion: '2024-10',
      requestsPerSecond: 2,
    });
  });
});
