import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('the commission report', () => {
  let t: TestApp;
  let retailerId = '';
  let channelId = '';
  const range = () => {
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    return `from=${from}&to=${to}`;
  };
  const report = (query: string) => t.request('GET', `/v1/admin/commission/report?${query}`);

  beforeAll(async () => {
    t = await startTestApp();
    retailerId = (
      await t.request('POST', '/v1/admin/retailers', {
        body: {
          name: 'Report Corner Shop',
          slug: 'report-corner-shop',
          defaultCurrency: 'EUR',
          contactEmail: 'orders@report.example',
          countries: ['NL'],
        },
      })
    ).body.id;
    channelId = (await t.request('POST', '/v1/admin/channels', { body: { name: 'Report chat' } })).body.id;
    const adjusted = await t.request('POST', '/v1/admin/commission/adjustments', {
      body: { retailerId, channelId, currency: 'EUR', amountMinor: '125', reason: 'Report test' },
    });
    expect(adjusted.status).toBe(201);
  });
  afterAll(() => t.close());

  it("names each row's retailer or channel beside its id; a day has no name", async () => {
    const byRetailer = await report(`${range()}&groupBy=retailer`);
    expect(byRetailer.body).toEqual([
      expect.objectContaining({ key: retailerId, name: 'Report Corner Shop', currency: 'EUR', commissionMinor: '125' }),
    ]);
    const byChannel = await report(`${range()}&groupBy=channel`);
    expect(byChannel.body).toEqual([expect.objectContaining({ key: channelId, name: 'Report chat' })]);
    const byDay = await report(`${range()}&groupBy=day`);
    expect(byDay.body).toEqual([expect.objectContaining({ key: new Date().toISOString().slice(0, 10), name: null })]);
  });

  it('answers a left-out from or to as required, and a wrong one as not a date-time', async () => {
    const missing = await report('groupBy=retailer');
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      { field: 'from', message: 'is required' },
      { field: 'to', message: 'is required' },
    ]);
    const noTo = await report(`from=${new Date().toISOString()}&groupBy=day`);
    expect(noTo.body.errors).toEqual([{ field: 'to', message: 'is required' }]);
    const wrong = await report(`from=yesterday&to=${new Date().toISOString()}&groupBy=day`);
    expect(wrong.body.errors).toEqual([{ field: 'from', message: 'must be an ISO 8601 date-time' }]);
  });
});
