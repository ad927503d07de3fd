import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request } from 'playwright-core';
import { startConsoleHarness, offersOf, placeOrder, type ConsoleHarness } from './console-harness.js';

const REPOSITORY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

function euro(minor: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(Number(minor) / 100);
}

describe('console: the operator dashboard, in headless Chromium on the demo data', () => {
  let h: ConsoleHarness;
  let report: { key: string; currency: string; salesMinor: string; commissionMinor: string }[];
  let window: { from: string; to: string };

  beforeAll(async () => {
    h = await startConsoleHarness();
    const { t, demo } = h;
    // Real orders through the channel API with the demo channel key, accepted by their retailers, so the ledger has entries.
    const electronicsKey = (
      await t.request('POST', '/v1/admin/api-keys', {
        body: { name: 'electronics', role: 'retailer', retailerId: demo.electronicsId },
      })
    ).body.key;
    const [tea, coffee] = await offersOf(t, demo.retailerId, 2);
    const [gadget] = await offersOf(t, demo.electronicsId, 1);
    const first = await placeOrder(t, demo.channelKey, 'dash-buyer-1', [
      { offerId: tea!.id, quantity: 2, unitPriceMinor: tea!.price },
      { offerId: gadget!.id, quantity: 1, unitPriceMinor: gadget!.price },
    ]);
    const second = await placeOrder(t, demo.channelKey, 'dash-buyer-2', [
      { offerId: coffee!.id, quantity: 3, unitPriceMinor: coffee!.price },
    ]);
    await placeOrder(t, demo.channelKey, 'dash-buyer-3', [
      { offerId: tea!.id, quantity: 1, unitPriceMinor: tea!.price },
    ]);
    for (const part of [...first.retailerOrders, ...second.retailerOrders]) {
      const key = part.retailerId === demo.electronicsId ? electronicsKey : demo.retailerKey;
      const accepted = await t.request('POST', `/v1/retailer/orders/${part.id}/accept`, { key, body: {} });
      expect(accepted.body.status).toBe('accepted');
    }
    const dashboard = (await t.request('GET', '/v1/admin/dashboard?days=30')).body;
    window = { from: dashboard.from, to: dashboard.to };
    report = (await t.request('GET', `/v1/admin/commission/report?groupBy=day&from=${window.from}&to=${window.to}`))
      .body;
    expect(report.length).toBeGreaterThan(0);
  }, 180_000);
  afterAll(() => h?.close());

  async function signedInPage(width = 1280, height = 900) {
    const opened = await h.newPage({ width, height });
    await h.signIn(opened.page, h.t.operatorKey);
    return opened;
  }

  it("shows in its sales chart the same totals as the commission report for the period, day by day, and each bar opens that day's orders", async () => {
    const { page, problems } = await signedInPage();
    await page.goto('/console/');
    const sales = page.locator('.sales[data-currency="EUR"]');
    await sales.waitFor();
    const sum = (field: 'salesMinor' | 'commissionMinor') =>
      report
        .filter((row) => row.currency === 'EUR')
        .reduce((total, row) => total + BigInt(row[field]), 0n)
        .toString();

    // The totals the chart's legend area shows, as a person reads them.
    await expect(sales.locator('[data-total="sales"] .total-value').textContent()).resolves.toBe(
      euro(sum('salesMinor')),
    );
    await expect(sales.locator('[data-total="commission"] .total-value').textContent()).resolves.toBe(
      euro(sum('commissionMinor')),
    );

    // The figures behind the chart, day by day, as the page writes them.
    await sales.getByText(/Figures per day/).click();
    const rows = await sales.locator('table.sales-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        day: tr.getAttribute('data-day')!,
        sales: tr.querySelectorAll('td')[0]!.textContent!,
        commission: tr.querySelectorAll('td')[1]!.textContent!,
      })),
    );
    expect(rows).toHaveLength(30);
    const reported = new Map(report.filter((row) => row.currency === 'EUR').map((row) => [row.key, row]));
    for (const row of rows) {
      const day = reported.get(row.day);
      expect({ day: row.day, sales: row.sales, commission: row.commission }).toEqual({
        day: row.day,
        sales: euro(day?.salesMinor ?? '0'),
        commission: euro(day?.commissionMinor ?? '0'),
      });
    }
    await expect(sales.locator('table.sales-table tfoot td').first().textContent()).resolves.toBe(
      euro(sum('salesMinor')),
    );

    // The chart itself is SVG (no canvas), with one bar per day that sold; its tooltip tells the day's figures.
    const svg = sales.locator('.chart svg');
    await svg.waitFor();
    await expect(sales.locator('.chart canvas').count()).resolves.toBe(0);
    // The sales bars are the series' colour; the tallest is the one day the demo orders were placed.
    const boxes = await svg
      .locator('path[fill="#2563eb"]')
      .evaluateAll((paths) =>
        paths.map(
          (path) => path.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number },
        ),
      );
    const legendBottom = (await svg.boundingBox())!.y + 30;
    const bars = boxes.filter((box) => box.y > legendBottom && box.height > 1);
    const soldDays = [...reported.values()].filter((row) => row.salesMinor !== '0');
    expect(bars).toHaveLength(soldDays.length);
    const tallest = bars.reduce((a, b) => (b.height > a.height ? b : a));
    const today = soldDays.reduce((a, b) => (BigInt(b.salesMinor) > BigInt(a.salesMinor) ? b : a));
    await page.mouse.move(tallest.x + tallest.width / 2, tallest.y + tallest.height / 2);
    const tooltip = sales.locator('.chart-tooltip');
    await tooltip.waitFor();
    const tip = await tooltip.innerText();
    expect(tip).toContain(`Sales ${euro(today.salesMinor)}`);
    expect(tip).toContain(`Commission ${euro(today.commissionMinor)}`);
    await h.screenshot(page, 'dashboard-tooltip', { fullPage: false });

    // Every figure is a link to the list behind it: a bar opens that day's orders.
    await page.mouse.click(tallest.x + tallest.width / 2, tallest.y + tallest.height / 2);
    await page.waitForURL(/\/console\/orders\?from=.*&to=/);
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Orders' }).waitFor();
    await expect(page.getByRole('table', { name: 'Orders' }).locator('tbody tr').count()).resolves.toBe(3);
    await h.screenshot(page, 'orders-of-a-day');
    expect(problems).toEqual([]);
  }, 60_000);

  it('paints the dashboard after at most 3 API calls, and prints how long each took', async () => {
    const { page, problems } = await signedInPage();
    const calls: Request[] = [];
    let painted = false;
    page.on('request', (request) => {
      if (!painted && new URL(request.url()).pathname.startsWith('/v1/')) calls.push(request);
    });
    await page.goto('/console/');
    await page.locator('.sales[data-currency="EUR"] .chart svg').waitFor();
    await page.getByRole('heading', { name: 'Catalog health: last run per connector config' }).waitFor();
    painted = true;
    const timings = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => new URL(entry.name).pathname.startsWith('/v1/'))
        .map((entry) => {
          const timing = entry as unknown as {
            name: string;
            duration: number;
            requestStart: number;
            responseStart: number;
          };
          return {
            url: new URL(timing.name).pathname + new URL(timing.name).search,
            durationMs: Math.round(timing.duration * 10) / 10,
            waitingMs: Math.round((timing.responseStart - timing.requestStart) * 10) / 10,
          };
        }),
    );
    const lines = calls.map((request) => {
      const path = new URL(request.url()).pathname + new URL(request.url()).search;
      const timing = timings.find((entry) => entry.url === path);
      return `${request.method()} ${path}: ${timing ? `${timing.durationMs} ms (server answered after ${timing.waitingMs} ms)` : 'no timing'}`;
    });
    console.log(`Dashboard first paint on the demo data: ${calls.length} API calls\n${lines.join('\n')}`);
    expect(calls.length).toBeLessThanOrEqual(3);
    expect(calls.map((request) => new URL(request.url()).pathname)).toEqual(
      expect.arrayContaining(['/v1/console/session', '/v1/admin/dashboard']),
    );

    await h.screenshot(page, 'dashboard');
    if (process.env.SOUK_DOCS_SCREENSHOTS === '1') {
      // The README's picture of the dashboard: `SOUK_DOCS_SCREENSHOTS=1 npm test -- console/dashboard`.
      await mkdir(join(REPOSITORY, 'docs'), { recursive: true });
      await copyFile(join(h.shots, 'dashboard.png'), join(REPOSITORY, 'docs', 'console-dashboard.png'));
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await h.screenshot(page, 'dashboard-390');
    expect(problems).toEqual([]);
  }, 60_000);

  it('opens the other operator pages on the demo data, at 1280 and 390 pixels wide', async () => {
    const { page, problems } = await signedInPage();
    const pages: [string, string][] = [
      ['/console/orders', 'Orders'],
      ['/console/products', 'Products'],
      ['/console/connector-configs', 'Catalog'],
      ['/console/channels', 'Channels'],
      ['/console/commission', 'Commission'],
      ['/console/audit-log', 'Audit log'],
    ];
    for (const [path, title] of pages) {
      await page.goto(path);
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await page
        .locator('.loading')
        .first()
        .waitFor({ state: 'detached' })
        .catch(() => undefined);
      await page.waitForLoadState('networkidle');
      await h.screenshot(page, `operator-${title.toLowerCase().replace(/ /g, '-')}`);
    }
    // Commission: a statement's CSV downloads with the session, and issuing it freezes it.
    await page.goto(`/console/commission?retailerId=${h.demo.electronicsId}`);
    const statements = page.getByRole('table', { name: 'Statements' });
    await statements.waitFor();
    await expect(statements.locator('tbody tr').count()).resolves.toBe(1);
    const downloading = page.waitForEvent('download');
    await statements.getByRole('link', { name: /^CSV/ }).click();
    const csv = await readFile((await (await downloading).path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^[a-z_]+(,[a-z_]+)+\r?$/i);
    expect(csv.trim().split('\n').length).toBeGreaterThan(1);
    page.once('dialog', (dialog) => void dialog.accept());
    await statements
      .getByRole('button', { name: /^Issue the \d{4}-\d{2} statement in EUR of Demo Electronics$/ })
      .click();
    await page.getByText(/^Issued the \d{4}-\d{2} statement of Demo Electronics in EUR\./).waitFor();
    await statements.getByText('issued', { exact: true }).waitFor();
    await h.screenshot(page, 'operator-commission-issued');
    // The preview of a sale by the rules: 5% plus €0.25 per line for Demo Electronics.
    const preview = page.getByRole('region', { name: 'Preview a sale' });
    await preview.getByLabel('Retailer', { exact: true }).selectOption({ label: 'Demo Electronics' });
    await preview.getByLabel('Amount', { exact: true }).fill('100.00');
    await preview.getByRole('button', { name: 'Preview' }).click();
    await preview.locator('dl').or(preview.getByRole('alert')).first().waitFor();
    await expect(preview.getByRole('alert').count()).resolves.toBe(0);
    await expect(preview.locator('dd').allInnerTexts()).resolves.toEqual(['Demo Electronics', '5%', '€0.25', '€5.25']);
    // An order with its retailer orders, timeline and routing attempts.
    await page.goto('/console/orders');
    await page.getByRole('table', { name: 'Orders' }).getByRole('link').first().click();
    await page.getByRole('heading', { name: /^Order /, level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Status timeline' }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await h.screenshot(page, 'operator-order');
    // Lists page with keyset cursors kept in the URL: Next, then Previous, lands on the same first page.
    await page.goto('/console/products');
    const products = page.getByRole('table', { name: 'Products' });
    await products.waitFor();
    const firstPage = await products.locator('tbody tr').allInnerTexts();
    expect(firstPage).toHaveLength(25);
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.waitForURL(/cursor=/);
    await page.getByText('Page 2').waitFor();
    await expect(products.locator('tbody tr').first().innerText()).resolves.not.toBe(firstPage[0]);
    await page.getByRole('button', { name: '← Previous' }).click();
    await page.getByText('Page 1').waitFor();
    await expect(products.locator('tbody tr').allInnerTexts()).resolves.toEqual(firstPage);
    await h.screenshot(page, 'operator-products');
    // A product with its offers and why the best is best.
    await page.goto('/console/products');
    await page.getByRole('table', { name: 'Products' }).getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Why the best offer is best' }).waitFor();
    await page.waitForLoadState('networkidle');
    await h.screenshot(page, 'operator-product');
    // A channel with its keys, visibility and webhook deliveries.
    await page.goto(`/console/channels/${h.demo.channelId}`);
    await page.getByRole('heading', { name: 'Webhook deliveries' }).waitFor();
    await page.waitForLoadState('networkidle');
    // Visibility: hide a retailer from the channel; the page reads the state back after a reload.
    await page.getByRole('button', { name: 'Hide Demo Tokyo Stationery from this channel' }).click();
    await page.getByText('That retailer is hidden from this channel.').waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Show Demo Tokyo Stationery again in this channel' }).waitFor();
    await h.screenshot(page, 'operator-channel');
    await page.getByRole('button', { name: 'Show Demo Tokyo Stationery again in this channel' }).click();
    await page.getByRole('button', { name: 'Hide Demo Tokyo Stationery from this channel' }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/console/orders');
    await page.getByRole('table', { name: 'Orders' }).waitFor();
    await h.screenshot(page, 'operator-orders-390');
    expect(problems).toEqual([]);
  }, 90_000);
});
