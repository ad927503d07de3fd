import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('a saturated database: requests are shed with 503 and Retry-After, and the server recovers', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Two request connections, and a request waits 300 ms for one before it is shed.
    t = await startTestApp({ SOUK_DB_POOL_SIZE: '2', SOUK_DB_CONNECTION_WAIT_MS: '300' });
  });
  afterAll(async () => {
    await t.close();
  });

  /** Holds every connection of the request pool until the returned promise settles. */
  const holdThePool = (): Promise<unknown> => {
    const dataSource = t.app.get(DataSource);
    return Promise.all([dataSource.query('SELECT pg_sleep(2)'), dataSource.query('SELECT pg_sleep(2)')]);
  };

  it('answers 503 busy with Retry-After while no connection comes free, then serves the same request again', async () => {
    expect((await t.request('GET', '/v1/admin/retailers')).status).toBe(200);
    const held = holdThePool();
    await new Promise((resolve) => setTimeout(resolve, 100));

    const shed = await Promise.all(Array.from({ length: 12 }, () => t.request('GET', '/v1/admin/retailers')));
    for (const answer of shed) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({
        type: 'https://souk.dev/problems/busy',
        title: 'Service unavailable',
        status: 503,
        detail: 'The marketplace is busy; try again after the Retry-After delay.',
      });
    }

    await held;
    const again = await t.request('GET', '/v1/admin/retailers');
    expect(again.status).toBe(200);
    expect(Array.isArray(again.body.items)).toBe(true);
  });

  it('still writes what a request sent after the pool came free: nothing is left half-done by a shed request', async () => {
    const held = holdThePool();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const body = { name: 'Shop', slug: 'busy-shop', defaultCurrency: 'EUR', contactEmail: 's@x.example' };
    expect((await t.request('POST', '/v1/admin/retailers', { body })).status).toBe(503);
    await held;
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM retailer WHERE slug = 'busy-shop'`);
    expect(rows[0].n).toBe(0);
    expect((await t.request('POST', '/v1/admin/retailers', { body })).status).toBe(201);
  });
});
