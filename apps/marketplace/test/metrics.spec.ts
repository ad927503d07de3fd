import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { FeedServer, rssFeed } from '../../../test/support/feed-server.js';

/** The value of one sample of the Prometheus text, e.g. `souk_db_statements_total{work="job"}`; 0 when absent. */
function sample(text: string, name: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

describe('metrics: what the pool and the event loop are doing, for an operator to scrape', () => {
  let t: TestApp;
  const feed = new FeedServer();

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    await feed.stop();
  });

  const scrape = async (): Promise<string> => {
    const response = await t.request('GET', '/v1/admin/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.body as string;
  };

  it('counts the statements of requests and of jobs apart, and the waits for a pooled connection', async () => {
    const before = await scrape();
    const retailerId = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name: 'Shop', slug: 'shop', defaultCurrency: 'EUR', contactEmail: 's@x.example' },
      })
    ).body.id;
    feed.setBody(rssFeed([{ id: 'A1', title: 'Lamp', price: '30.00 EUR' }]));
    const config = (
      await t.request('POST', '/v1/admin/connector-configs', {
        body: {
          retailerId,
          connectorId: 'google-merchant-feed',
          name: 'Feed',
          settings: { source: 'url', url: await feed.start() },
        },
      })
    ).body.id;
    expect((await syncAndWait(t, config)).status).toBe('succeeded');
    const after = await scrape();
    const grew = (name: string) => sample(after, name) - sample(before, name);
    expect(grew('souk_db_statements_total{work="request"}')).toBeGreaterThan(0);
    // The sync ran as a job: its statements are the job's.
    expect(grew('souk_db_statements_total{work="job"}')).toBeGreaterThan(0);
    expect(grew('souk_db_pool_wait_seconds_count{work="request"}')).toBeGreaterThan(0);
    expect(after).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
  });

  it('runs job work on a pool of its own, so jobs never hold the connections requests wait for', async () => {
    // The sync above ran as a job; its pool keeps its idle connections a while, under their own name.
    const { rows } = await t.sql.query(
      `SELECT application_name, count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name IN ('souk', 'souk-job-work')
        GROUP BY 1 ORDER BY 1`,
    );
    expect(rows.map((row) => row.application_name)).toEqual(['souk', 'souk-job-work']);
  });

  it('is for operators only', async () => {
    const channelId = (await t.request('POST', '/v1/admin/channels', { body: { name: 'Chat' } })).body.id;
    const key = (await t.request('POST', '/v1/admin/api-keys', { body: { name: 'c', role: 'channel', channelId } }))
      .body.key;
    expect((await t.request('GET', '/v1/admin/metrics', { key })).status).toBe(403);
  });
});
