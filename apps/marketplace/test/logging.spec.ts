import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('logs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'info' });
  });
  afterAll(() => t.close());

  const lines = () =>
    t
      .logs()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, any>);

  it('writes each request once it is answered, with its id, method, path and status', async () => {
    await t.request('GET', '/v1/admin/retailers', { headers: { 'x-request-id': 'log-list-1' } });
    expect(lines()).toContainEqual(
      expect.objectContaining({
        req: { id: 'log-list-1', method: 'GET', url: '/v1/admin/retailers' },
        res: { statusCode: 200 },
        msg: 'request completed',
      }),
    );
  });

  it("puts the request's id on the lines the application logs while handling it", async () => {
    const retailer = await t.request('POST', '/v1/admin/retailers', {
      body: {
        name: 'Log Shop',
        slug: 'log-shop',
        defaultCurrency: 'EUR',
        contactEmail: 'shop@log.example',
        countries: ['NL'],
      },
    });
    const config = await t.request('POST', '/v1/admin/connector-configs', {
      body: {
        retailerId: retailer.body.id,
        connectorId: 'woocommerce',
        name: 'Woo',
        settings: { siteUrl: 'https://shop.example.com' },
        secrets: { consumerKey: 'ck_x', consumerSecret: 'cs_x', webhookSecret: 'woo-secret' },
      },
    });
    expect(config.status).toBe(201);
    const answer = await t.request('POST', `/v1/connector-webhooks/${config.body.id}`, {
      key: null,
      headers: {
        'x-request-id': 'log-webhook-1',
        'x-wc-webhook-topic': 'product.updated',
        'x-wc-webhook-signature': 'bm90LWEtc2lnbmF0dXJl',
      },
      body: { id: 1 },
    });
    expect(answer.status).toBe(401);
    const rejected = lines().find((line) => line.msg === 'connector webhook rejected');
    expect(rejected).toMatchObject({
      level: 40,
      context: 'ConnectorWebhookReceiver',
      configId: config.body.id,
      req: { id: 'log-webhook-1' },
    });
  });

  it('logs work done outside any request without a request id', async () => {
    const started = lines().find((line) => line.msg === 'Nest application successfully started');
    expect(started).toMatchObject({ level: 30, context: 'NestApplication' });
    expect(started).not.toHaveProperty('req');
  });
});
