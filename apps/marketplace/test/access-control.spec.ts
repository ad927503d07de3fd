import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

const retailerBody = (slug: string) => ({
  name: `Shop ${slug}`,
  slug,
  defaultCurrency: 'EUR',
  contactEmail: `${slug}@shop.example`,
  countries: ['NL'],
});

describe('access control by API key role', () => {
  let t: TestApp;
  let retailerA: { id: string };
  let retailerB: { id: string };
  let channel: { id: string };
  let retailerKeyA: string;
  let channelKey: string;

  beforeAll(async () => {
    t = await startTestApp();
    retailerA = (await t.request('POST', '/v1/admin/retailers', { body: retailerBody('shop-a') })).body;
    retailerB = (await t.request('POST', '/v1/admin/retailers', { body: retailerBody('shop-b') })).body;
    channel = (await t.request('POST', '/v1/admin/channels', { body: { name: 'Chat' } })).body;
    retailerKeyA = (
      await t.request('POST', '/v1/admin/api-keys', { body: { name: 'a', role: 'retailer', retailerId: retailerA.id } })
    ).body.key;
    channelKey = (
      await t.request('POST', '/v1/admin/api-keys', { body: { name: 'c', role: 'channel', channelId: channel.id } })
    ).body.key;
  });
  afterAll(() => t.close());

  it('shows a retailer key its own retailer through "who am I"', async () => {
    const me = await t.request('GET', '/v1/retailer/me', { key: retailerKeyA });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(retailerA.id);
  });

  it('refuses a retailer key another retailer, the retailer list and any change', async () => {
    for (const [method, path, body] of [
      ['GET', `/v1/admin/retailers/${retailerB.id}`, undefined],
      ['GET', '/v1/admin/retailers', undefined],
      ['PATCH', `/v1/admin/retailers/${retailerB.id}`, { name: 'taken over' }],
      ['POST', `/v1/admin/retailers/${retailerB.id}/pause`, undefined],
      ['PATCH', `/v1/admin/retailers/${retailerA.id}`, { name: 'self-promoted' }],
    ] as const) {
      const response = await t.request(method, path, { key: retailerKeyA, body });
      expect([403, 404]).toContain(response.status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await t.request('GET', `/v1/admin/retailers/${retailerB.id}`)).body.name).toBe('Shop shop-b');
  });

  it('refuses a retailer key any channel, and the channel API', async () => {
    expect((await t.request('GET', `/v1/admin/channels/${channel.id}`, { key: retailerKeyA })).status).toBe(403);
    expect((await t.request('GET', '/v1/admin/channels', { key: retailerKeyA })).status).toBe(403);
    expect((await t.request('GET', '/v1/channel/me', { key: retailerKeyA })).status).toBe(403);
  });

  it('refuses a channel key every admin endpoint and the retailer API', async () => {
    const adminCalls = [
      ['GET', '/v1/admin/retailers'],
      ['POST', '/v1/admin/retailers'],
      ['GET', '/v1/admin/channels'],
      ['GET', `/v1/admin/channels/${channel.id}`],
      ['POST', '/v1/admin/api-keys'],
      ['GET', '/v1/admin/api-keys'],
      ['GET', '/v1/admin/audit-log'],
      ['GET', '/v1/admin/instances'],
      ['GET', '/v1/retailer/me'],
    ] as const;
    for (const [method, path] of adminCalls) {
      const response = await t.request(method, path, { key: channelKey, body: method === 'POST' ? {} : undefined });
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
      expect(response.body.type).toBe('https://souk.dev/problems/forbidden');
    }
    const me = await t.request('GET', '/v1/channel/me', { key: channelKey });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(channel.id);
  });

  it('answers 401 problem+json with a Bearer challenge without a key or with an unknown one', async () => {
    for (const key of [null, 'souk_op_' + 'x'.repeat(43), 'not-a-key']) {
      const response = await t.request('GET', '/v1/admin/retailers', { key });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('answers 401 to a key once it is revoked', async () => {
    const created = await t.request('POST', '/v1/admin/api-keys', {
      body: { name: 'short-lived', role: 'retailer', retailerId: retailerB.id },
    });
    expect((await t.request('GET', '/v1/retailer/me', { key: created.body.key })).status).toBe(200);
    expect((await t.request('POST', `/v1/admin/api-keys/${created.body.id}/revoke`)).status).toBe(200);
    const after = await t.request('GET', '/v1/retailer/me', { key: created.body.key });
    expect(after.status).toBe(401);
    expect(after.body.detail).toMatch(/revoked/);
  });

  it('leaves the health checks and the API document open to all', async () => {
    expect((await t.request('GET', '/health', { key: null })).status).toBe(200);
    expect((await t.request('GET', '/health/ready', { key: null })).status).toBe(200);
    expect((await t.request('GET', '/docs/openapi.json', { key: null })).status).toBe(200);
  });
});
