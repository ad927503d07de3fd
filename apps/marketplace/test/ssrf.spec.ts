import { startRecordingServer, type RecordingServer } from '../../../libs/outbound/test/support/recording-server.js';
import { waitForRun } from '../../../test/support/sync-runs.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import {
  channelWithKey,
  connectorAt,
  internalBases,
  orderRouted,
  shopWithOffer,
  webhookTested,
  type ConnectorKind,
  type Shop,
} from '../../../test/support/ssrf-places.js';

/**
 * Server-side request forgery (issue 12, item 1), with the operator's default: no allowance at all.
 * A loopback listener records whatever reaches it. For every place Souk accepts a URL it later
 * calls, and every notation of an internal address, the URL is refused when it is saved (400
 * naming the field) and, stored anyway (as by an older version, or before an operator took an
 * allowance back), refused when it is called: the refusal is recorded, names the rule, and nothing
 * reaches the listener.
 */
describe('SSRF: internal addresses with the strict outbound policy', () => {
  let t: TestApp;
  let internal: RecordingServer;
  let shop: Shop;
  let buyer: { id: string; key: string };

  beforeAll(async () => {
    internal = await startRecordingServer();
    // '' is "unset": the strict policy, instead of the loopback allowance test apps have by default.
    t = await startTestApp({ SOUK_OUTBOUND_ALLOW: '' });
    shop = await shopWithOffer(t, 'ssrf-shop');
    buyer = await channelWithKey(t, 'SSRF buyer');
  });
  afterAll(async () => {
    await t.close();
    await internal.close();
  });
  afterEach(() => {
    // Nothing, in any test, ever reaches the internal listener.
    expect(internal.requests).toEqual([]);
  });

  const bases = () => internalBases(internal.port);
  const refusalOf = (rule: string) =>
    new RegExp(`^refused by the outbound policy: .*${rule}.* \\(allow it with SOUK_OUTBOUND_ALLOW\\)`);

  describe.each<ConnectorKind>(['feed', 'shopify', 'woocommerce'])('a %s connector config', (kind) => {
    it('is refused when saved with an internal URL, with a 400 naming the setting, and nothing is stored', async () => {
      for (const { notation, base, rule } of bases()) {
        const { connectorId, settings, field, secrets } = connectorAt(kind, base);

        const created = await t.request('POST', '/v1/retailer/connector-configs', {
          key: shop.key,
          body: { connectorId, name: notation, settings, secrets },
        });

        expect({ notation, status: created.status }).toEqual({ notation, status: 400 });
        expect(created.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(created.body.errors).toEqual([
          { field: `settings.${field}`, message: expect.stringMatching(refusalOf(rule)) },
        ]);
      }
      expect(
        (
          await t.sql.query(`SELECT count(*) FROM connector_config WHERE settings::text LIKE $1`, [
            `%:${internal.port}%`,
          ])
        ).rows[0].count,
      ).toBe('0');
    });

    it('is refused when changed to an internal URL, keeping what was stored', async () => {
      const { connectorId, settings, field, secrets } = connectorAt(kind, 'https://shop.example.com');
      const created = await t.request('POST', '/v1/retailer/connector-configs', {
        key: shop.key,
        body: { connectorId, name: 'public', settings, secrets },
      });
      expect(created.status).toBe(201);

      for (const { notation, base, rule } of bases()) {
        const changed = await t.request('PATCH', `/v1/retailer/connector-configs/${created.body.id}`, {
          key: shop.key,
          body: { settings: connectorAt(kind, base).settings },
        });

        expect({ notation, status: changed.status, errors: changed.body.errors }).toEqual({
          notation,
          status: 400,
          errors: [{ field: `settings.${field}`, message: expect.stringMatching(refusalOf(rule)) }],
        });
      }
      expect(
        (await t.request('GET', `/v1/retailer/connector-configs/${created.body.id}`, { key: shop.key })).body.settings,
      ).toEqual(created.body.settings);
      await t.sql.query('DELETE FROM connector_config WHERE id = $1', [created.body.id]);
    });

    it('stored with an internal URL anyway, is refused at check and at sync: "not-allowed", naming the rule', async () => {
      const { connectorId, settings, field, secrets } = connectorAt(kind, 'https://shop.example.com');
      const config = (
        await t.request('POST', '/v1/retailer/connector-configs', {
          key: shop.key,
          body: { connectorId, name: 'stored', settings, secrets },
        })
      ).body;

      for (const { notation, base, rule } of bases()) {
        const stored = connectorAt(kind, base).settings[field];
        await t.sql.query(
          `UPDATE connector_config SET settings = jsonb_set(settings, $2, to_jsonb($3::text)) WHERE id = $1`,
          [config.id, `{${field}}`, stored],
        );

        const check = await t.request('POST', `/v1/retailer/connector-configs/${config.id}/check`, { key: shop.key });
        const sync = await t.request('POST', `/v1/retailer/connector-configs/${config.id}/sync`, { key: shop.key });
        const run = await waitForRun(t, sync.body.id, shop.key);

        expect({ notation, check: check.body }).toEqual({
          notation,
          check: {
            ok: false,
            reason: 'not-allowed',
            message: expect.stringMatching(new RegExp(`refused by the outbound policy: .*${rule}`)),
          },
        });
        expect({ notation, status: run.status, error: run.error }).toEqual({
          notation,
          status: 'failed',
          error: expect.stringMatching(new RegExp(`refused by the outbound policy: .*${rule}`)),
        });
        expect(check.body.message).not.toContain('INTERNAL-SECRET');
      }
      await t.sql.query('DELETE FROM sync_run WHERE config_id = $1', [config.id]);
      await t.sql.query('DELETE FROM connector_config WHERE id = $1', [config.id]);
    });
  });

  describe('a retailer order webhook URL', () => {
    it('is refused when saved, with a 400 naming webhookUrl', async () => {
      for (const { notation, base, rule } of bases()) {
        const saved = await t.request('PUT', '/v1/retailer/order-settings', {
          key: shop.key,
          body: { method: 'webhook', webhookUrl: `${base}/orders` },
        });

        expect({ notation, status: saved.status, errors: saved.body.errors }).toEqual({
          notation,
          status: 400,
          errors: [{ field: 'webhookUrl', message: expect.stringMatching(refusalOf(rule)) }],
        });
      }
      expect(
        (await t.sql.query('SELECT count(*) FROM retailer_order_settings WHERE retailer_id = $1', [shop.id])).rows[0]
          .count,
      ).toBe('0');
    });

    it('stored anyway, an order routed there fails at once with the refusal recorded, and is not retried', async () => {
      // A public URL is accepted (nothing is sent on saving); then each internal one is stored behind Souk's back.
      expect(
        (
          await t.request('PUT', '/v1/retailer/order-settings', {
            key: shop.key,
            body: { method: 'webhook', webhookUrl: 'https://orders.shop.example.com/souk' },
          })
        ).status,
      ).toBe(200);

      for (const { notation, base, rule } of bases()) {
        await t.sql.query('UPDATE retailer_order_settings SET webhook_url = $2 WHERE retailer_id = $1', [
          shop.id,
          `${base}/orders`,
        ]);

        const routed = await orderRouted(t, buyer.key, shop, (status) => status !== 'pending');

        expect({ notation, status: routed.status }).toEqual({ notation, status: 'failed' });
        expect(routed.attempts).toEqual([
          expect.objectContaining({
            outcome: 'rejected',
            responseStatus: null,
            error: expect.stringMatching(refusalOf(rule)),
          }),
        ]);
      }
    });
  });

  describe('a channel webhook URL', () => {
    it('is refused when a channel is created or changed with it, with a 400 naming webhookUrl', async () => {
      const channel = await channelWithKey(t, 'Public bot', 'https://bot.example.com/souk');

      for (const { notation, base, rule } of bases()) {
        const created = await t.request('POST', '/v1/admin/channels', {
          body: { name: notation, webhookUrl: `${base}/hooks` },
        });
        const changed = await t.request('PATCH', `/v1/admin/channels/${channel.id}`, {
          body: { webhookUrl: `${base}/hooks` },
        });

        for (const answer of [created, changed]) {
          expect({ notation, status: answer.status, errors: answer.body.errors }).toEqual({
            notation,
            status: 400,
            errors: [{ field: 'webhookUrl', message: expect.stringMatching(refusalOf(rule)) }],
          });
        }
      }
      expect((await t.request('GET', `/v1/admin/channels/${channel.id}`)).body.webhookUrl).toBe(
        'https://bot.example.com/souk',
      );
    });

    it('stored anyway, its test webhook fails at once with the refusal recorded, and is not retried', async () => {
      const channel = await channelWithKey(t, 'Stored bot', 'https://bot.example.com/souk');

      for (const { notation, base, rule } of bases()) {
        await t.sql.query('UPDATE channel SET webhook_url = $2 WHERE id = $1', [channel.id, `${base}/hooks`]);

        const delivery = await webhookTested(t, channel.id);

        expect({ notation, delivery }).toEqual({
          notation,
          delivery: expect.objectContaining({
            status: 'failed',
            attempts: 1,
            lastResponseStatus: null,
            lastError: expect.stringMatching(refusalOf(rule)),
          }),
        });
      }
    });
  });
});
