import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { waitForRun as waitForSyncRun } from '../../../test/support/sync-runs.js';
import { FeedServer, feedItems, rssFeed } from '../../../test/support/feed-server.js';

const SECRET = 'RECOGNIZABLE-SECRET-51f0c9e2';

describe('connector configs, uploads and their scoping', () => {
  let t: TestApp;
  let feed: FeedServer;
  let feedUrl: string;
  const retailers: { id: string; key: string }[] = [];

  const waitForRun = (key: string, runId: string) => waitForSyncRun(t, runId, key);

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'debug' });
    feed = new FeedServer();
    feedUrl = await feed.start();
    feed.setBody(rssFeed(feedItems(5)));
    for (const slug of ['shop-a', 'shop-b']) {
      const id = (
        await t.request('POST', '/v1/admin/retailers', {
          body: { name: slug, slug, defaultCurrency: 'EUR', contactEmail: `${slug}@shop.example` },
        })
      ).body.id;
      const key = (
        await t.request('POST', '/v1/admin/api-keys', { body: { name: slug, role: 'retailer', retailerId: id } })
      ).body.key;
      retailers.push({ id, key });
    }
  });
  afterAll(async () => {
    await t.close();
    await feed.stop();
  });

  it('lists the installed connectors with the JSON Schema of their settings', async () => {
    const response = await t.request('GET', '/v1/retailer/connectors', { key: retailers[0]!.key });
    expect(response.body.map((connector: { id: string }) => connector.id).sort()).toEqual([
      'csv-catalog',
      'google-merchant-feed',
      'shopify',
      'woocommerce',
    ]);
    const feedConnector = response.body.find((connector: { id: string }) => connector.id === 'google-merchant-feed');
    expect(feedConnector.settingsSchema.type).toBe('object');
  });

  it('checks settings against the connector and names the wrong field', async () => {
    const response = await t.request('POST', '/v1/retailer/connector-configs', {
      key: retailers[0]!.key,
      body: { connectorId: 'google-merchant-feed', name: 'Feed', settings: { source: 'url', url: 'not a url' } },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain('settings.url');
    const unknown = await t.request('POST', '/v1/retailer/connector-configs', {
      key: retailers[0]!.key,
      body: { connectorId: 'magento', name: 'x', settings: {} },
    });
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'connectorId' })]);
  });

  it('keeps connector secrets encrypted and out of every answer and log line', async () => {
    const created = await t.request('POST', '/v1/retailer/connector-configs', {
      key: retailers[0]!.key,
      body: {
        connectorId: 'google-merchant-feed',
        name: 'Protected feed',
        settings: { source: 'url', url: feedUrl },
        secrets: { username: 'shop', password: SECRET },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.secretsSet).toEqual(['password', 'username']);
    const answers = [
      created,
      await t.request('GET', `/v1/retailer/connector-configs/${created.body.id}`, { key: retailers[0]!.key }),
      await t.request('GET', '/v1/retailer/connector-configs', { key: retailers[0]!.key }),
      await t.request('GET', '/v1/admin/connector-configs'),
      await t.request('POST', `/v1/retailer/connector-configs/${created.body.id}/check`, { key: retailers[0]!.key }),
      await t.request('PATCH', `/v1/retailer/connector-configs/${created.body.id}`, {
        key: retailers[0]!.key,
        body: { secrets: { username: 'shop', password: SECRET + '-2' } },
      }),
      await t.request('GET', '/v1/admin/audit-log?entityType=connector_config'),
    ];
    const run = await t.request('POST', `/v1/retailer/connector-configs/${created.body.id}/sync`, {
      key: retailers[0]!.key,
    });
    await waitForRun(retailers[0]!.key, run.body.id);
    for (const answer of answers) expect(JSON.stringify(answer.body)).not.toContain(SECRET);
    const stored = (await t.sql.query(`SELECT string_agg(row_to_json(c)::text, '') AS text FROM connector_config c`))
      .rows[0].text;
    expect(stored).not.toContain(SECRET);
    const audit = (
      await t.sql.query(
        `SELECT coalesce(string_agg(coalesce(before::text, '') || coalesce(after::text, ''), ''), '') AS text FROM audit_entry`,
      )
    ).rows[0].text;
    expect(audit).not.toContain(SECRET);
    const logs = t.logs();
    expect(logs).toContain('/v1/retailer/connector-configs');
    expect(logs).not.toContain(SECRET);
  });

  it('lets a retailer see and manage only its own configs, runs and issues', async () => {
    const [a, b] = retailers as [{ id: string; key: string }, { id: string; key: string }];
    const configB = await t.request('POST', '/v1/retailer/connector-configs', {
      key: b.key,
      body: { connectorId: 'google-merchant-feed', name: 'B feed', settings: { source: 'url', url: feedUrl } },
    });
    const runB = await t.request('POST', `/v1/retailer/connector-configs/${configB.body.id}/sync`, { key: b.key });
    await waitForRun(b.key, runB.body.id);
    for (const [method, path] of [
      ['GET', `/v1/retailer/connector-configs/${configB.body.id}`],
      ['PATCH', `/v1/retailer/connector-configs/${configB.body.id}`],
      ['POST', `/v1/retailer/connector-configs/${configB.body.id}/sync`],
      ['POST', `/v1/retailer/connector-configs/${configB.body.id}/check`],
      ['POST', `/v1/retailer/connector-configs/${configB.body.id}/disable`],
      ['GET', `/v1/retailer/sync-runs/${runB.body.id}`],
      ['GET', `/v1/retailer/sync-runs/${runB.body.id}/issues`],
    ] as const) {
      const response = await t.request(method, path, {
        key: a.key,
        body: method === 'PATCH' ? { name: 'mine now' } : undefined,
      });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
    const listA = await t.request('GET', '/v1/retailer/connector-configs', { key: a.key });
    expect(listA.body.items.every((config: { retailerId: string }) => config.retailerId === a.id)).toBe(true);
    const runsA = await t.request('GET', '/v1/retailer/sync-runs', { key: a.key });
    expect(runsA.body.items.every((run: { retailerId: string }) => run.retailerId === a.id)).toBe(true);
    const operatorRuns = await t.request('GET', `/v1/admin/sync-runs?configId=${configB.body.id}`);
    expect(operatorRuns.body.items.map((run: { id: string }) => run.id)).toContain(runB.body.id);
    expect((await t.request('GET', '/v1/admin/connector-configs', { key: a.key })).status).toBe(403);
  });

  it('takes a CSV upload through the retailer API and syncs it', async () => {
    const [a] = retailers as [{ id: string; key: string }];
    const config = await t.request('POST', '/v1/retailer/connector-configs', {
      key: a.key,
      body: { connectorId: 'csv-catalog', name: 'Shop CSV', settings: { currency: 'EUR' } },
    });
    expect(config.status).toBe(201);
    const csv =
      '\uFEFFid;title;link;price;availability\nC-1;Kaffee "Bohne";https://shop.example/c1;12,50;in stock\nC-2;Tee;https://shop.example/c2;4.95;in stock\n';
    const upload = await t.request('POST', `/v1/retailer/connector-configs/${config.body.id}/uploads`, {
      key: a.key,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(upload.status).toBe(202);
    expect(upload.body.trigger).toBe('upload');
    const run = await waitForRun(a.key, upload.body.id);
    expect(run.read).toBe(2);
    expect(run.status).toBe('succeeded');
    const stored = (
      await t.sql.query(
        `SELECT retailer_item_id, title FROM offer WHERE config_id = $1 AND removed_at IS NULL ORDER BY 1`,
        [config.body.id],
      )
    ).rows;
    expect(stored.map((row) => row.retailer_item_id)).toEqual(expect.arrayContaining(['C-2']));
  });
});
