import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WooCommerceSandbox } from '#sandbox-woocommerce';
import { woocommerceConnector as connector } from '../src/index.js';
import { KEY, WEBHOOK_SECRET, wooContext } from './support/woo-context.js';

describe('woocommerce check', () => {
  let sandbox: WooCommerceSandbox;
  beforeEach(async () => {
    sandbox = new WooCommerceSandbox({ ...KEY, webhookSecret: WEBHOOK_SECRET, products: 30, seed: 5 });
    await sandbox.listen();
  });
  afterEach(() => sandbox.close());

  const check = (settings: Record<string, unknown> = {}, options: Parameters<typeof wooContext>[1] = {}) =>
    connector.check(wooContext({ siteUrl: sandbox.siteUrl, ...settings }, { http: { maxRetries: 0 }, ...options }));

  it('connects: counts the published products, reads the currency and confirms the key may write, changing nothing', async () => {
    const published = sandbox.products().filter((product) => product.status === 'publish').length;
    const result = await check();
    expect(result).toEqual({
      ok: true,
      message: `Connected to WooCommerce at ${new URL(sandbox.siteUrl).host}: ${published} published products. The shop sells in EUR. The API key may create orders.`,
    });
    expect(sandbox.requestCount('POST /orders/batch')).toBe(1);
    expect(sandbox.ordersCreated()).toBe(0);
  });

  it('accepts a pasted REST API address or admin address as the site URL', async () => {
    expect(await check({ siteUrl: `${sandbox.siteUrl}/wp-json/wc/v3/` })).toMatchObject({ ok: true });
    expect(await check({ siteUrl: `${sandbox.siteUrl}/wp-admin/admin.php?page=wc-settings` })).toMatchObject({
      ok: true,
    });
  });

  it('says "credentials" for a wrong secret or an unknown key, with what to create, and why http:// may be the cause', async () => {
    const wrongSecret = await check({}, { secrets: { consumerKey: KEY.consumerKey, consumerSecret: 'cs_nope' } });
    expect(wrongSecret).toMatchObject({ ok: false, reason: 'credentials' });
    if (wrongSecret.ok) return;
    expect(wrongSecret.message).toContain(
      '(HTTP 401, woocommerce_rest_authentication_error: "Consumer secret is invalid.")',
    );
    expect(wrongSecret.message).toContain('WooCommerce → Settings → Advanced → REST API with Read/Write permission');
    expect(wrongSecret.message).toContain('use the https:// address');
    expect(wrongSecret.message).not.toContain('cs_nope');
    const unknownKey = await check({}, { secrets: { consumerKey: 'ck_unknown', consumerSecret: 'cs_unknown' } });
    expect(unknownKey).toMatchObject({
      ok: false,
      reason: 'credentials',
      message: expect.stringContaining('woocommerce_rest_cannot_view'),
    });
  });

  it('says "permission" for a Read-only key', async () => {
    const result = await check({}, { secrets: sandbox.readOnlyKey() });
    expect(result).toMatchObject({ ok: false, reason: 'permission' });
    if (result.ok) return;
    expect(result.message).toContain('can read but not create orders');
    expect(result.message).toContain('Read/Write permission');
  });

  it('says "not-found" where there is no WooCommerce REST API, naming the URL and permalinks', async () => {
    const result = await check({ siteUrl: `${sandbox.siteUrl}/blog` });
    expect(result).toMatchObject({ ok: false, reason: 'not-found' });
    if (result.ok) return;
    expect(result.message).toContain(`WooCommerce REST API not found at ${sandbox.siteUrl}/blog/wp-json/wc/v3/`);
    expect(result.message).toContain('permalinks are not "Plain"');
  });

  it('says "format" when the site answers with an HTML page', async () => {
    sandbox.serveHtml(true);
    expect(await check()).toMatchObject({
      ok: false,
      reason: 'format',
      message: expect.stringContaining('answered with an HTML page'),
    });
  });

  it('says "settings" when the shop sells in another currency than the retailer in Souk', async () => {
    expect(await check({}, { currency: 'USD' })).toMatchObject({
      ok: false,
      reason: 'settings',
      message: expect.stringContaining('sells in EUR, but this retailer'),
    });
  });

  it('says "settings" when the site redirects elsewhere', async () => {
    const redirecting: Server = createServer((request, response) =>
      response.writeHead(301, { location: `https://www.shop.example${request.url}` }).end(),
    );
    await new Promise<void>((done) => redirecting.listen(0, '127.0.0.1', done));
    try {
      const result = await check({ siteUrl: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}` });
      expect(result).toMatchObject({
        ok: false,
        reason: 'settings',
        message: expect.stringContaining('redirects to https://www.shop.example/wp-json/wc/v3/products'),
      });
    } finally {
      await new Promise((done) => redirecting.close(done));
    }
  });

  it('says "unreachable" when nothing answers', async () => {
    const siteUrl = sandbox.siteUrl;
    await sandbox.close();
    expect(await check({ siteUrl })).toMatchObject({
      ok: false,
      reason: 'unreachable',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });
});
