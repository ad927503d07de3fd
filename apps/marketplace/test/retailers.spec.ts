import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

const body = (slug: string, extra: Record<string, unknown> = {}) => ({
  name: `Shop ${slug}`,
  slug,
  defaultCurrency: 'EUR',
  contactEmail: `${slug}@shop.example`,
  countries: ['NL', 'BE'],
  ...extra,
});

describe('admin API: retailers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates a retailer and reads it back', async () => {
    const created = await t.request('POST', '/v1/admin/retailers', {
      body: body('walmart', { defaultCurrency: 'KWD' }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      slug: 'walmart',
      status: 'active',
      defaultCurrency: 'KWD',
      countries: ['NL', 'BE'],
    });
    const read = await t.request('GET', `/v1/admin/retailers/${created.body.id}`);
    expect(read.body).toEqual(created.body);
  });

  it('answers 409 naming the slug when it is taken, on create and on update', async () => {
    const first = await t.request('POST', '/v1/admin/retailers', { body: body('taken') });
    expect(first.status).toBe(201);
    const again = await t.request('POST', '/v1/admin/retailers', { body: body('taken') });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'slug' })]);
    const other = await t.request('POST', '/v1/admin/retailers', { body: body('not-taken') });
    const renamed = await t.request('PATCH', `/v1/admin/retailers/${other.body.id}`, { body: { slug: 'taken' } });
    expect(renamed.status).toBe(409);
  });

  it('answers 400 problem+json naming each unknown or invalid field', async () => {
    const response = await t.request('POST', '/v1/admin/retailers', {
      body: {
        ...body('Bad Slug'),
        defaultCurrency: 'EURO',
        contactEmail: 'nobody',
        countries: ['NL', 'XX'],
        isAdmin: true,
      },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      type: 'https://souk.dev/problems/validation',
      status: 400,
      instance: '/v1/admin/retailers',
    });
    const fields = response.body.errors.map((error: { field: string }) => error.field).sort();
    expect(fields).toEqual(['contactEmail', 'countries', 'defaultCurrency', 'isAdmin', 'slug']);
    expect(response.body.errors.find((error: { field: string }) => error.field === 'isAdmin').message).toBe(
      'is not a known field',
    );
    expect(response.body.errors).toHaveLength(5);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await t.request('POST', '/v1/admin/retailers', {
      body: 'name=x&slug=y',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(
      (await t.request('POST', '/v1/admin/retailers', { body: 'hello', headers: { 'content-type': 'text/plain' } }))
        .status,
    ).toBe(415);
  });

  it('echoes the request id it was given, or a new one, and quotes it in problems', async () => {
    const given = await t.request('GET', '/v1/admin/retailers/00000000-0000-4000-8000-000000000000', {
      headers: { 'x-request-id': 'chat-42.abc' },
    });
    expect(given.headers.get('x-request-id')).toBe('chat-42.abc');
    expect(given.body.requestId).toBe('chat-42.abc');
    const made = await t.request('GET', '/v1/admin/retailers');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses null for a field on update instead of storing it', async () => {
    const created = await t.request('POST', '/v1/admin/retailers', { body: body('nullable') });
    const response = await t.request('PATCH', `/v1/admin/retailers/${created.body.id}`, { body: { name: null } });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain('name');
  });

  it('updates only the fields sent, and pauses and activates', async () => {
    const created = await t.request('POST', '/v1/admin/retailers', { body: body('changing') });
    const updated = await t.request('PATCH', `/v1/admin/retailers/${created.body.id}`, {
      body: { contactEmail: 'new@shop.example' },
    });
    expect(updated.body).toMatchObject({ contactEmail: 'new@shop.example', name: 'Shop changing', slug: 'changing' });
    expect((await t.request('POST', `/v1/admin/retailers/${created.body.id}/pause`)).body.status).toBe('paused');
    expect(
      (await t.request('GET', '/v1/admin/retailers?status=paused')).body.items.map((r: { id: string }) => r.id),
    ).toEqual([created.body.id]);
    expect((await t.request('POST', `/v1/admin/retailers/${created.body.id}/activate`)).body.status).toBe('active');
  });

  it('answers 404 for an unknown retailer and 400 for an id that is not a UUID', async () => {
    expect((await t.request('GET', '/v1/admin/retailers/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const notAnId = await t.request('GET', '/v1/admin/retailers/42');
    expect(notAnId.status).toBe(400);
    expect(notAnId.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
  });

  it('pages through every retailer exactly once, newest first', async () => {
    for (let i = 0; i < 7; i++) await t.request('POST', '/v1/admin/retailers', { body: body(`paged-${i}`) });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { slug: string }[]; nextCursor: string | null } } = await t.request(
        'GET',
        `/v1/admin/retailers?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((retailer) => retailer.slug));
      cursor = page.body.nextCursor;
    } while (cursor);
    const total = Number((await t.sql.query('SELECT count(*) FROM retailer')).rows[0].count);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen.indexOf('paged-6')).toBeLessThan(seen.indexOf('paged-0'));
    expect((await t.request('GET', '/v1/admin/retailers?cursor=garbage')).status).toBe(400);
    expect((await t.request('GET', '/v1/admin/retailers?limit=0')).status).toBe(400);
  });

  it('audits every write with who, what, when and the record before and after', async () => {
    const created = await t.request('POST', '/v1/admin/retailers', { body: body('audited') });
    await t.request('PATCH', `/v1/admin/retailers/${created.body.id}`, { body: { name: 'Audited Shop' } });
    await t.request('POST', `/v1/admin/retailers/${created.body.id}/pause`);
    const log = await t.request('GET', `/v1/admin/audit-log?entityType=retailer&entityId=${created.body.id}`);
    expect(log.status).toBe(200);
    const operatorKeyId = (await t.sql.query(`SELECT id FROM api_key WHERE role = 'operator'`)).rows[0].id;
    expect(log.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'retailer.pause',
      'retailer.update',
      'retailer.create',
    ]);
    const update = log.body.items[1];
    expect(update).toMatchObject({ actorRole: 'operator', actorKeyId: operatorKeyId });
    expect(update.before.name).toBe('Shop audited');
    expect(update.after.name).toBe('Audited Shop');
    expect(typeof update.requestId).toBe('string');
    expect(Date.parse(update.createdAt)).not.toBeNaN();
    expect(log.body.items[2].before).toBeNull();
  });
});
