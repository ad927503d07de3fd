import type { Connector } from '#connector-sdk';
import { ChangesApiServer, changesApiConnector } from '../../../test/support/changes-api-connector.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

/** The changes-API connector with a bug: its map throws on the item with id B. */
const throwingConnector: Connector = {
  ...(changesApiConnector as unknown as Connector),
  spec: { ...changesApiConnector.spec, id: 'test-throwing-map', name: 'Changes API with a bug (test)' },
  map(item, context) {
    if (item.ref.id === 'B') throw new TypeError('cannot read properties of undefined (reading "price")');
    return (changesApiConnector as unknown as Connector).map(item, context);
  },
};

describe('a connector whose map throws', () => {
  let t: TestApp;
  let api: ChangesApiServer;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'error' }, undefined, [throwingConnector]);
    api = new ChangesApiServer();
    const baseUrl = await api.start();
    for (const id of ['A', 'B', 'C']) api.put(id, `${id} v1`);
    const retailerId = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name: 'Buggy shop', slug: 'buggy-shop', defaultCurrency: 'EUR', contactEmail: 'b@shop.example' },
      })
    ).body.id;
    const configId = (
      await t.request('POST', '/v1/admin/connector-configs', {
        body: { retailerId, connectorId: 'test-throwing-map', name: 'API', settings: { baseUrl } },
      })
    ).body.id;
    const run = await syncAndWait(t, configId, { mode: 'full' });
    expect(run).toMatchObject({ status: 'succeeded', read: 3, created: 2, failed: 1 });
    runId = run.id;
  });
  let runId = '';
  afterAll(async () => {
    await t.close();
    await api.stop();
  });

  it('fails only the item it threw on, reported without the error text, and keeps the others', async () => {
    const issues = (await t.request('GET', `/v1/admin/sync-runs/${runId}/issues`)).body.items;
    const errors = issues.filter((issue: { severity: string }) => issue.severity === 'error');
    expect(errors).toEqual([
      { itemId: 'B', line: null, severity: 'error', field: null, message: 'the connector could not read this item' },
    ]);
    expect(JSON.stringify(issues)).not.toContain('cannot read properties');
    const offers = (await t.sql.query(`SELECT retailer_item_id FROM offer ORDER BY 1`)).rows.map(
      (row) => row.retailer_item_id,
    );
    expect(offers).toEqual(['A', 'C']);
  });

  it('logs the error with its stack, the run, the connector and the item', () => {
    const line = t
      .logs()
      .split('\n')
      .filter(Boolean)
      .map((text) => JSON.parse(text) as Record<string, any>)
      .find((entry) => entry.msg === 'the connector threw while mapping an item');
    expect(line).toMatchObject({
      runId,
      connectorId: 'test-throwing-map',
      itemId: 'B',
      err: { type: 'TypeError', message: 'cannot read properties of undefined (reading "price")' },
    });
    expect(line!.err.stack).toContain('connector-map-failure.spec.ts');
  });
});
