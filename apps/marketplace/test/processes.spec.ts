import { randomBytes } from 'node:crypto';
import { gtinCheckDigit } from '#domain';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { WebhookReceiver } from '../../../test/support/webhook-receiver.js';
import { call, freePort, start, stop, waitForHealth, type Running } from '../../../test/support/marketplace-process.js';

function demoGtin(n: number): string {
  const body = `87${String(1_000_000_000 + n).slice(-10)}`;
  return body + gtinCheckDigit(body);
}

describe('the marketplace process', () => {
  // Two starts of an embedded PostgreSQL with the demo: on a busy machine that outlasts Jest's 30 s, so the limit is the test's own waits.
  it('starts on its embedded PostgreSQL, prints the key once, keeps its data across restarts and stops cleanly', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'souk-process-'));
    await chmod(folder, 0o755);
    const env = {
      SOUK_DATA_DIR: join(folder, 'postgres'),
      SOUK_EMBEDDED_DB_PORT: String(await freePort()),
      SOUK_DEMO_FEED_PORT: String(await freePort()),
      SOUK_DEMO_WHATSAPP_PORT: String(await freePort()),
      SOUK_DEMO_CHAT_PORT: String(await freePort()),
      // The demo electronics shop accepts and ships its orders on its own, here without the demo's waits.
      SOUK_DEMO_ACCEPT_AFTER_MS: '100',
      SOUK_DEMO_SHIP_AFTER_MS: '100',
      PORT: String(await freePort()),
    };
    try {
      const first = start(env);
      await waitForHealth(first);
      const key = first.output().match(/Operator key: (souk_op_\S+)/)?.[1] as string;
      expect(key).toBeDefined();
      expect(first.output()).toContain(`http://127.0.0.1:${env.PORT}/docs`);
      expect(first.output()).toContain('Demo data loaded');
      // The demo's sandboxes are on loopback: the process allows exactly them, and says so.
      expect(first.output()).toMatch(
        new RegExp(
          `Demo sandboxes: requests to 127\\.0\\.0\\.1:${env.SOUK_DEMO_FEED_PORT} and 127\\.0\\.0\\.1:\\d+ and 127\\.0\\.0\\.1:${env.SOUK_DEMO_CHAT_PORT} on loopback are allowed`,
        ),
      );
      // The demo catalogs (a feed and a CSV with shared GTINs) sync through the worker into products with offers from both.
      let runs: { status: string; read: number; trigger: string }[] = [];
      for (
        let tries = 0;
        tries < 200 && !(runs.length === 2 && runs.every((run) => run.status === 'succeeded'));
        tries++
      ) {
        runs = (
          (await (await call(first, 'GET', '/v1/admin/sync-runs', key)).json()) as {
            items: { status: string; read: number; trigger: string }[];
          }
        ).items;
        await new Promise((wake) => setTimeout(wake, 100));
      }
      expect(runs.map((run) => [run.read, run.trigger]).sort()).toEqual([
        [150, 'upload'],
        [200, 'manual'],
      ]);
      const configs = (await (await call(first, 'GET', '/v1/admin/connector-configs', key)).json()) as {
        items: { settings: { source?: string; url?: string } }[];
      };
      expect(configs.items.map((config) => config.settings.url).filter(Boolean)).toEqual([
        `http://127.0.0.1:${env.SOUK_DEMO_FEED_PORT}/feeds/demo-electronics.xml`,
      ]);
      const shared = (await (
        await call(first, 'GET', `/v1/admin/products/by-gtin?gtin=${demoGtin(0)}`, key)
      ).json()) as { offers: { offerId: string; retailerItemId: string; availability: string }[] };
      expect(shared.offers.map((offer) => offer.retailerItemId).sort()).toEqual(['CS-0', 'EL-0']);
      const buyable = await demoOffersInStock(first, key);
      const firstReference = await expectDemoCheckout(first, buyable);

      await expectDemoChat(first, env.SOUK_DEMO_WHATSAPP_PORT, '31611110001');

      const created = await call(first, 'POST', '/v1/admin/retailers', key, {
        name: 'Kept',
        slug: 'kept',
        defaultCurrency: 'EUR',
        contactEmail: 'k@shop.example',
      });
      expect(created.status).toBe(201);
      expect(await stop(first)).toBe(0);

      const second = start(env);
      await waitForHealth(second, '/health/ready');
      expect(second.output()).not.toContain('Operator key:');
      expect(second.output()).not.toContain('Demo data loaded');
      const list = (await (await call(second, 'GET', '/v1/admin/retailers', key)).json()) as {
        items: { slug: string }[];
      };
      expect(list.items.map((retailer) => retailer.slug)).toEqual(expect.arrayContaining(['kept', 'demo-corner-shop']));
      // After a restart the demo's sandbox retailer is a new process part; orders still reach it, under new references.
      expect(await expectDemoCheckout(second, buyable, first.output())).not.toBe(firstReference);
      // The chat works after a restart too: the channel process got new credentials.
      await expectDemoChat(second, env.SOUK_DEMO_WHATSAPP_PORT, '31611110002');
      expect(await stop(second)).toBe(0);
      // The embedded server stopped with the process: its port is free again.
      await expect(
        fetch(`http://127.0.0.1:${env.SOUK_EMBEDDED_DB_PORT}`).catch((error: Error) => error.cause),
      ).resolves.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 240_000);

  describe('split into an API process and a worker process on one database', () => {
    let database: TestDatabase;
    let api: Running;
    let worker: Running;
    const operatorKey = `souk_op_${randomBytes(32).toString('base64url')}`;

    beforeAll(async () => {
      database = await createTestDatabase();
      const shared = {
        DATABASE_URL: database.url,
        SOUK_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        SOUK_OPERATOR_KEY: operatorKey,
        // The test's webhook receiver listens on loopback, which the outbound policy refuses by default.
        SOUK_OUTBOUND_ALLOW: '127.0.0.1',
      };
      // Started together: migrations and the first operator key must happen once between them.
      api = start({ ...shared, SOUK_ROLES: 'api', PORT: String(await freePort()) });
      worker = start({ ...shared, SOUK_ROLES: 'worker,scheduler', PORT: String(await freePort()) });
      await Promise.all([waitForHealth(api, '/health/ready'), waitForHealth(worker, '/health/ready')]);
    }, 240_000);
    afterAll(async () => {
      await Promise.all([stop(api), stop(worker)]);
      await database.drop();
    });

    it('serves the API from the api process only, and health from both', async () => {
      expect((await call(api, 'GET', '/v1/admin/retailers', operatorKey)).status).toBe(200);
      expect((await call(worker, 'GET', '/v1/admin/retailers', operatorKey)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${worker.port}/docs/openapi.json`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${worker.port}/health/ready`)).status).toBe(200);
    });

    it('registers each process with its roles, visible to operators', async () => {
      const instances = (await (await call(api, 'GET', '/v1/admin/instances', operatorKey)).json()) as {
        items: { roles: string[]; pid: number }[];
      };
      expect(instances.items.map((instance) => instance.roles).sort()).toEqual([['api'], ['worker', 'scheduler']]);
      expect(instances.items.map((instance) => instance.pid).sort()).toEqual([api.child.pid, worker.child.pid].sort());
    });

    it('leaves jobs to the worker process: a webhook asked for through the API is delivered by the worker', async () => {
      const receiver = new WebhookReceiver();
      const url = await receiver.start();
      try {
        const channel = (await (
          await call(api, 'POST', '/v1/admin/channels', operatorKey, { name: 'Split', webhookUrl: url })
        ).json()) as { id: string };
        const accepted = (await (
          await call(api, 'POST', `/v1/admin/channels/${channel.id}/webhook-test`, operatorKey)
        ).json()) as { id: string };
        const [received] = await receiver.waitFor(1);
        expect(received?.headers['webhook-id']).toBe(accepted.id);
        const instances = (await (await call(api, 'GET', '/v1/admin/instances', operatorKey)).json()) as {
          items: { id: string; pid: number }[];
        };
        const workerInstance = instances.items.find((instance) => instance.pid === worker.child.pid);
        let attemptedBy: string | null = null;
        for (let tries = 0; tries < 50 && !attemptedBy; tries++) {
          const deliveries = (await (
            await call(api, 'GET', `/v1/admin/channels/${channel.id}/webhook-deliveries`, operatorKey)
          ).json()) as {
            items: { lastAttemptInstanceId: string | null }[];
          };
          attemptedBy = deliveries.items[0]?.lastAttemptInstanceId ?? null;
          if (!attemptedBy) await new Promise((wake) => setTimeout(wake, 100));
        }
        expect(attemptedBy).toBe(workerInstance?.id);
      } finally {
        await receiver.stop();
      }
    });

    it('removes a process from the registry when it stops', async () => {
      expect(await stop(worker)).toBe(0);
      const instances = (await (await call(api, 'GET', '/v1/admin/instances', operatorKey)).json()) as {
        items: { roles: string[] }[];
      };
      expect(instances.items.map((instance) => instance.roles)).toEqual([['api']]);
    });

    it('took the operator key from the environment once, with no key printed', async () => {
      const keys = (await (await call(api, 'GET', '/v1/admin/api-keys?role=operator', operatorKey)).json()) as {
        items: unknown[];
      };
      expect(keys.items).toHaveLength(1);
      expect(api.output() + worker.output()).not.toContain(operatorKey);
    });
  });

  it('after a SIGKILL, stops the embedded PostgreSQL it left behind and starts again on the same data, and refuses to share it with a live process', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'souk-orphan-'));
    await chmod(folder, 0o755);
    const dataDir = join(folder, 'postgres');
    const env = {
      SOUK_DATA_DIR: dataDir,
      SOUK_EMBEDDED_DB_PORT: String(await freePort()),
      SOUK_DEMO_DATA: 'false',
      PORT: String(await freePort()),
    };
    try {
      const killed = start(env);
      await waitForHealth(killed, '/health/ready');
      const key = killed.output().match(/Operator key: (souk_op_\S+)/)?.[1] as string;
      const orphan = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
      killed.child.kill('SIGKILL');
      await killed.exited;
      // Its PostgreSQL outlived it.
      expect(() => process.kill(orphan, 0)).not.toThrow();

      const next = start({ ...env, PORT: String(await freePort()) });
      await waitForHealth(next, '/health/ready');
      expect(next.output()).toContain(`Stopped the embedded PostgreSQL (pid ${orphan})`);
      expect(() => process.kill(orphan, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
      expect((await call(next, 'GET', '/v1/admin/retailers', key)).status).toBe(200);

      // A second process on the same folder while the first runs is refused, naming the running one.
      const intruder = start({ ...env, PORT: String(await freePort()) });
      expect(await intruder.exited).toBe(1);
      expect(intruder.output()).toContain(
        `Souk process ${next.child.pid} is running the embedded PostgreSQL in ${dataDir}`,
      );
      expect((await call(next, 'GET', '/v1/admin/retailers', key)).status).toBe(200);
      expect(await stop(next)).toBe(0);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 240_000);

  it('refuses to start on a wrong setting and names the variable', async () => {
    const server = start({ PORT: 'eighty', SOUK_ROLES: 'api,cron', SOUK_OUTBOUND_ALLOW: '10.0.0.0/8,10.0.0.0/33' });
    expect(await server.exited).toBe(78);
    expect(server.output()).toMatch(/PORT: /);
    expect(server.output()).toMatch(/SOUK_ROLES: /);
    expect(server.output()).toMatch(/SOUK_OUTBOUND_ALLOW: "10\.0\.0\.0\/33" is not a CIDR range/);
  });
});

/**
 * The banner names the phone simulator; a person there who says "Hi" (sent the way the simulator
 * sends it) is welcomed by the demo WhatsApp channel, which runs as its own process.
 */
async function expectDemoChat(server: Running, sandboxPort: string, waId: string): Promise<void> {
  expect(server.output()).toContain(`Shop in a chat: open http://127.0.0.1:${sandboxPort}/simulator`);
  const sandbox = `http://127.0.0.1:${sandboxPort}/_sandbox/users/${waId}`;
  const sent = await fetch(`${sandbox}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'Hi', name: 'Demo buyer' }),
  });
  expect(sent.status).toBe(202);
  for (let tries = 0; tries < 200; tries++) {
    const conversation = (
      (await (await fetch(`${sandbox}/conversation`)).json()) as { entries: { direction: string; message: unknown }[] }
    ).entries;
    const welcome = conversation.find((entry) => entry.direction === 'out');
    if (welcome) {
      expect(JSON.stringify(welcome.message)).toContain('Hoi Demo buyer! Welkom bij Demo WhatsApp channel.');
      return;
    }
    await new Promise((wake) => setTimeout(wake, 100));
  }
  throw new Error(`the demo chat did not answer "Hi":\n${server.output()}`);
}

/** One in-stock offer from each demo catalog: of the first shared product whose two offers are in stock. */
async function demoOffersInStock(
  server: Running,
  operatorKey: string,
): Promise<{ offerId: string; retailerItemId: string }[]> {
  for (let n = 0; n < 50; n++) {
    const product = (await (
      await call(server, 'GET', `/v1/admin/products/by-gtin?gtin=${demoGtin(n)}`, operatorKey)
    ).json()) as { offers?: { offerId: string; retailerItemId: string; availability: string }[] };
    const offers = product.offers ?? [];
    if (offers.length === 2 && offers.every((offer) => offer.availability === 'in_stock')) return offers;
  }
  throw new Error('no shared demo product has both offers in stock');
}

/**
 * The demo channel checks out one offer of each demo catalog: the electronics shop's part is routed
 * by signed webhook to the demo's sandbox retailer, which gives its reference, accepts and ships it
 * by itself; the corner shop's part waits for the demo retailer key to pull it. Answers the reference.
 */
async function expectDemoCheckout(
  server: Running,
  offers: { offerId: string; retailerItemId: string }[],
  banner = server.output(),
): Promise<string> {
  const channelKey = banner.match(/Demo channel key:\s+(souk_ch_\S+)/)?.[1] as string;
  const retailerKey = banner.match(/Demo retailer key:\s+(souk_rt_\S+)/)?.[1] as string;
  const user = `demo-${randomBytes(4).toString('hex')}`;
  for (const offer of offers) {
    const line = await call(server, 'PUT', `/v1/channel/users/${user}/cart/lines/${offer.offerId}`, channelKey, {
      quantity: 1,
    });
    expect(line.status).toBe(200);
  }
  const placed = await fetch(`http://127.0.0.1:${server.port}/v1/channel/orders`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${channelKey}`,
      'content-type': 'application/json',
      'idempotency-key': randomBytes(16).toString('hex'),
    },
    body: JSON.stringify({
      userRef: user,
      customer: { name: 'Demo Buyer', email: 'buyer@demo.souk.invalid' },
      shippingAddress: {
        name: 'Demo Buyer',
        line1: 'Damrak 1',
        postalCode: '1012 LG',
        city: 'Amsterdam',
        country: 'NL',
      },
    }),
  });
  expect(placed.status).toBe(201);
  const order = (await placed.json()) as { id: string; retailerOrders: { id: string; method: string }[] };
  expect(order.retailerOrders.map((part) => part.method).sort()).toEqual(['pull', 'webhook']);
  const pulled = order.retailerOrders.find((part) => part.method === 'pull')!;
  type Part = { method: string; status: string; externalReference: string | null; tracking: unknown };
  let routed: Part | undefined;
  for (let tries = 0; tries < 200 && routed?.status !== 'shipped'; tries++) {
    const view = (await (await call(server, 'GET', `/v1/channel/orders/${order.id}`, channelKey)).json()) as {
      retailerOrders: Part[];
    };
    routed = view.retailerOrders.find((part) => part.method === 'webhook');
    await new Promise((wake) => setTimeout(wake, 100));
  }
  expect(routed).toMatchObject({
    status: 'shipped',
    externalReference: expect.stringMatching(/^SBX-/),
    tracking: { carrier: 'Sandbox Post', number: expect.any(String), url: expect.any(String) },
  });
  const pending = (await (await call(server, 'GET', '/v1/retailer/orders?status=pending', retailerKey)).json()) as {
    items: { id: string }[];
  };
  expect(pending.items.map((item) => item.id)).toContain(pulled.id);
  return routed!.externalReference!;
}
