import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

/** A rule's validFrom and validTo are instants written in ISO 8601, and nothing else. */
describe('commission rule dates', () => {
  let t: TestApp;
  const create = (dates: Record<string, unknown>) =>
    t.request('POST', '/v1/admin/commission/rules', { body: { name: 'Dated rule', rateBasisPoints: 300, ...dates } });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each([
    ['a number', 1_767_225_600_000],
    ['zero', 0],
    ['a boolean', true],
    ['a number as text', '1'],
    ['a word', 'yesterday'],
    ['a month that does not exist', '2026-13-01T00:00:00Z'],
    ['30 February', '2026-02-30'],
    ['a time without an offset', '2026-11-01T12:00:00'],
    ['an object', { year: 2026 }],
  ])('refuses %s as validFrom or validTo, naming the field', async (_what, value) => {
    for (const field of ['validFrom', 'validTo']) {
      const response = await create({ [field]: value });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field, message: 'must be an ISO 8601 date-time' }]);
    }
  });

  it('refuses a date that is not one in a change of a rule', async () => {
    const rule = (await create({})).body;
    const response = await t.request('PATCH', `/v1/admin/commission/rules/${rule.id}`, { body: { validTo: false } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'validTo', message: 'must be an ISO 8601 date-time' }]);
  });

  it('takes ISO 8601 instants with Z or an offset, and dates, and null to leave a bound open', async () => {
    const created = await create({ validFrom: '2026-11-01T00:00:00+01:00', validTo: '2026-12-01' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ validFrom: '2026-10-31T23:00:00.000Z', validTo: '2026-12-01T00:00:00.000Z' });
    const opened = await t.request('PATCH', `/v1/admin/commission/rules/${created.body.id}`, {
      body: { validTo: null, validFrom: '2026-11-02T08:30:15.250Z' },
    });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ validFrom: '2026-11-02T08:30:15.250Z', validTo: null });
  });
});
