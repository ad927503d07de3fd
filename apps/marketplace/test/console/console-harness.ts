import { join } from 'node:path';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { launchBrowser, screenshotFolder } from '../../../../test/support/browser.js';
import { checkout, checkoutBody, eventually } from '../../../../test/support/order-fixtures.js';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { DemoDataLoader, type DemoKeys } from '../../src/demo/demo-data.loader.js';
import { DemoModule } from '../../src/demo/demo.module.js';

/**
 * The console's browser tests: the real marketplace (built console in dist/console, run
 * `npm run build` first) with the demo data, and the system Chromium driving the page.
 */
export interface ConsoleHarness {
  readonly t: TestApp;
  readonly demo: DemoKeys & { retailerId: string; electronicsId: string; channelId: string };
  readonly browser: Browser;
  readonly shots: string;
  /** A fresh browser context (its own cookies) and page; CSP violations and page errors are collected. */
  newPage(options?: {
    width?: number;
    height?: number;
  }): Promise<{ context: BrowserContext; page: Page; problems: string[] }>;
  screenshot(page: Page, name: string, options?: { fullPage?: boolean }): Promise<string>;
  signIn(page: Page, key: string): Promise<void>;
  close(): Promise<void>;
}

export async function startConsoleHarness(env: Record<string, string> = {}): Promise<ConsoleHarness> {
  // The demo data as npm start loads it: its catalogs uploaded (no feed host), its keys.
  const t = await startTestApp(env, undefined, [], {
    demo: (modules) => DemoModule.forRoot({ ...modules, feedUrl: null }),
  });
  const keys = await t.app.get(DemoDataLoader).load();
  // The demo's catalogs are uploads that the worker reads: wait until both runs have finished.
  await eventually(
    async () =>
      (
        await t.sql.query(
          `SELECT count(*)::int AS n FROM sync_run WHERE status IN ('succeeded', 'failed', 'not_modified')`,
        )
      ).rows[0].n as number,
    (finished) => finished >= 2,
    60_000,
    'the demo catalogs',
  );
  const retailers = (await t.request('GET', '/v1/admin/retailers?limit=100')).body.items as {
    id: string;
    slug: string;
  }[];
  const channels = (await t.request('GET', '/v1/admin/channels?limit=100')).body.items as { id: string }[];
  const demo = {
    ...keys,
    retailerId: retailers.find((retailer) => retailer.slug === 'demo-corner-shop')!.id,
    electronicsId: retailers.find((retailer) => retailer.slug === 'demo-electronics')!.id,
    channelId: channels[0]!.id,
  };
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    await t.close();
    throw error;
  }
  const shots = await screenshotFolder('console');
  const contexts: BrowserContext[] = [];
  return {
    t,
    demo,
    browser,
    shots,
    async newPage({ width = 1280, height = 900 } = {}) {
      const context = await browser.newContext({
        viewport: { width, height },
        baseURL: t.baseUrl,
        timezoneId: 'Europe/Amsterdam',
        locale: 'en-GB',
      });
      contexts.push(context);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message: ConsoleMessage) => {
        // A refused inline style or script shows up here: the console must need none.
        if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
          problems.push(`csp: ${message.text()}`);
      });
      return { context, page, problems };
    },
    async screenshot(page, name, options = {}) {
      const path = join(shots, `${name}.png`);
      await page.screenshot({ path, fullPage: options.fullPage ?? true });
      return path;
    },
    async signIn(page, key) {
      await page.goto('/console/');
      await page.getByLabel('API key').fill(key);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const signedIn = page.getByRole('button', { name: 'Sign out' });
      await signedIn.or(page.getByRole('alert')).first().waitFor();
      if (!(await signedIn.isVisible()))
        throw new Error(`Sign-in failed: ${await page.getByRole('alert').first().innerText()}`);
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await t.close();
    },
  };
}

/** Buyable offers of a retailer at their list price (no sale price), as a channel sees them. */
export async function offersOf(
  t: TestApp,
  retailerId: string,
  count: number,
): Promise<{ id: string; price: string }[]> {
  const { rows } = await t.sql.query(
    `SELECT id, price_minor::text AS price FROM offer
      WHERE retailer_id = $1 AND removed_at IS NULL AND sale_price_minor IS NULL AND availability = 'in_stock' AND currency = 'EUR'
      ORDER BY retailer_item_id LIMIT $2`,
    [retailerId, count],
  );
  if (rows.length < count)
    throw new Error(`The demo retailer ${retailerId} has ${rows.length} buyable offers, not ${count}`);
  return rows;
}

/** An order placed through the channel API with the demo channel key; answers its retailer orders' ids. */
export async function placeOrder(
  t: TestApp,
  channelKey: string,
  buyer: string,
  lines: { offerId: string; quantity: number; unitPriceMinor: string }[],
): Promise<{ orderId: string; retailerOrders: { id: string; retailerId: string }[] }> {
  const answer = await checkout(t, channelKey, checkoutBody(buyer, lines));
  if (answer.status !== 201) throw new Error(`Checkout answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return {
    orderId: answer.body.id,
    retailerOrders: answer.body.retailerOrders.map((part: any) => ({ id: part.id, retailerId: part.retailerId })),
  };
}
