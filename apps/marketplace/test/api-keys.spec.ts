import { createHash } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('admin API: API keys', () => {
  let t: TestApp;
  let retailerId: string;
  beforeAll(async () => {
    t = await startTestApp();
    retailerId = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name: 'Keyed', slug: 'keyed', defaultCurrency: 'JPY', contactEmail: 'k@shop.example' },
      })
    ).body.id;
  });
  afterAll(() => t.close());

  it('shows a new key once, and the database holds only its SHA-256 hash', async () => {
    const created = await t.request('POST', '/v1/admin/api-keys', {
      body: { name: 'shop', role: 'retailer', retailerId },
    });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^souk_rt_[A-Za-z0-9_-]{43}$/);
    expect(created.body.prefix).toBe(created.body.key.slice(0, 16));

    const everyKeyRow = (await t.sql.query('SELECT row_to_json(api_key)::text AS row, secret_hash FROM api_key')).rows;
    for (const key of [created.body.key, t.operatorKey]) {
      const secretPart = key.slice(8);
      expect(everyKeyRow.some((row) => row.row.includes(secretPart))).toBe(false);
    }
    const hash = createHash('sha256').update(created.body.key).digest('hex');
    expect(everyKeyRow.map((row) => row.secret_hash)).toContain(hash);
    const auditText = (await t.sql.query(`SELECT coalesce(string_agg(after::text, ''), '') AS text FROM audit_entry`))
      .rows[0].text;
    expect(auditText).not.toContain(created.body.key.slice(8));
  });

  it('lists and reads keys without their secrets', async () => {
    const list = await t.request('GET', `/v1/admin/api-keys?retailerId=${retailerId}`);
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const key of list.body.items) {
      expect(key).not.toHaveProperty('key');
      expect(key).not.toHaveProperty('secretHash');
    }
    const one = await t.request('GET', `/v1/admin/api-keys/${list.body.items[0].id}`);
    expect(Object.keys(one.body).sort()).toEqual(
      [
        'channelId',
        'createdAt',
        'createdByKeyId',
        'id',
        'lastUsedAt',
        'name',
        'prefix',
        'retailerId',
        'revokedAt',
        'role',
      ].sort(),
    );
  });

  it('ties a retailer key to an existing retailer and an operator key to nothing', async () => {
    const missingRetailer = await t.request('POST', '/v1/admin/api-keys', { body: { name: 'x', role: 'retailer' } });
    expect(missingRetailer.status).toBe(400);
    expect(missingRetailer.body.errors).toEqual([{ field: 'retailerId', message: 'is required for a retailer key' }]);
    const scopedOperator = await t.request('POST', '/v1/admin/api-keys', {
      body: { name: 'x', role: 'operator', retailerId },
    });
    expect(scopedOperator.body.errors).toEqual([
      { field: 'retailerId', message: 'is not allowed for an operator key' },
    ]);
    const unknownRetailer = await t.request('POST', '/v1/admin/api-keys', {
      body: { name: 'x', role: 'retailer', retailerId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknownRetailer.status).toBe(422);
    expect(unknownRetailer.body.errors[0].field).toBe('retailerId');
    const badRole = await t.request('POST', '/v1/admin/api-keys', { body: { name: 'x', role: 'root' } });
    expect(badRole.status).toBe(400);
    expect(badRole.body.errors[0].field).toBe('role');
  });

  it('keeps revoked keys out of the list unless asked, and revoking twice changes nothing', async () => {
    const created = await t.request('POST', '/v1/admin/api-keys', {
      body: { name: 'to revoke', role: 'retailer', retailerId },
    });
    const first = await t.request('POST', `/v1/admin/api-keys/${created.body.id}/revoke`);
    const second = await t.request('POST', `/v1/admin/api-keys/${created.body.id}/revoke`);
    expect(second.body.revokedAt).toBe(first.body.revokedAt);
    const active = await t.request('GET', '/v1/admin/api-keys');
    expect(active.body.items.map((key: { id: string }) => key.id)).not.toContain(created.body.id);
    const all = await t.request('GET', '/v1/admin/api-keys?includeRevoked=true');
    expect(all.body.items.map((key: { id: string }) => key.id)).toContain(created.body.id);
    const audit = await t.request('GET', `/v1/admin/audit-log?entityId=${created.body.id}`);
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'api_key.revoke',
      'api_key.create',
    ]);
  });

  it('refuses to revoke the last active operator key', async () => {
    const operatorKeyId = (await t.sql.query(`SELECT id FROM api_key WHERE role = 'operator' AND revoked_at IS NULL`))
      .rows[0].id;
    const refused = await t.request('POST', `/v1/admin/api-keys/${operatorKeyId}/revoke`);
    expect(refused.status).toBe(409);
    expect((await t.request('GET', '/v1/admin/api-keys')).status).toBe(200);

    const second = await t.request('POST', '/v1/admin/api-keys', {
      body: { name: 'second operator', role: 'operator' },
    });
    expect(
      (await t.request('POST', `/v1/admin/api-keys/${operatorKeyId}/revoke`, { key: second.body.key })).status,
    ).toBe(200);
    expect((await t.request('GET', '/v1/admin/api-keys')).status).toBe(401);
  });
});
