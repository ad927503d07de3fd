import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('admin API: channels', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('generates a webhook secret, shows it once and keeps it only sealed', async () => {
    const created = await t.request('POST', '/v1/admin/channels', {
      body: { name: 'WhatsApp NL', webhookUrl: 'https://bot.example/events' },
    });
    expect(created.status).toBe(201);
    expect(created.body.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await t.request('GET', `/v1/admin/channels/${created.body.id}`);
    expect(read.body).not.toHaveProperty('webhookSecret');
    expect(JSON.stringify((await t.request('GET', '/v1/admin/channels')).body)).not.toContain(
      created.body.webhookSecret,
    );
    const stored = await t.sql.query('SELECT row_to_json(channel)::text AS row FROM channel WHERE id = $1', [
      created.body.id,
    ]);
    const secretBody = created.body.webhookSecret.slice('whsec_'.length);
    expect(stored.rows[0].row).not.toContain(secretBody);
    const audit = await t.sql.query("SELECT string_agg(before::text || after::text, '') AS text FROM audit_entry");
    expect(audit.rows[0].text ?? '').not.toContain(secretBody);
  });

  it('rotates the webhook secret: a new one, shown once, audited', async () => {
    const created = await t.request('POST', '/v1/admin/channels', { body: { name: 'Rotating' } });
    const rotated = await t.request('POST', `/v1/admin/channels/${created.body.id}/webhook-secret/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.webhookSecret).toMatch(/^whsec_/);
    expect(rotated.body.webhookSecret).not.toBe(created.body.webhookSecret);
    const log = await t.request(
      'GET',
      `/v1/admin/audit-log?entityId=${created.body.id}&action=channel.rotate-webhook-secret`,
    );
    expect(log.body.items).toHaveLength(1);
  });

  it('validates the webhook URL and refuses unknown fields', async () => {
    const response = await t.request('POST', '/v1/admin/channels', {
      body: { name: 'x', webhookUrl: 'ftp://files.example', webhookSecret: 'mine' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'webhookSecret',
      'webhookUrl',
    ]);
  });

  it('updates, pauses and activates a channel, and clears its webhook URL with null', async () => {
    const created = await t.request('POST', '/v1/admin/channels', {
      body: { name: 'Line shop', webhookUrl: 'http://localhost:9000/hook' },
    });
    const updated = await t.request('PATCH', `/v1/admin/channels/${created.body.id}`, {
      body: { name: 'Line shop JP', webhookUrl: null },
    });
    expect(updated.body).toMatchObject({ name: 'Line shop JP', webhookUrl: null });
    expect((await t.request('POST', `/v1/admin/channels/${created.body.id}/pause`)).body.status).toBe('paused');
    expect((await t.request('POST', `/v1/admin/channels/${created.body.id}/activate`)).body.status).toBe('active');
  });

  it("shapes a channel key's next request by the channel's settings as they are now", async () => {
    // The key's read brings its channel's settings (ApiKeyService.authenticate): a change is seen at once.
    const channelId = (await t.request('POST', '/v1/admin/channels', { body: { name: 'Shop chat', currency: 'EUR' } }))
      .body.id;
    const key = (await t.request('POST', '/v1/admin/api-keys', { body: { name: 'k', role: 'channel', channelId } }))
      .body.key;
    const facetsCurrency = async () =>
      (await t.request('GET', '/v1/channel/search/facets', { key })).body.currency as string;
    expect(await facetsCurrency()).toBe('EUR');
    expect((await t.request('PATCH', `/v1/admin/channels/${channelId}`, { body: { currency: 'USD' } })).status).toBe(
      200,
    );
    expect(await facetsCurrency()).toBe('USD');
    await t.request('POST', `/v1/admin/channels/${channelId}/pause`);
    expect((await t.request('GET', '/v1/channel/search/facets', { key })).status).toBe(403);
  });
});
