import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { ChangesApiServer, changesApiConnector } from '../../../test/support/changes-api-connector.js';

describe('incremental syncs and checkpoints', () => {
  let t: TestApp;
  let api: ChangesApiServer;
  let configId: string;
  let retailerId: string;

  const sync = (mode: 'full' | 'incremental') => syncAndWait(t, configId, { mode });
  const titles = async () =>
    Object.fromEntries(
      (
        await t.sql.query(`SELECT retailer_item_id, title FROM offer WHERE retailer_id = $1 AND removed_at IS NULL`, [
          retailerId,
        ])
      ).rows.map((row) => [row.retailer_item_id, row.title]),
    );
  const checkpoint = async () =>
    (await t.sql.query(`SELECT checkpoint FROM connector_config WHERE id = $1`, [configId])).rows[0].checkpoint;

  beforeAll(async () => {
    t = await startTestApp({}, undefined, [changesApiConnector as never]);
    api = new ChangesApiServer();
    const baseUrl = await api.start();
    retailerId = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name: 'Api shop', slug: 'api-shop', defaultCurrency: 'EUR', contactEmail: 'a@shop.example' },
      })
    ).body.id;
    configId = (
      await t.request('POST', '/v1/admin/connector-configs', {
        body: { retailerId, connectorId: 'test-changes-api', name: 'API', settings: { baseUrl } },
      })
    ).body.id;
    for (const id of ['A', 'B', 'C', 'D', 'E']) api.put(id, `${id} v1`);
  });
  afterAll(async () => {
    await t.close();
    await api.stop();
  });

  it('reads everything in a full sync and keeps the last version as the checkpoint', async () => {
    const run = await sync('full');
    expect(run).toMatchObject({ status: 'succeeded', read: 5, created: 5 });
    expect(await checkpoint()).toEqual({ version: 5 });
  });

  it('reads only what changed since the checkpoint, and removes nothing', async () => {
    api.put('B', 'B v2');
    api.put('F', 'F v1');
    const run = await sync('incremental');
    expect(run).toMatchObject({ status: 'succeeded', read: 2, created: 1, updated: 1, removed: 0 });
    expect(api.requests.at(-2)).toContain('since=5');
    expect(await titles()).toMatchObject({ A: 'A v1', B: 'B v2', F: 'F v1' });
    expect(await checkpoint()).toEqual({ version: 7 });
  });

  it('keeps the checkpoint of the last committed page when a later page fails, and resumes from it', async () => {
    for (const id of ['A', 'C', 'D', 'E']) api.put(id, `${id} v3`);
    api.failPage = 2;
    const failed = await sync('incremental');
    expect(failed.status).toBe('failed');
    expect(failed.read).toBe(2);
    expect(await checkpoint()).toEqual({ version: 9 });
    expect(await titles()).toMatchObject({ A: 'A v3', C: 'C v3', D: 'D v1', E: 'E v1' });

    const resumed = await sync('incremental');
    expect(resumed).toMatchObject({ status: 'succeeded', read: 2, updated: 2 });
    expect(api.requests.at(-2)).toContain('since=9');
    expect(await titles()).toMatchObject({ D: 'D v3', E: 'E v3' });
  });
});
