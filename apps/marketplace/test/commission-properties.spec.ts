import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { FeedServer, rssFeed } from '../../../test/support/feed-server.js';
import { checkout, checkoutBody } from '../../../test/support/order-fixtures.js';

/** Half-even division, written here independently of the code under test. */
function halfEven(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const twice = (numerator % denominator) * 2n;
  return twice > denominator || (twice === denominator && quotient % 2n === 1n) ? quotient + 1n : quotient;
}

const ITEMS = [
  { id: 'JPY-1', price: '1050 JPY', minor: 1050n },
  { id: 'JPY-2', price: '333 JPY', minor: 333n },
  { id: 'EUR-1', price: '10.05 EUR', minor: 1005n },
  { id: 'EUR-2', price: '0.99 EUR', minor: 99n },
  { id: 'KWD-1', price: '1.234 KWD', minor: 1234n },
  { id: 'KWD-2', price: '12.345 KWD', minor: 12345n },
];
const CURRENCIES = ['JPY', 'EUR', 'KWD'] as const;

type Step =
  | { kind: 'lines'; line: number; quantity: number }
  | { kind: 'amount'; share: number }
  | { kind: 'rest' }
  | { kind: 'cancel' };

/**
 * Random orders, rules and refund sequences in JPY, EUR and KWD, through the API and into the
 * ledger; after each, the ledger must hold the properties the statements rely on.
 */
describe('commission ledger properties', () => {
  let t: TestApp;
  const feed = new FeedServer();
  const shop = { id: '', key: '' };
  let channelKey = '';
  let ruleId = '';
  const offers = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp();
    shop.id = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name: 'Multi', slug: 'multi', defaultCurrency: 'EUR', contactEmail: 'm@shop.example' },
      })
    ).body.id;
    shop.key = (
      await t.request('POST', '/v1/admin/api-keys', { body: { name: 'm', role: 'retailer', retailerId: shop.id } })
    ).body.key;
    feed.setBody(rssFeed(ITEMS.map((item) => ({ id: item.id, title: `Item ${item.id}`, price: item.price }))));
    const config = (
      await t.request('POST', '/v1/admin/connector-configs', {
        body: {
          retailerId: shop.id,
          connectorId: 'google-merchant-feed',
          name: 'Feed',
          settings: { source: 'url', url: await feed.start() },
        },
      })
    ).body.id;
    expect((await syncAndWait(t, config)).status).toBe('succeeded');
    for (const row of (await t.sql.query('SELECT id, retailer_item_id FROM offer WHERE retailer_id = $1', [shop.id]))
      .rows)
      offers.set(row.retailer_item_id, row.id);
    expect(offers.size).toBe(ITEMS.length);
    const channel = (await t.request('POST', '/v1/admin/channels', { body: { name: 'Chat' } })).body.id;
    channelKey = (
      await t.request('POST', '/v1/admin/api-keys', { body: { name: 'c', role: 'channel', channelId: channel } })
    ).body.key;
    ruleId = (
      await t.request('POST', '/v1/admin/commission/rules', {
        body: { name: 'Multi', retailerId: shop.id, rateBasisPoints: 0 },
      })
    ).body.id;
  });
  afterAll(async () => {
    await t.close();
    await feed.stop();
  });

  const ruleArbitrary = fc.record({
    rateBasisPoints: fc.integer({ min: 0, max: 10_000 }),
    terms: fc.array(
      fc.record({
        currency: fc.constantFrom(...CURRENCIES),
        fee: fc.integer({ min: 0, max: 500 }),
        min: fc.option(fc.integer({ min: 0, max: 300 })),
        max: fc.option(fc.integer({ min: 300, max: 5000 })),
      }),
      { maxLength: 3 },
    ),
  });
  const orderArbitrary = fc.record({
    currency: fc.constantFrom(...CURRENCIES),
    lines: fc.uniqueArray(
      fc.record({ item: fc.integer({ min: 0, max: 1 }), quantity: fc.integer({ min: 1, max: 5 }) }),
      { minLength: 1, maxLength: 2, selector: (line) => line.item },
    ),
    refuseFirst: fc.boolean(),
    steps: fc.array(
      fc.oneof(
        fc.record({
          kind: fc.constant('lines' as const),
          line: fc.integer({ min: 0, max: 1 }),
          quantity: fc.integer({ min: 1, max: 3 }),
        }),
        fc.record({ kind: fc.constant('amount' as const), share: fc.double({ min: 0.01, max: 0.6, noNaN: true }) }),
      ),
      { maxLength: 4 },
    ),
    end: fc.constantFrom<Step>({ kind: 'rest' }, { kind: 'cancel' }, { kind: 'amount', share: 0 }),
  });

  it('books every line to exactly its frozen commission less what its refunds reverse, nets a full refund to zero, and sums statements to their entries', async () => {
    await fc.assert(
      fc.asyncProperty(ruleArbitrary, orderArbitrary, async (rule, order) => {
        const terms = new Map(rule.terms.map((term) => [term.currency, term]));
        await t.request('PATCH', `/v1/admin/commission/rules/${ruleId}`, {
          body: {
            rateBasisPoints: rule.rateBasisPoints,
            currencyTerms: [...terms.values()].map((term) => ({
              currency: term.currency,
              fixedFeeMinor: String(term.fee),
              minMinor: term.min === null ? null : String(term.min),
              maxMinor: term.max === null ? null : String(term.max),
            })),
          },
        });
        const items = ITEMS.filter((item) => item.id.startsWith(order.currency));
        const lines = order.lines.map((line) => ({
          offerId: offers.get(items[line.item]!.id)!,
          quantity: line.quantity,
          unitPriceMinor: String(items[line.item]!.minor),
        }));
        const placed = await checkout(t, channelKey, checkoutBody(`p-${randomUUID()}`, lines));
        if (placed.status !== 201)
          throw new Error(`checkout answered ${placed.status}: ${JSON.stringify(placed.body)}`);
        const part = placed.body.retailerOrders[0];
        const lineIds: string[] = part.lines.map((line: any) => line.id);
        const refuse =
          order.refuseFirst && lineIds.length > 1 ? [{ lineId: lineIds[0], accepted: false, reason: 'No stock' }] : [];
        await t.request('POST', `/v1/retailer/orders/${part.id}/accept`, { key: shop.key, body: { lines: refuse } });

        // Refunds: some lines or amounts, then the rest, a cancellation, or nothing more.
        for (const step of [...order.steps, order.end]) {
          const view = (await t.request('GET', `/v1/retailer/orders/${part.id}`, { key: shop.key })).body;
          const left =
            BigInt(
              view.lines
                .filter((line: any) => line.status === 'accepted')
                .reduce((sum: bigint, line: any) => sum + BigInt(line.totalMinor), 0n),
            ) - BigInt(view.refundedMinor);
          if (view.status === 'cancelled' || left === 0n) break;
          const refund = (body: unknown) =>
            t.request('POST', `/v1/retailer/orders/${part.id}/refunds`, {
              key: shop.key,
              body: { reason: 'property', ...(body as object) },
            });
          if (step.kind === 'lines') {
            const line = view.lines[step.line % view.lines.length];
            await refund({ lines: [{ lineId: line.id, quantity: step.quantity }] }); // may be refused (422): more than is left
          } else if (step.kind === 'amount' && step.share > 0) {
            const amount = (left * BigInt(Math.round(step.share * 1000))) / 1000n;
            if (amount > 0n) expect((await refund({ amountMinor: amount.toString() })).status).toBe(201);
          } else if (step.kind === 'rest') {
            expect((await refund({ amountMinor: left.toString() })).status).toBe(201);
          } else if (step.kind === 'cancel') {
            expect(
              (
                await t.request('POST', `/v1/retailer/orders/${part.id}/cancel`, {
                  key: shop.key,
                  body: { reason: 'property' },
                })
              ).status,
            ).toBe(200);
          }
        }

        const rows = (
          await t.sql.query(
            `SELECT l.id, l.status, l.total_minor::text AS total, l.refunded_minor::text AS refunded, l.commission_minor::text AS frozen, ro.status AS order_status,
                  (SELECT coalesce(sum(amount_minor), 0) FROM commission_entry e WHERE e.order_line_id = l.id)::text AS booked,
                  (SELECT count(*) FROM commission_entry e WHERE e.order_line_id = l.id)::int AS entries
             FROM order_line l JOIN retailer_order ro ON ro.id = l.retailer_order_id WHERE ro.id = $1`,
            [part.id],
          )
        ).rows;
        for (const row of rows) {
          const total = BigInt(row.total);
          const frozen = BigInt(row.frozen);
          const refunded = BigInt(row.refunded);
          const booked = BigInt(row.booked);
          if (frozen < 0n || frozen > total) return false;
          if (row.status === 'refused') {
            if (row.entries !== 0) return false;
            continue;
          }
          const expected = row.status === 'cancelled' ? 0n : frozen - halfEven(frozen * refunded, total);
          if (booked !== expected) return false;
          if (refunded === total && booked !== 0n) return false;
        }
        // Every statement equals the sum of its entries, to the minor unit.
        for (const statement of (await t.request('GET', '/v1/retailer/statements', { key: shop.key })).body) {
          const [sums] = (
            await t.sql.query(
              `SELECT coalesce(sum(amount_minor), 0)::text AS net, coalesce(sum(refunded_minor), 0)::text AS refunds, count(*)::int AS entries
               FROM commission_entry WHERE retailer_id = $1 AND currency = $2 AND period = $3`,
              [shop.id, statement.currency, statement.period],
            )
          ).rows;
          if (
            statement.totals.netCommissionMinor !== sums.net ||
            statement.totals.refundsMinor !== sums.refunds ||
            statement.totals.entries !== sums.entries
          )
            return false;
        }
        return true;
      }),
      { numRuns: 25 },
    );
  });
});
