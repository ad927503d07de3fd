import { RetailerSandbox } from '#sandbox-retailer';
import { freePort, start, stop, waitForHealth, type Running } from '../../../test/support/marketplace-process.js';
import { checkout, checkoutBody, eventually } from '../../../test/support/order-fixtures.js';
import { waitForRun } from '../../../test/support/sync-runs.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

const SHOPS = 3;
const CHECKOUTS = 40;
/**
 * Routing that outlasts the faults: a call times out after 500 ms (the sandboxes hold faulty
 * answers for 1.5 s), and 20 attempts at a 30% fault rate essentially never run out (0.3^20).
 */
const ROUTING_ENV = {
  SOUK_ORDER_ROUTING_TIMEOUT_MS: '500',
  SOUK_ORDER_ROUTING_RETRY_BASE_MS: '100',
  SOUK_ORDER_ROUTING_MAX_ATTEMPTS: '20',
};

/**
 * The API (and scheduler) runs in this process and works no jobs; two worker processes of the
 * built server route the same burst of orders to sandbox retailers that fail on purpose, also
 * after creating an order (the answer lost, so Souk must ask again with the same key).
 */
describe('order routing by two worker processes', () => {
  let t: TestApp;
  const workers: Running[] = [];
  const shops: { id: string; sandbox: RetailerSandbox; offerId: string; price: string }[] = [];
  let channelKey = '';

  const startWorker = async () => {
    const worker = start({
      DATABASE_URL: t.shared.database.url,
      SOUK_ENCRYPTION_KEY: t.shared.encryptionKey,
      SOUK_ROLES: 'worker',
      PORT: String(await freePort()),
      // The sandbox retailers listen on loopback, which the outbound policy refuses by default.
      SOUK_OUTBOUND_ALLOW: '127.0.0.1',
      ...ROUTING_ENV,
    });
    workers.push(worker);
    await waitForHealth(worker, '/health/ready');
  };

  beforeAll(async () => {
    t = await startTestApp({ SOUK_ROLES: 'api,scheduler', SOUK_CHANNEL_REQUESTS_PER_MINUTE: '0', ...ROUTING_ENV });
    await Promise.all([startWorker(), startWorker()]);
    for (let index = 0; index < SHOPS; index++) {
      const id = (
        await t.request('POST', '/v1/admin/retailers', {
          body: {
            name: `Shop ${index}`,
            slug: `shop-${index}`,
            defaultCurrency: 'EUR',
            contactEmail: `s${index}@shop.example`,
            countries: ['NL'],
          },
        })
      ).body.id;
      const config = (
        await t.request('POST', '/v1/admin/connector-configs', {
          body: { retailerId: id, connectorId: 'csv-catalog', name: 'CSV', settings: { currency: 'EUR' } },
        })
      ).body.id;
      const csv = `id,title,link,price,availability\nS${index},Mug ${index},https://shop${index}.example/mug,${10 + index}.00,in stock\n`;
      const upload = await t.request('POST', `/v1/admin/connector-configs/${config}/uploads`, {
        body: csv,
        headers: { 'content-type': 'text/csv' },
      });
      expect((await waitForRun(t, upload.body.id)).status).toBe('succeeded');
      const offer = (await t.sql.query('SELECT id, price_minor::text AS price FROM offer WHERE retailer_id = $1', [id]))
        .rows[0];

      const sandbox = new RetailerSandbox({
        secret: 'whsec_' + Buffer.alloc(32).toString('base64'),
        name: `shop-${index}`,
        faults: {
          rate: 0.3,
          kinds: { 'server-error': 1, 'timeout-before': 1, 'timeout-after': 2, 'rate-limited': 1 },
          hangMs: 1500,
          retryAfterSeconds: 0.2,
          seed: index + 1,
        },
      });
      const url = await sandbox.listen();
      const settings = await t.request('PUT', `/v1/admin/retailers/${id}/order-settings`, {
        body: { method: 'webhook', webhookUrl: url },
      });
      expect(settings.status).toBe(200);
      sandbox.useSecret(settings.body.webhookSecret);
      // Whatever the plan draws, the first calls create the order and lose the answer.
      sandbox.failNext('timeout-after', 2);
      shops.push({ id, sandbox, offerId: offer.id, price: offer.price });
    }
    const channel = (await t.request('POST', '/v1/admin/channels', { body: { name: 'Chat' } })).body.id;
    channelKey = (
      await t.request('POST', '/v1/admin/api-keys', { body: { name: 'c', role: 'channel', channelId: channel } })
    ).body.key;
  }, 120_000);
  afterAll(async () => {
    await Promise.all(workers.map((worker) => stop(worker)));
    await Promise.all(shops.map((shop) => shop.sandbox.close()));
    await t.close();
  });

  it('places every retailer order of a burst exactly once at its retailer, by both workers, through injected faults', async () => {
    const lines = shops.map((shop) => ({ offerId: shop.offerId, quantity: 1, unitPriceMinor: shop.price }));
    const placed = await Promise.all(
      Array.from({ length: CHECKOUTS }, (_, n) => checkout(t, channelKey, checkoutBody(`buyer-${n}`, lines))),
    );
    expect(placed.map((answer) => answer.status)).toEqual(Array(CHECKOUTS).fill(201));

    const statuses = async () =>
      (await t.sql.query(`SELECT status, count(*)::int AS n FROM retailer_order GROUP BY status ORDER BY status`))
        .rows as { status: string; n: number }[];
    expect(
      await eventually(
        statuses,
        (rows) => rows.every((row) => row.status !== 'pending'),
        90_000,
        'every retailer order routed',
      ),
    ).toEqual([{ status: 'submitted', n: CHECKOUTS * SHOPS }]);

    for (const shop of shops) {
      const routed = (
        await t.sql.query('SELECT id, external_reference FROM retailer_order WHERE retailer_id = $1 ORDER BY id', [
          shop.id,
        ])
      ).rows as { id: string; external_reference: string }[];
      const placedAtShop = shop.sandbox.orders();
      // The sandbox's own record: one order per idempotency key, and a key for every retailer order routed to it.
      expect(placedAtShop.map((order) => order.idempotencyKey).sort()).toEqual(routed.map((order) => order.id));
      expect(shop.sandbox.stats().created).toBe(routed.length);
      const referenceOf = new Map(placedAtShop.map((order) => [order.idempotencyKey, order.reference]));
      expect(routed.filter((order) => order.external_reference !== referenceOf.get(order.id))).toEqual([]);
      // The faults happened, the ones that lose the answer after creating the order among them, and were asked again.
      expect(shop.sandbox.stats().faults['timeout-after']).toBeGreaterThanOrEqual(2);
      expect(shop.sandbox.stats().replays).toBeGreaterThanOrEqual(2);
    }

    const attemptsBy = (
      await t.sql.query(
        `SELECT i.pid, count(*)::int AS attempts FROM routing_attempt a JOIN platform_instance i ON i.id = a.instance_id GROUP BY i.pid`,
      )
    ).rows as { pid: number; attempts: number }[];
    expect(attemptsBy.map((row) => row.pid).sort()).toEqual(workers.map((worker) => worker.child.pid).sort());
  }, 120_000);
});
