import { createMarketplaceFixtures, type MarketplaceFixtures } from '../../../test/support/marketplace-fixtures.js';
import { checkout, checkoutBody } from '../../../test/support/order-fixtures.js';
import { waitForRun } from '../../../test/support/sync-runs.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('console dashboards', () => {
  let t: TestApp;
  let f: MarketplaceFixtures;
  let other: { id: string; key: string; config: string; retailerOrder: string };

  beforeAll(async () => {
    t = await startTestApp();
    f = await createMarketplaceFixtures(t);
    expect(
      (await t.request('POST', `/v1/retailer/orders/${f.retailerOrder}/accept`, { key: f.retailer.key, body: {} })).body
        .status,
    ).toBe('accepted');

    const id = (
      await t.request('POST', '/v1/admin/retailers', {
        body: {
          name: 'Second Shop',
          slug: 'second-shop',
          defaultCurrency: 'EUR',
          contactEmail: 's@shop.example',
          countries: ['NL'],
        },
      })
    ).body.id;
    const key = (
      await t.request('POST', '/v1/admin/api-keys', { body: { name: 'second', role: 'retailer', retailerId: id } })
    ).body.key;
    const config = (
      await t.request('POST', '/v1/retailer/connector-configs', {
        key,
        body: { connectorId: 'csv-catalog', name: 'Second CSV', settings: { currency: 'EUR' } },
      })
    ).body.id;
    const csv =
      'id,title,link,price,availability\nS-1,Teapot,https://shop.example/s1,30.00,in stock\nS-2,Broken,https://shop.example/s2,not a price,in stock\n';
    const upload = (
      await t.request('POST', `/v1/retailer/connector-configs/${config}/uploads`, {
        key,
        body: csv,
        headers: { 'content-type': 'text/csv' },
      })
    ).body;
    expect((await waitForRun(t, upload.id, key)).status).toBe('succeeded');
    const offer = (await t.sql.query(`SELECT id, price_minor::text AS price FROM offer WHERE retailer_id = $1`, [id]))
      .rows[0];
    const ordered = await checkout(
      t,
      f.channel.key,
      checkoutBody('second-buyer', [{ offerId: offer.id, quantity: 2, unitPriceMinor: offer.price }]),
    );
    expect(ordered.status).toBe(201);
    other = { id, key, config, retailerOrder: ordered.body.retailerOrders[0].id };
  });
  afterAll(() => t.close());

  it('gives the operator sales and commission for every day of the last 30, per currency, equal to the commission report for the same range', async () => {
    const dashboard = await t.request('GET', '/v1/admin/dashboard');
    expect(dashboard.status).toBe(200);
    const { from, to, sales } = dashboard.body;
    expect(new Date(to).getTime() - new Date(from).getTime()).toBe(30 * 24 * 60 * 60 * 1000);
    expect(to).toMatch(/T00:00:00\.000Z$/);
    const report = await t.request('GET', `/v1/admin/commission/report?groupBy=day&from=${from}&to=${to}`);
    expect(report.status).toBe(200);
    expect(report.body.length).toBeGreaterThan(0);
    expect(sales.map((series: any) => series.currency)).toEqual(['EUR']);
    const eur = sales[0];
    expect(eur.exponent).toBe(2);
    expect(eur.days).toHaveLength(30);
    expect(eur.days[0].date).toBe(from.slice(0, 10));
    const reported = new Map(report.body.map((row: any) => [row.key, row]));
    for (const day of eur.days) {
      const row: any = reported.get(day.date);
      expect({ sales: day.salesMinor, commission: day.commissionMinor }).toEqual({
        sales: row?.salesMinor ?? '0',
        commission: row?.commissionMinor ?? '0',
      });
    }
    const sum = (field: string) =>
      report.body.reduce((total: bigint, row: any) => total + BigInt(row[field]), 0n).toString();
    expect(eur.totalSalesMinor).toBe(sum('salesMinor'));
    expect(eur.totalCommissionMinor).toBe(sum('commissionMinor'));
    expect(eur.totalSalesMinor).toBe('1250');
  });

  it("counts the operator's orders by status, stuck orders past their deadline and failed routing, as the tables hold them", async () => {
    await t.sql.query(`UPDATE retailer_order SET accept_by = now() - interval '1 minute' WHERE id = $1`, [
      other.retailerOrder,
    ]);
    const { body } = await t.request('GET', '/v1/admin/dashboard');
    const statuses = (await t.sql.query(`SELECT status, count(*)::int AS count FROM retailer_order GROUP BY status`))
      .rows;
    expect([...body.ordersByStatus].sort((a: any, b: any) => a.status.localeCompare(b.status))).toEqual(
      statuses.sort((a, b) => a.status.localeCompare(b.status)),
    );
    expect(body.ordersByStatus).toEqual(expect.arrayContaining([{ status: 'accepted', count: 1 }]));
    expect(body.routing.stuck).toBe(1);
    expect(body.routing.failed).toBe(0);
    const attempts = (await t.sql.query(`SELECT count(*)::int AS n FROM routing_attempt`)).rows[0].n;
    expect(body.routing.attempts).toBe(attempts);
  });

  it('shows the last run of every connector config with its counts, offers per retailer and category coverage', async () => {
    const { body } = await t.request('GET', '/v1/admin/dashboard');
    const second = body.catalog.configs.find((config: any) => config.id === other.config);
    expect(second).toMatchObject({
      name: 'Second CSV',
      connectorId: 'csv-catalog',
      retailerId: other.id,
      retailerName: 'Second Shop',
      enabled: true,
    });
    expect(second.lastRun).toMatchObject({ status: 'succeeded', readCount: 2, writtenCount: 1, failedCount: 1 });
    expect(body.catalog.lastRunStatuses).toEqual([{ status: 'succeeded', count: 2 }]);
    expect(
      [...body.catalog.offersPerRetailer].sort((a: any, b: any) => a.retailerName.localeCompare(b.retailerName)),
    ).toEqual([
      { retailerId: f.retailer.id, retailerName: 'Fixture Shop', offers: 1 },
      { retailerId: other.id, retailerName: 'Second Shop', offers: 1 },
    ]);
    const coverage = (
      await t.sql.query(
        `SELECT count(category_id)::int AS categorized, (count(*) - count(category_id))::int AS uncategorized FROM offer WHERE removed_at IS NULL`,
      )
    ).rows[0];
    expect(body.catalog.categoryCoverage).toEqual(coverage);
    expect(body.webhooks).toEqual({ failedDeliveries: 0, channels: [] });
  });

  it('gives a retailer only its own figures and no webhook failures', async () => {
    const own = await t.request('GET', '/v1/retailer/dashboard', { key: other.key });
    expect(own.status).toBe(200);
    expect(own.body.ordersByStatus).toEqual([{ status: 'pending', count: 1 }]);
    expect(own.body.catalog.configs.map((config: any) => config.id)).toEqual([other.config]);
    expect(own.body.catalog.offersPerRetailer).toEqual([
      { retailerId: other.id, retailerName: 'Second Shop', offers: 1 },
    ]);
    expect(own.body.sales).toEqual([]);
    expect(own.body).not.toHaveProperty('webhooks');
    const fixture = await t.request('GET', '/v1/retailer/dashboard', { key: f.retailer.key });
    expect(fixture.body.sales[0].totalSalesMinor).toBe('1250');
  });

  it('is refused to callers of other roles and checks the number of days', async () => {
    expect((await t.request('GET', '/v1/admin/dashboard', { key: f.retailer.key })).status).toBe(403);
    expect((await t.request('GET', '/v1/admin/dashboard', { key: f.channel.key })).status).toBe(403);
    expect((await t.request('GET', '/v1/retailer/dashboard', { key: f.channel.key })).status).toBe(403);
    const zero = await t.request('GET', '/v1/admin/dashboard?days=0');
    expect(zero.status).toBe(400);
    expect(zero.body.errors[0].field).toBe('days');
    const week = await t.request('GET', '/v1/admin/dashboard?days=7');
    expect(week.body.sales[0].days).toHaveLength(7);
  });
});
