import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

/** A retailer's order settings are one row, created by its first change. */
describe('order settings changed at once', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('takes several first changes at the same time, one after the other', async () => {
    for (const shop of ['a', 'b', 'c', 'd', 'e']) {
      const retailerId = (
        await t.request('POST', '/v1/admin/retailers', {
          body: {
            name: `Shop ${shop}`,
            slug: `shop-${shop}`,
            defaultCurrency: 'EUR',
            contactEmail: `${shop}@shop.example`,
          },
        })
      ).body.id;
      const key = (
        await t.request('POST', '/v1/admin/api-keys', { body: { name: shop, role: 'retailer', retailerId } })
      ).body.key;
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          t.request('PUT', '/v1/retailer/order-settings', {
            key,
            body: { method: 'pull', acceptanceMinutes: 60 + index },
          }),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
      expect(
        (
          await t.sql.query('SELECT count(*)::int AS rows FROM retailer_order_settings WHERE retailer_id = $1', [
            retailerId,
          ])
        ).rows[0].rows,
      ).toBe(1);
    }
  });
});
