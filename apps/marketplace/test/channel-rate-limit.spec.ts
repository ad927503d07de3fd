import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('rate limit per channel key', () => {
  let t: TestApp;
  const keys: string[] = [];
  let retailerKey: string;

  beforeAll(async () => {
    t = await startTestApp({ SOUK_CHANNEL_REQUESTS_PER_MINUTE: '5' });
    for (const name of ['Busy', 'Quiet']) {
      const channelId = (await t.request('POST', '/v1/admin/channels', { body: { name } })).body.id;
      keys.push(
        (await t.request('POST', '/v1/admin/api-keys', { body: { name, role: 'channel', channelId } })).body.key,
      );
    }
    const retailerId = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name: 'R', slug: 'r-shop', defaultCurrency: 'EUR', contactEmail: 'r@shop.example' },
      })
    ).body.id;
    retailerKey = (await t.request('POST', '/v1/admin/api-keys', { body: { name: 'r', role: 'retailer', retailerId } }))
      .body.key;
  });
  afterAll(() => t.close());

  it('answers 429 problem+json with Retry-After past the limit, for that key only', async () => {
    // Windows are fixed minutes; one boundary may fall among these requests, so the sixth request
    // of a window comes at the latest on the eleventh.
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<TestApp['request']>> | undefined;
    for (let i = 0; i < 11 && !limited; i++) {
      const response = await t.request('GET', '/v1/channel/me', { key: keys[0]! });
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(limited).toBeDefined();
    expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true);
    expect(statuses.length).toBeGreaterThanOrEqual(6);
    expect(limited!.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(limited!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited!.body).toMatchObject({ type: 'https://souk.dev/problems/too-many-requests', status: 429 });
    expect((await t.request('GET', '/v1/channel/me', { key: keys[1]! })).status).toBe(200);
  });

  it('counts in the database, so every instance shares the count', async () => {
    const counted = (await t.sql.query(`SELECT sum(requests)::int AS total FROM api_key_rate_window`)).rows[0].total;
    expect(counted).toBeGreaterThanOrEqual(7);
  });

  it('does not limit retailer or operator keys', async () => {
    for (let i = 0; i < 8; i++)
      expect((await t.request('GET', '/v1/retailer/me', { key: retailerKey })).status).toBe(200);
    for (let i = 0; i < 8; i++) expect((await t.request('GET', '/v1/admin/retailers')).status).toBe(200);
  });
});
