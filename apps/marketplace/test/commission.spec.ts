import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { FeedServer, rssFeed } from '../../../test/support/feed-server.js';
import { checkout, checkoutBody } from '../../../test/support/order-fixtures.js';

const SHOES = 'Apparel & Accessories > Shoes';

describe('commission: rules, frozen commission, ledger and statements', () => {
  let t: TestApp;
  const feeds = [new FeedServer(), new FeedServer()];
  const shops: { id: string; key: string; offers: Record<string, string> }[] = [];
  let channel = { id: '', key: '' };
  let defaultRule = '';
  let shoesCategory = 0;

  const placeAndAccept = async (shop: number, lines: { item: string; quantity: number; price: string }[]) => {
    const body = checkoutBody(
      `c-${randomUUID()}`,
      lines.map((line) => ({
        offerId: shops[shop]!.offers[line.item]!,
        quantity: line.quantity,
        unitPriceMinor: line.price,
      })),
    );
    const placed = await checkout(t, channel.key, body);
    expect(placed.status).toBe(201);
    const part = placed.body.retailerOrders[0];
    const accepted = await t.request('POST', `/v1/retailer/orders/${part.id}/accept`, {
      key: shops[shop]!.key,
      body: {},
    });
    expect(accepted.body.status).toBe('accepted');
    return part as { id: string; lines: { id: string }[] };
  };
  const frozen = async (retailerOrderId: string) =>
    (
      await t.sql.query(
        `SELECT commission_minor::text AS c, commission_rule_id AS rule, commission_rate_basis_points AS bp FROM order_line WHERE retailer_order_id = $1 ORDER BY position`,
        [retailerOrderId],
      )
    ).rows as { c: string; rule: string; bp: number }[];
  const preview = async (body: Record<string, unknown>) =>
    (
      await t.request('POST', '/v1/admin/commission/preview', {
        body: { channelId: channel.id, currency: 'EUR', ...body },
      })
    ).body;
  const rule = async (body: Record<string, unknown>) => {
    const created = await t.request('POST', '/v1/admin/commission/rules', {
      body: { name: 'rule', rateBasisPoints: 0, ...body },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const retireAll = async () => {
    for (const item of (await t.request('GET', '/v1/admin/commission/rules?limit=200')).body.items) {
      if (!item.isDefault) await t.request('POST', `/v1/admin/commission/rules/${item.id}/retire`);
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    const catalogs = [
      [
        { id: 'S1', title: 'Trail Shoes', price: '100.00 EUR', brand: 'Stride', productType: SHOES },
        { id: 'S2', title: 'Socks', price: '10.05 EUR', brand: 'Hide' },
      ],
      [{ id: 'K1', title: 'Kettle', price: '40.00 EUR', brand: 'Boil' }],
    ];
    for (const [index, items] of catalogs.entries()) {
      const id = (
        await t.request('POST', '/v1/admin/retailers', {
          body: {
            name: `Shop ${index}`,
            slug: `cshop-${index}`,
            defaultCurrency: 'EUR',
            contactEmail: `c${index}@shop.example`,
          },
        })
      ).body.id;
      const key = (
        await t.request('POST', '/v1/admin/api-keys', { body: { name: `r${index}`, role: 'retailer', retailerId: id } })
      ).body.key;
      feeds[index]!.setBody(rssFeed(items));
      const config = (
        await t.request('POST', '/v1/admin/connector-configs', {
          body: {
            retailerId: id,
            connectorId: 'google-merchant-feed',
            name: 'Feed',
            settings: { source: 'url', url: await feeds[index]!.start(), language: 'en' },
          },
        })
      ).body.id;
      expect((await syncAndWait(t, config)).status).toBe('succeeded');
      const rows = (await t.sql.query('SELECT id, retailer_item_id FROM offer WHERE retailer_id = $1', [id])).rows as {
        id: string;
        retailer_item_id: string;
      }[];
      shops.push({ id, key, offers: Object.fromEntries(rows.map((row) => [row.retailer_item_id, row.id])) });
    }
    shoesCategory = (await t.sql.query('SELECT category_id FROM offer WHERE id = $1', [shops[0]!.offers.S1])).rows[0]
      .category_id;
    const created = (await t.request('POST', '/v1/admin/channels', { body: { name: 'Chat' } })).body;
    channel = {
      id: created.id,
      key: (
        await t.request('POST', '/v1/admin/api-keys', {
          body: { name: 'chat', role: 'channel', channelId: created.id },
        })
      ).body.key,
    };
    defaultRule = (await t.request('GET', '/v1/admin/commission/rules')).body.items.find(
      (item: any) => item.isDefault,
    ).id;
    await t.request('PATCH', `/v1/admin/commission/rules/${defaultRule}`, { body: { rateBasisPoints: 1000 } });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(feeds.map((feed) => feed.stop()));
  });
  afterEach(retireAll);

  describe('precedence and terms', () => {
    it('uses the platform default when no rule matches, and otherwise the matching rule that names the most of retailer, channel, brand and category', async () => {
      expect(await preview({ retailerId: shops[0]!.id, amountMinor: '10000' })).toMatchObject({
        rule: { id: defaultRule },
        commissionMinor: '1000',
      });
      const byRetailer = await rule({ retailerId: shops[0]!.id, rateBasisPoints: 800, priority: 50 });
      const byRetailerChannel = await rule({ retailerId: shops[0]!.id, channelId: channel.id, rateBasisPoints: 700 });
      const byRetailerChannelBrand = await rule({
        retailerId: shops[0]!.id,
        channelId: channel.id,
        brand: 'STRIDE',
        rateBasisPoints: 600,
      });
      const byAll = await rule({
        retailerId: shops[0]!.id,
        channelId: channel.id,
        brand: 'stride',
        categoryId: shoesCategory,
        rateBasisPoints: 500,
      });
      const line = { retailerId: shops[0]!.id, amountMinor: '10000' };
      expect((await preview({ ...line, brand: 'Stride', categoryId: shoesCategory })).rule.id).toBe(byAll);
      expect((await preview({ ...line, brand: 'Stride' })).rule.id).toBe(byRetailerChannelBrand);
      expect((await preview({ ...line, brand: 'Hide' })).rule.id).toBe(byRetailerChannel);
      expect((await preview({ retailerId: shops[1]!.id, amountMinor: '10000' })).rule.id).toBe(defaultRule);
      await t.request('POST', `/v1/admin/commission/rules/${byRetailerChannel}/retire`);
      const fallback = await preview({ ...line, brand: 'Hide' });
      expect(fallback).toMatchObject({ rule: { id: byRetailer }, rateBasisPoints: 800, commissionMinor: '800' });
    });

    it('applies a rule only inside its validity window', async () => {
      const now = Date.now();
      // A day either way, so that a slow machine never carries the preview out of the window.
      const day = 86_400_000;
      await rule({ retailerId: shops[1]!.id, rateBasisPoints: 100, validFrom: new Date(now + day).toISOString() });
      await rule({ retailerId: shops[1]!.id, rateBasisPoints: 200, validTo: new Date(now - 1).toISOString() });
      const open = await rule({
        retailerId: shops[1]!.id,
        rateBasisPoints: 300,
        validFrom: new Date(now - day).toISOString(),
        validTo: new Date(now + day).toISOString(),
      });
      expect((await preview({ retailerId: shops[1]!.id, amountMinor: '10000' })).rule.id).toBe(open);
      const bad = await t.request('POST', '/v1/admin/commission/rules', {
        body: {
          name: 'x',
          rateBasisPoints: 1,
          validFrom: new Date(now).toISOString(),
          validTo: new Date(now).toISOString(),
        },
      });
      expect(bad.body.errors).toEqual([{ field: 'validTo', message: 'must be after validFrom' }]);
    });

    it('adds the fixed fee and holds the minimum and maximum per currency', async () => {
      await rule({
        retailerId: shops[1]!.id,
        rateBasisPoints: 500,
        currencyTerms: [{ currency: 'EUR', fixedFeeMinor: '25', minMinor: '100', maxMinor: '1000' }],
      });
      expect((await preview({ retailerId: shops[1]!.id, amountMinor: '1000' })).commissionMinor).toBe('100');
      expect((await preview({ retailerId: shops[1]!.id, amountMinor: '4000' })).commissionMinor).toBe('225');
      expect((await preview({ retailerId: shops[1]!.id, amountMinor: '100000' })).commissionMinor).toBe('1000');
      expect((await preview({ retailerId: shops[1]!.id, amountMinor: '4000', currency: 'USD' })).commissionMinor).toBe(
        '200',
      );
    });
  });

  describe('frozen commission', () => {
    it('splits a line of one order that crosses a tier edge of the monthly sales', async () => {
      await rule({
        retailerId: shops[1]!.id,
        rateBasisPoints: 0,
        tiers: [
          { currency: 'EUR', upToMinor: '10000', rateBasisPoints: 1000 },
          { currency: 'EUR', upToMinor: null, rateBasisPoints: 500 },
        ],
      });
      // Three kettles at 40.00: the first 100.00 of this month's sales at 10%, the rest at 5%. Nothing was booked for this shop yet.
      const placed = await checkout(
        t,
        channel.key,
        checkoutBody(`tier-${randomUUID()}`, [{ offerId: shops[1]!.offers.K1!, quantity: 3, unitPriceMinor: '4000' }]),
      );
      // 12,000: 10,000 at 10% (1,000) + 2,000 at 5% (100).
      expect(await frozen(placed.body.retailerOrders[0].id)).toEqual([expect.objectContaining({ c: '1100', bp: 917 })]);
    });

    it('keeps the commission frozen at checkout when the rule changes afterwards', async () => {
      const id = await rule({ retailerId: shops[0]!.id, rateBasisPoints: 1500 });
      const part = await placeAndAccept(0, [{ item: 'S1', quantity: 1, price: '10000' }]);
      await t.request('PATCH', `/v1/admin/commission/rules/${id}`, { body: { rateBasisPoints: 100 } });
      expect(await frozen(part.id)).toEqual([{ c: '1500', rule: id, bp: 1500 }]);
      const entries = (
        await t.sql.query(
          `SELECT kind, amount_minor::text AS amount FROM commission_entry WHERE retailer_order_id = $1`,
          [part.id],
        )
      ).rows;
      expect(entries).toEqual([{ kind: 'accrual', amount: '1500' }]);
    });
  });

  describe('ledger', () => {
    it('reverses refunds in proportion and exactly in full, and what is left on a cancellation', async () => {
      // 10.05 EUR at 10%: 100.5 cents → 100 (half-even).
      const part = await placeAndAccept(0, [{ item: 'S2', quantity: 3, price: '1005' }]);
      const line = part.lines[0]!.id;
      const refund = (body: unknown) =>
        t.request('POST', `/v1/retailer/orders/${part.id}/refunds`, { key: shops[0]!.key, body });
      expect((await refund({ amountMinor: '1000', reason: 'part' })).status).toBe(201);
      expect((await refund({ lines: [{ lineId: line, quantity: 1 }], reason: 'one' })).status).toBe(201);
      expect((await refund({ amountMinor: '1010', reason: 'rest' })).status).toBe(201);
      const entries = (
        await t.sql.query(
          `SELECT kind, amount_minor::text AS amount FROM commission_entry WHERE order_line_id = $1 ORDER BY id`,
          [line],
        )
      ).rows;
      expect(entries.map((entry: any) => entry.kind)).toEqual([
        'accrual',
        'refund_reversal',
        'refund_reversal',
        'refund_reversal',
      ]);
      expect(entries.reduce((sum: bigint, entry: any) => sum + BigInt(entry.amount), 0n)).toBe(0n);

      const other = await placeAndAccept(1, [{ item: 'K1', quantity: 1, price: '4000' }]);
      await t.request('POST', `/v1/retailer/orders/${other.id}/refunds`, {
        key: shops[1]!.key,
        body: { amountMinor: '1000', reason: 'dent' },
      });
      await t.request('POST', `/v1/retailer/orders/${other.id}/cancel`, {
        key: shops[1]!.key,
        body: { reason: 'Cannot ship' },
      });
      const booked = (
        await t.sql.query(
          `SELECT kind, amount_minor::text AS amount, sales_minor::text AS sales FROM commission_entry WHERE retailer_order_id = $1 ORDER BY id`,
          [other.id],
        )
      ).rows;
      expect(booked).toEqual([
        { kind: 'accrual', amount: '400', sales: '4000' },
        { kind: 'refund_reversal', amount: '-100', sales: '0' },
        { kind: 'reversal', amount: '-300', sales: '-3000' },
      ]);
    });

    it('refuses to UPDATE, DELETE or TRUNCATE a ledger row in SQL', async () => {
      await placeAndAccept(1, [{ item: 'K1', quantity: 1, price: '4000' }]);
      await expect(t.sql.query(`UPDATE commission_entry SET amount_minor = 0`)).rejects.toMatchObject({
        code: '42501',
      });
      await expect(t.sql.query(`DELETE FROM commission_entry`)).rejects.toMatchObject({ code: '42501' });
      await expect(t.sql.query(`TRUNCATE commission_entry`)).rejects.toMatchObject({ code: '42501' });
    });
  });

  describe('statements', () => {
    it('exports a statement as CSV whose columns sum to its totals', async () => {
      const period = new Date().toISOString().slice(0, 7);
      await t.request('POST', '/v1/admin/commission/adjustments', {
        body: { retailerId: shops[0]!.id, currency: 'EUR', amountMinor: '-7', reason: 'Rounding goodwill' },
      });
      const statement = (await t.request('GET', `/v1/retailer/statements/EUR/${period}`, { key: shops[0]!.key })).body;
      const csv = await fetch(`${t.baseUrl}/v1/retailer/statements/EUR/${period}/csv`, {
        headers: { authorization: `Bearer ${shops[0]!.key}` },
      });
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
      const sum = (column: string, kinds?: string[]) =>
        rows
          .filter((row) => !kinds || kinds.includes(row.kind!))
          .reduce((total, row) => total + BigInt(row[column]!), 0n)
          .toString();
      expect(rows).toHaveLength(statement.totals.entries);
      expect(sum('commission_minor')).toBe(statement.totals.netCommissionMinor);
      expect(sum('commission_minor', ['accrual'])).toBe(statement.totals.commissionAccruedMinor);
      expect(sum('sales_minor', ['accrual'])).toBe(statement.totals.grossSalesMinor);
      expect(sum('refunded_minor')).toBe(statement.totals.refundsMinor);
      expect(sum('commission_minor', ['adjustment'])).toBe(statement.totals.adjustmentsMinor);
    });

    it('freezes an issued statement: later entries fall into the next period', async () => {
      const period = new Date().toISOString().slice(0, 7);
      const issued = await t.request('POST', `/v1/admin/commission/statements/${shops[1]!.id}/EUR/${period}/issue`);
      expect(issued.body).toMatchObject({ status: 'issued', period });
      const part = await placeAndAccept(1, [{ item: 'K1', quantity: 1, price: '4000' }]);
      const entry = (await t.sql.query(`SELECT period FROM commission_entry WHERE retailer_order_id = $1`, [part.id]))
        .rows[0];
      expect(entry.period > period).toBe(true);
      const again = await t.request('GET', `/v1/admin/commission/statements/${shops[1]!.id}/EUR/${period}`);
      expect(again.body.totals).toEqual(issued.body.totals);
      expect(
        (await t.request('POST', `/v1/admin/commission/statements/${shops[1]!.id}/EUR/${period}/issue`)).status,
      ).toBe(409);
    });

    it("keeps a retailer out of another retailer's statements and ledger", async () => {
      const period = new Date().toISOString().slice(0, 7);
      const mine = (await t.request('GET', '/v1/retailer/statements', { key: shops[0]!.key })).body;
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((statement: any) => statement.retailerId === shops[0]!.id)).toBe(true);
      const entries = (await t.request('GET', `/v1/retailer/statements/EUR/${period}/entries`, { key: shops[0]!.key }))
        .body.items;
      const foreign = (
        await t.sql.query('SELECT count(*) FROM commission_entry WHERE retailer_id = $1', [shops[1]!.id])
      ).rows[0].count;
      expect(Number(foreign)).toBeGreaterThan(0);
      const ids = new Set(
        (await t.sql.query('SELECT id::text FROM commission_entry WHERE retailer_id = $1', [shops[0]!.id])).rows.map(
          (row: any) => row.id,
        ),
      );
      expect(entries.every((entry: any) => ids.has(entry.id))).toBe(true);
      expect(
        (
          await t.request('GET', `/v1/admin/commission/statements/${shops[1]!.id}/EUR/${period}`, {
            key: shops[0]!.key,
          })
        ).status,
      ).toBe(403);
      expect((await t.request('GET', '/v1/admin/commission/rules', { key: shops[0]!.key })).status).toBe(403);
    });

    it('reports sales and commission by retailer, channel and day', async () => {
      const from = new Date(Date.now() - 86_400_000).toISOString();
      const to = new Date(Date.now() + 86_400_000).toISOString();
      for (const groupBy of ['retailer', 'channel', 'day']) {
        const rows = (await t.request('GET', `/v1/admin/commission/report?from=${from}&to=${to}&groupBy=${groupBy}`))
          .body;
        const total = rows.reduce((sum: bigint, row: any) => sum + BigInt(row.commissionMinor), 0n);
        const ledger = (await t.sql.query('SELECT coalesce(sum(amount_minor), 0)::text AS net FROM commission_entry'))
          .rows[0].net;
        expect([groupBy, total.toString()]).toEqual([groupBy, ledger]);
      }
    });
  });
});
