import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

interface SignedIn {
  readonly cookie: string;
  readonly setCookie: string;
  readonly csrfToken: string;
  readonly body: any;
}

describe('console sessions', () => {
  let t: TestApp;
  let retailerId: string;
  let otherRetailerId: string;
  let retailerKey: string;
  let channelKey: string;

  async function signIn(apiKey: string, headers: Record<string, string> = {}): Promise<SignedIn> {
    const answer = await t.request('POST', '/v1/console/session', { key: null, body: { apiKey }, headers });
    expect(answer.status).toBe(201);
    const setCookie = answer.headers.get('set-cookie') ?? '';
    return { setCookie, cookie: setCookie.split(';')[0]!, csrfToken: answer.body.csrfToken, body: answer.body };
  }

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'debug' });
    const retailer = async (slug: string) =>
      (
        await t.request('POST', '/v1/admin/retailers', {
          body: { name: `Shop ${slug}`, slug, defaultCurrency: 'EUR', contactEmail: `${slug}@shop.example` },
        })
      ).body.id as string;
    retailerId = await retailer('session-shop');
    otherRetailerId = await retailer('other-shop');
    retailerKey = (
      await t.request('POST', '/v1/admin/api-keys', { body: { name: 'shop console', role: 'retailer', retailerId } })
    ).body.key;
    const channelId = (await t.request('POST', '/v1/admin/channels', { body: { name: 'Chat' } })).body.id;
    channelKey = (await t.request('POST', '/v1/admin/api-keys', { body: { name: 'chat', role: 'channel', channelId } }))
      .body.key;
  });
  afterAll(() => t.close());

  it('exchanges a key for an HttpOnly, SameSite=Strict cookie on path / that is Secure over https, and keeps only its hash', async () => {
    const plain = await signIn(t.operatorKey);
    expect(plain.setCookie).toMatch(
      /^souk_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    expect(plain.body).toMatchObject({ role: 'operator', retailerId: null, keyName: 'First operator key' });
    expect(plain.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const overHttps = await signIn(t.operatorKey, { 'x-forwarded-proto': 'https' });
    expect(overHttps.setCookie.split('; ')).toContain('Secure');

    const token = plain.cookie.split('=')[1]!;
    const stored = (await t.sql.query(`SELECT row_to_json(console_session)::text AS row FROM console_session`)).rows
      .map((row) => row.row)
      .join('\n');
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(t.operatorKey.slice(8));
  });

  it("reads the session back from the cookie alone, with the same CSRF token, and acts with the key's role", async () => {
    const session = await signIn(retailerKey);
    expect(session.body).toMatchObject({ role: 'retailer', retailerId, retailerName: 'Shop session-shop' });
    const described = await t.request('GET', '/v1/console/session', { key: null, headers: { cookie: session.cookie } });
    expect(described.status).toBe(200);
    expect(described.body.csrfToken).toBe(session.csrfToken);
    expect(described.headers.get('cache-control')).toBe('no-store');

    const me = await t.request('GET', '/v1/retailer/me', { key: null, headers: { cookie: session.cookie } });
    expect(me.body.id).toBe(retailerId);
    const operatorOnly = await t.request('GET', '/v1/admin/retailers', {
      key: null,
      headers: { cookie: session.cookie },
    });
    expect(operatorOnly.status).toBe(403);
    const other = await t.request('GET', `/v1/admin/retailers/${otherRetailerId}`, {
      key: null,
      headers: { cookie: session.cookie },
    });
    expect(other.status).toBe(403);
  });

  it('refuses a change made with the cookie but without the CSRF token, or with a wrong one, and changes nothing', async () => {
    const session = await signIn(t.operatorKey);
    const body = { name: 'Forged', slug: 'forged', defaultCurrency: 'EUR', contactEmail: 'f@shop.example' };
    const withoutToken = await t.request('POST', '/v1/admin/retailers', {
      key: null,
      body,
      headers: { cookie: session.cookie },
    });
    expect(withoutToken.status).toBe(403);
    expect(withoutToken.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(withoutToken.body.type).toMatch(/\/csrf$/);
    const otherSession = await signIn(t.operatorKey);
    const wrongToken = await t.request('POST', '/v1/admin/retailers', {
      key: null,
      body,
      headers: { cookie: session.cookie, 'x-csrf-token': otherSession.csrfToken },
    });
    expect(wrongToken.status).toBe(403);
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM retailer WHERE slug = 'forged'`)).rows[0].n).toBe(0);

    const withToken = await t.request('POST', '/v1/admin/retailers', {
      key: null,
      body,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(withToken.status).toBe(201);
    const audit = (
      await t.sql.query(`SELECT actor_key_id FROM audit_entry WHERE action = 'retailer.create' AND entity_id = $1`, [
        withToken.body.id,
      ])
    ).rows;
    const operatorKeyId = (await t.sql.query(`SELECT id FROM api_key WHERE name = 'First operator key'`)).rows[0].id;
    expect(audit).toEqual([{ actor_key_id: operatorKeyId }]);
  });

  it('refuses channel keys, unknown keys and revoked keys at sign-in', async () => {
    const channel = await t.request('POST', '/v1/console/session', { key: null, body: { apiKey: channelKey } });
    expect(channel.status).toBe(403);
    expect(channel.body.type).toMatch(/\/console-not-for-channels$/);
    expect(channel.headers.get('set-cookie')).toBeNull();
    const unknown = await t.request('POST', '/v1/console/session', {
      key: null,
      body: { apiKey: 'souk_op_' + 'x'.repeat(43) },
    });
    expect(unknown.status).toBe(401);
    const missing = await t.request('POST', '/v1/console/session', { key: null, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('apiKey');
  });

  it('ends the session at sign-out (which needs the CSRF token) and when its key is revoked', async () => {
    const session = await signIn(t.operatorKey);
    const withoutToken = await t.request('DELETE', '/v1/console/session', {
      key: null,
      headers: { cookie: session.cookie },
    });
    expect(withoutToken.status).toBe(403);
    const signedOut = await t.request('DELETE', '/v1/console/session', {
      key: null,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(signedOut.status).toBe(204);
    expect(signedOut.headers.get('set-cookie')).toMatch(
      /^souk_session=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/,
    );
    const after = await t.request('GET', '/v1/console/session', { key: null, headers: { cookie: session.cookie } });
    expect(after.status).toBe(401);

    const keyToRevoke = (
      await t.request('POST', '/v1/admin/api-keys', { body: { name: 'short-lived', role: 'retailer', retailerId } })
    ).body;
    const revokedSession = await signIn(keyToRevoke.key);
    expect(
      (await t.request('GET', '/v1/retailer/me', { key: null, headers: { cookie: revokedSession.cookie } })).status,
    ).toBe(200);
    await t.request('POST', `/v1/admin/api-keys/${keyToRevoke.id}/revoke`);
    expect(
      (await t.request('GET', '/v1/retailer/me', { key: null, headers: { cookie: revokedSession.cookie } })).status,
    ).toBe(401);
  });

  it('ends a session past its lifetime or idle too long', async () => {
    const expired = await signIn(t.operatorKey);
    const idle = await signIn(t.operatorKey);
    const fresh = await signIn(t.operatorKey);
    await t.sql.query(
      `UPDATE console_session SET expires_at = now() - interval '1 second' WHERE token_hash = encode(sha256($1::bytea), 'hex')`,
      [expired.cookie.split('=')[1]],
    );
    await t.sql.query(
      `UPDATE console_session SET last_seen_at = now() - interval '2 hours 1 minute' WHERE token_hash = encode(sha256($1::bytea), 'hex')`,
      [idle.cookie.split('=')[1]],
    );
    expect(
      (await t.request('GET', '/v1/console/session', { key: null, headers: { cookie: expired.cookie } })).status,
    ).toBe(401);
    expect(
      (await t.request('GET', '/v1/console/session', { key: null, headers: { cookie: idle.cookie } })).status,
    ).toBe(401);
    expect(
      (await t.request('GET', '/v1/console/session', { key: null, headers: { cookie: fresh.cookie } })).status,
    ).toBe(200);
  });

  it('writes neither the key nor the session cookie into a log line', async () => {
    const session = await signIn(retailerKey);
    await t.request('GET', '/v1/retailer/me', { key: null, headers: { cookie: session.cookie } });
    const logs = t.logs();
    expect(logs).toContain('"url":"/v1/console/session"');
    expect(logs).toContain('"url":"/v1/retailer/me"');
    expect(logs).not.toContain(retailerKey.slice(8));
    expect(logs).not.toContain(session.cookie.split('=')[1]);
  });
});
