import { startRecordingServer, type RecordingServer } from '../../../libs/outbound/test/support/recording-server.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import {
  channelWithKey,
  connectorAt,
  orderRouted,
  shopWithOffer,
  webhookTested,
  type ConnectorKind,
  type Shop,
} from '../../../test/support/ssrf-places.js';

const CONNECTORS: ConnectorKind[] = ['feed', 'shopify', 'woocommerce'];

/** Creates a config of the connector kind whose URL is `base`, through the retailer API. */
async function configAt(t: TestApp, shop: Shop, kind: ConnectorKind, base: string): Promise<string> {
  const { connectorId, settings, secrets } = connectorAt(kind, base);
  const created = await t.request('POST', '/v1/retailer/connector-configs', {
    key: shop.key,
    body: { connectorId, name: kind, settings, secrets },
  });
  if (created.status !== 201) throw new Error(`config not created: ${JSON.stringify(created.body)}`);
  return created.body.id;
}

/**
 * Server-side request forgery through redirects (issue 12, item 1): the operator allows exactly
 * one server (its host and port), which answers every request with a redirect to a loopback
 * listener on another port. Souk follows no redirect into it, at any place that takes a URL.
 */
describe('SSRF: a redirect from an allowed server to loopback', () => {
  let t: TestApp;
  let internal: RecordingServer;
  let redirector: RecordingServer;
  let shop: Shop;
  let buyer: { id: string; key: string };

  beforeAll(async () => {
    internal = await startRecordingServer();
    redirector = await startRecordingServer((request, response) => {
      // 307 keeps the method, so a POST would be sent on as a POST.
      response.writeHead(307, { location: `http://127.0.0.1:${internal.port}${request.url ?? '/'}` }).end();
    });
    t = await startTestApp({ SOUK_OUTBOUND_ALLOW: `127.0.0.1:${redirector.port}` });
    shop = await shopWithOffer(t, 'redirected-shop');
    buyer = await channelWithKey(t, 'Redirect buyer');
  });
  afterAll(async () => {
    await t.close();
    await internal.close();
    await redirector.close();
  });
  afterEach(() => {
    expect(internal.requests).toEqual([]);
  });

  it.each(CONNECTORS)('is not followed by a %s connector, at check or at sync', async (kind) => {
    const configId = await configAt(t, shop, kind, redirector.url('').replace(/\/$/, ''));
    const before = redirector.requests.length;

    const check = (await t.request('POST', `/v1/retailer/connector-configs/${configId}/check`, { key: shop.key })).body;
    const run = await syncAndWait(t, configId, { retailerKey: shop.key });

    expect(redirector.requests.length).toBeGreaterThan(before);
    expect(check.ok).toBe(false);
    expect(run.status).toBe('failed');
    if (kind === 'woocommerce') {
      // The WooCommerce connector follows no redirect at all, and says where the site moved.
      expect(check).toMatchObject({ reason: 'settings', message: expect.stringContaining('redirects to') });
    } else {
      expect(check).toMatchObject({
        reason: 'not-allowed',
        message: expect.stringContaining('refused by the outbound policy: 127.0.0.1 is a loopback address'),
      });
      expect(run.error).toContain('refused by the outbound policy: 127.0.0.1 is a loopback address');
    }
  });

  it('is not followed by an order webhook: the retailer order fails as refused by a redirect', async () => {
    expect(
      (
        await t.request('PUT', '/v1/retailer/order-settings', {
          key: shop.key,
          body: { method: 'webhook', webhookUrl: redirector.url('/orders') },
        })
      ).status,
    ).toBe(200);

    const routed = await orderRouted(t, buyer.key, shop, (status) => status !== 'pending');

    expect(routed.status).toBe('failed');
    expect(routed.attempts).toEqual([expect.objectContaining({ outcome: 'rejected', responseStatus: 307 })]);
    expect(redirector.requests.filter((request) => request.url === '/orders')).toHaveLength(1);
  });

  it('is not followed by a channel webhook', async () => {
    const channel = await channelWithKey(t, 'Redirected bot', redirector.url('/hooks'));

    const delivery = await webhookTested(t, channel.id);

    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastResponseStatus: 307 });
    expect(redirector.requests.filter((request) => request.url === '/hooks')).toHaveLength(1);
  });
});

/**
 * The operator's allowance is the one way in: with SOUK_OUTBOUND_ALLOW=127.0.0.1:<port>, the same
 * requests the strict policy refuses do reach the listener, and still nothing it answers is echoed.
 */
describe('SSRF: the same requests with the listener allowed by SOUK_OUTBOUND_ALLOW', () => {
  let t: TestApp;
  let internal: RecordingServer;
  let shop: Shop;
  let buyer: { id: string; key: string };

  beforeAll(async () => {
    internal = await startRecordingServer();
    t = await startTestApp({ SOUK_OUTBOUND_ALLOW: `127.0.0.1:${internal.port}`, SOUK_ORDER_ROUTING_MAX_ATTEMPTS: '1' });
    shop = await shopWithOffer(t, 'allowed-shop');
    buyer = await channelWithKey(t, 'Allowed buyer');
  });
  afterAll(async () => {
    await t.close();
    await internal.close();
  });

  it.each(CONNECTORS)('lets a %s connector check reach it', async (kind) => {
    const configId = await configAt(t, shop, kind, internal.url('').replace(/\/$/, ''));
    const before = internal.requests.length;

    const check = (await t.request('POST', `/v1/retailer/connector-configs/${configId}/check`, { key: shop.key })).body;

    expect(internal.requests.length).toBeGreaterThan(before);
    expect(JSON.stringify(check)).not.toContain('INTERNAL-SECRET');
  });

  it('lets an order webhook reach it', async () => {
    expect(
      (
        await t.request('PUT', '/v1/retailer/order-settings', {
          key: shop.key,
          body: { method: 'webhook', webhookUrl: internal.url('/orders') },
        })
      ).status,
    ).toBe(200);

    const routed = await orderRouted(t, buyer.key, shop, (status) => status !== 'pending');

    const received = internal.requests.filter((request) => request.url === '/orders');
    expect(received).toEqual([
      expect.objectContaining({ method: 'POST', headers: expect.objectContaining({ 'webhook-id': routed.id }) }),
    ]);
  });

  it('lets a channel webhook reach it', async () => {
    const channel = await channelWithKey(t, 'Allowed bot', internal.url('/hooks'));

    const delivery = await webhookTested(t, channel.id);

    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(internal.requests.filter((request) => request.url === '/hooks')).toEqual([
      expect.objectContaining({ method: 'POST' }),
    ]);
  });
});
