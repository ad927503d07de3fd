import { SyncScheduler } from '#catalog';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { FeedServer, feedItems, rssFeed } from '../../../test/support/feed-server.js';
import { freePort, start, stop, waitForHealth, type Running } from '../../../test/support/marketplace-process.js';

/**
 * Two API+scheduler instances run in this process (they work no jobs); sync jobs are worked by
 * separate worker processes of the built server, which the test can kill.
 */
describe('catalog syncs across instances', () => {
  let first: TestApp;
  let second: TestApp;
  let feed: FeedServer;
  let feedUrl: string;
  let retailerId: string;
  let configId: string;
  const workers: Running[] = [];

  const startWorker = async () => {
    const worker = start({
      DATABASE_URL: first.shared.database.url,
      SOUK_ENCRYPTION_KEY: first.shared.encryptionKey,
      SOUK_ROLES: 'worker',
      PORT: String(await freePort()),
      // The feed server listens on loopback, which the outbound policy refuses by default.
      SOUK_OUTBOUND_ALLOW: '127.0.0.1',
    });
    await waitForHealth(worker, '/health/ready');
    workers.push(worker);
    return worker;
  };
  const runs = async () =>
    (
      await first.sql.query(
        `SELECT id, status, read_count, error FROM sync_run WHERE config_id = $1 ORDER BY created_at`,
        [configId],
      )
    ).rows as {
      id: string;
      status: string;
      read_count: number;
      error: string | null;
    }[];
  const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
      await new Promise((wake) => setTimeout(wake, 100));
    }
  };
  const liveOffers = async () =>
    Number(
      (await first.sql.query(`SELECT count(*) FROM offer WHERE config_id = $1 AND removed_at IS NULL`, [configId]))
        .rows[0].count,
    );

  beforeAll(async () => {
    first = await startTestApp({ SOUK_ROLES: 'api,scheduler' });
    second = await startTestApp({ SOUK_ROLES: 'api,scheduler' }, first.shared);
    feed = new FeedServer();
    feedUrl = await feed.start();
    retailerId = (
      await first.request('POST', '/v1/admin/retailers', {
        body: { name: 'Big shop', slug: 'big-shop', defaultCurrency: 'EUR', contactEmail: 'big@shop.example' },
      })
    ).body.id;
    configId = (
      await first.request('POST', '/v1/admin/connector-configs', {
        body: {
          retailerId,
          connectorId: 'google-merchant-feed',
          name: 'Feed',
          settings: { source: 'url', url: feedUrl },
          scheduleIntervalMinutes: 60,
        },
      })
    ).body.id;
    await Promise.all([startWorker(), startWorker()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(workers.map((worker) => stop(worker)));
    await second.close();
    await first.close();
    await feed.stop();
  });

  it('queues exactly one sync for a due config when two schedulers tick at once, and one worker runs it', async () => {
    feed.setBody(rssFeed(feedItems(3000)));
    const queued = await Promise.all([
      first.app.get(SyncScheduler).queueDueSyncs(),
      second.app.get(SyncScheduler).queueDueSyncs(),
    ]);
    expect(queued.sort()).toEqual([0, 1]);
    const [run] = await until(runs, (all) => all.length === 1 && all[0]!.status === 'succeeded');
    expect(run).toMatchObject({ status: 'succeeded', read_count: 3000 });
    expect(await runs()).toHaveLength(1);
    expect(await liveOffers()).toBe(3000);
    // Not due again for an hour.
    expect(await first.app.get(SyncScheduler).queueDueSyncs()).toBe(0);
  });

  it('loses no offer when the worker dies mid-sync; the run is marked failed and the next one completes', async () => {
    feed.setBody(rssFeed(feedItems(3000, 0, 2)));
    feed.slowMsPerChunk = 25;
    const accepted = await first.request('POST', `/v1/admin/connector-configs/${configId}/sync`);
    expect(accepted.status).toBe(202);
    await until(runs, (all) => all.at(-1)!.status === 'running' && all.at(-1)!.read_count >= 1000);
    for (const worker of workers.splice(0)) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    expect(await liveOffers()).toBe(3000);

    // The dead worker's lock went with its connection: a scheduler finds the run orphaned.
    expect(await second.app.get(SyncScheduler).failOrphanedRuns(0)).toBe(1);
    const failed = (await runs()).at(-1)!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/stopped before it finished; nothing was removed/);
    expect(await liveOffers()).toBe(3000);

    feed.slowMsPerChunk = 0;
    await startWorker();
    const next = await first.request('POST', `/v1/admin/connector-configs/${configId}/sync`);
    expect(next.status).toBe(202);
    const done = await until(runs, (all) => all.at(-1)!.status === 'succeeded');
    expect(done.at(-1)!.read_count).toBe(3000);
    expect(await liveOffers()).toBe(3000);
    const titles = (
      await first.sql.query(`SELECT count(*) FROM offer WHERE config_id = $1 AND title LIKE '% v2'`, [configId])
    ).rows[0].count;
    expect(Number(titles)).toBe(3000);
  }, 120_000);
});
