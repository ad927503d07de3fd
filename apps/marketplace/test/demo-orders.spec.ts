import { randomUUID } from 'node:crypto';
import { checkout, checkoutBody, eventually } from '../../../test/support/order-fixtures.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { DemoDataLoader, type DemoKeys } from '../src/demo/demo-data.loader.js';
import { connectDemoOrders, startDemoOrderDesk, type DemoOrders } from '../src/demo/demo-orders.js';
import { DemoModule } from '../src/demo/demo.module.js';

interface RetailerOrderView {
  id: string;
  status: string;
  method: string;
  externalReference: string | null;
  tracking: { carrier: string | null; number: string | null; url: string | null } | null;
  history: { from: string | null; to: string; by: string }[];
}

/**
 * The demo's electronics shop is a sandbox retailer in the marketplace process: it accepts and
 * ships the orders it receives on its own, through the retailer API, with short timers here.
 */
describe('the demo order desk', () => {
  let t: TestApp;
  let keys: DemoKeys;
  let electronicsId: string;
  let desk: DemoOrders | null = null;

  beforeAll(async () => {
    t = await startTestApp({}, undefined, [], {
      demo: (modules) => DemoModule.forRoot({ ...modules, feedUrl: null }),
    });
    keys = await t.app.get(DemoDataLoader).load();
    await eventually(
      async () => (await t.sql.query(`SELECT count(*)::int AS n FROM sync_run WHERE status = 'succeeded'`)).rows[0].n,
      (finished: number) => finished >= 2,
      60_000,
      'the demo catalogs',
    );
    electronicsId = (await t.sql.query(`SELECT id FROM retailer WHERE slug = 'demo-electronics'`)).rows[0].id;
  }, 90_000);
  afterAll(async () => {
    await desk?.close();
    // Shutting down waits for the jobs in hand (a routing call, a sync page), which on a busy machine takes longer
    // than a test's default time.
    await t.close();
  }, 90_000);

  /** Like a start of `npm start`: a new sandbox, knowing nothing of the last one, connected to the shop. */
  async function startDesk(acceptAfterMs = 50): Promise<void> {
    await desk?.close();
    const started = await startDemoOrderDesk();
    desk = await connectDemoOrders(t.app, started, { marketplaceUrl: t.baseUrl, acceptAfterMs, shipAfterMs: 50 });
  }

  function retailerOrder(id: string, until: string[]): Promise<RetailerOrderView> {
    return eventually(
      async () => (await t.request('GET', `/v1/admin/retailer-orders/${id}`)).body as RetailerOrderView,
      (view) => [...until, 'failed', 'cancelled', 'refused'].includes(view.status),
      30_000,
      `the electronics order ${until.join(' or ')}`,
    );
  }

  async function orderElectronics(until = ['shipped']): Promise<RetailerOrderView> {
    const offer = await t.sql.query(
      `SELECT id FROM offer WHERE retailer_id = $1 AND availability = 'in_stock' ORDER BY retailer_item_id LIMIT 1`,
      [electronicsId],
    );
    const user = `demo-${randomUUID()}`;
    const line = await t.request('PUT', `/v1/channel/users/${user}/cart/lines/${offer.rows[0].id}`, {
      key: keys.channelKey,
      body: { quantity: 1 },
    });
    expect(line.status).toBe(200);
    const placed = await checkout(t, keys.channelKey, checkoutBody(user));
    expect(placed.status).toBe(201);
    const part = (placed.body.retailerOrders as { id: string; method: string }[])[0]!;
    expect(part.method).toBe('webhook');
    return retailerOrder(part.id, until);
  }

  it('accepts and then ships each electronics order by itself, with tracking, through the retailer API', async () => {
    await startDesk();
    const shipped = await orderElectronics();
    expect(shipped.status).toBe('shipped');
    expect(shipped.history.map((step) => [step.from, step.to, step.by])).toEqual([
      [null, 'pending', 'channel'],
      ['pending', 'submitted', 'system'],
      ['submitted', 'accepted', 'retailer'],
      ['accepted', 'shipped', 'retailer'],
    ]);
    expect(shipped.externalReference).toMatch(/^SBX-[0-9A-Z]+-\d{6}$/);
    expect(shipped.tracking).toEqual({
      carrier: 'Sandbox Post',
      number: expect.any(String),
      url: expect.stringMatching(/^https:\/\//),
    });
  });

  it('after a restart hands out new references, and works with a new key that replaced the last one', async () => {
    const before = await orderElectronics();
    await startDesk();
    const after = await orderElectronics();
    expect(after.status).toBe('shipped');
    expect(after.externalReference).not.toBe(before.externalReference);
    const deskKeys = await t.request('GET', `/v1/admin/api-keys?retailerId=${electronicsId}`);
    expect(deskKeys.body.items.map((key: { name: string }) => key.name)).toEqual(['Demo Electronics order desk']);
  });

  it('takes up the orders its last run left unshipped', async () => {
    // Stopped before it would have accepted the order (its wait is longer than the test).
    await startDesk(600_000);
    const left = await orderElectronics(['submitted']);
    expect(left.status).toBe('submitted');
    await startDesk();
    expect(await retailerOrder(left.id, ['shipped'])).toMatchObject({
      status: 'shipped',
      externalReference: left.externalReference,
    });
  });
});
