import type { Page } from 'playwright-core';
import { startConsoleHarness, type ConsoleHarness } from './console-harness.js';

const CSV = [
  'id,title,link,price,availability,brand',
  'TEA-1,Sencha green tea 100 g,https://tea.example/tea-1,6.95,in stock,Kyoto Leaf',
  'TEA-2,Earl Grey 250 g,https://tea.example/tea-2,not a price,in stock,Kyoto Leaf',
  'TEA-3,Rooibos 200 g,https://tea.example/tea-3,4.50,in stock,Kyoto Leaf',
  '',
].join('\n');

describe("console: an operator brings a new retailer's catalog in, in headless Chromium", () => {
  let h: ConsoleHarness;
  let page: Page;
  let problems: string[];
  beforeAll(async () => {
    h = await startConsoleHarness();
    ({ page, problems } = await h.newPage());
  }, 120_000);
  afterAll(() => h?.close());

  it('signs in, creates a retailer, adds a CSV connector through the form made from its schema, uploads a file, watches the run finish and finds the failing row', async () => {
    await page.goto('/console/');
    await h.screenshot(page, 'sign-in');
    await h.signIn(page, h.t.operatorKey);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Retailers' }).click();
    await page.getByRole('heading', { name: 'Retailers', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New retailer' }).click();
    const form = page.getByRole('form', { name: 'New retailer' });
    await form.getByLabel('Name').fill('Kyoto Leaf Tea');
    await form.getByLabel('Contact email').fill('orders@kyoto-leaf.example');
    await form.getByLabel('Countries').fill('NL, BE');
    await expect(form.getByLabel('Slug').inputValue()).resolves.toBe('kyoto-leaf-tea');
    await h.screenshot(page, 'retailers-new');
    await form.getByRole('button', { name: 'Create retailer' }).click();
    await page.getByText('Created Kyoto Leaf Tea.').waitFor();
    await page.getByRole('cell', { name: 'Kyoto Leaf Tea', exact: true }).waitFor();
    await h.screenshot(page, 'retailers');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('link', { name: 'Add a connector config' }).click();
    await page.getByRole('heading', { name: 'Add a connector config' }).waitFor();
    await page.getByLabel('Retailer', { exact: true }).selectOption({ label: 'Kyoto Leaf Tea' });
    await page.getByLabel('Connector', { exact: true }).selectOption('csv-catalog');
    // The csv-catalog connector's settings schema makes these fields, with its defaults.
    const settings = page.getByRole('group', { name: 'Settings' });
    await expect(settings.getByLabel('Delimiter (optional)').inputValue()).resolves.toBe('auto');
    await expect(settings.getByLabel('Encoding (optional)').inputValue()).resolves.toBe('utf-8');
    await settings.getByLabel('Language (optional)').fill('English');
    await page.getByLabel('Name', { exact: true }).fill('Tea spreadsheet');
    await page.getByRole('button', { name: 'Create connector config' }).click();
    await page.getByText('Language must match the pattern ^[a-z]{2}$.').waitFor();
    await settings.getByLabel('Language (optional)').fill('en');
    await settings.getByLabel('Currency (optional)').fill('EUR');
    await h.screenshot(page, 'connector-config-new');
    await page.getByRole('button', { name: 'Create connector config' }).click();
    await page.getByRole('heading', { name: 'Tea spreadsheet', level: 1 }).waitFor();
    const config = (await h.t.request('GET', '/v1/admin/connector-configs?limit=100')).body.items.find(
      (item: any) => item.name === 'Tea spreadsheet',
    );
    expect(config).toMatchObject({
      connectorId: 'csv-catalog',
      settings: { currency: 'EUR', language: 'en', delimiter: 'auto', encoding: 'utf-8' },
    });

    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByText(/Check (passed|failed)/).waitFor();
    await page
      .getByLabel('File', { exact: true })
      .setInputFiles({ name: 'tea.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByRole('button', { name: 'Upload and sync' }).click();
    await page.getByText('File uploaded: a run reads it now.').waitFor();
    // The runs list polls while the run is queued or running, and shows its end by itself.
    const run = page.locator('.run').first();
    await run
      .locator('[data-run-status="succeeded"], [data-run-status="failed"]')
      .or(page.locator('.run[data-run-status="succeeded"]'))
      .first()
      .waitFor({ timeout: 30_000 });
    await expect(run.getAttribute('data-run-status')).resolves.toBe('succeeded');
    await expect(run.locator('[data-count="read"] .count-value').textContent()).resolves.toBe('3');
    await expect(run.locator('[data-count="created"] .count-value').textContent()).resolves.toBe('2');
    await expect(run.locator('[data-count="failed"] .count-value').textContent()).resolves.toBe('1');
    await h.screenshot(page, 'connector-config-run-finished');

    await run.getByRole('link', { name: /^Run / }).click();
    await page.getByRole('heading', { name: 'Item issues' }).waitFor();
    await page.getByRole('table', { name: 'Item issues of this run' }).waitFor();
    await page.getByLabel('Severity', { exact: true }).selectOption('error');
    await page.getByLabel('Search issues').fill('TEA-2');
    await page.getByLabel('Search issues').press('Enter');
    await page.waitForURL(/severity=error/);
    await page.waitForURL(/q=TEA-2/);
    const rows = page.getByRole('table', { name: 'Item issues of this run' }).locator('tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    const row = await rows.first().innerText();
    expect(row).toContain('TEA-2');
    expect(row).toMatch(/price/i);
    await h.screenshot(page, 'sync-run-issues-filtered');

    // The filter is in the URL: the same address opens the same view.
    const shared = await h.newPage();
    await h.signIn(shared.page, h.t.operatorKey);
    await shared.page.goto(page.url());
    await shared.page.getByRole('table', { name: 'Item issues of this run' }).waitFor();
    await expect(shared.page.getByLabel('Search issues').inputValue()).resolves.toBe('TEA-2');
    await expect(
      shared.page.getByRole('table', { name: 'Item issues of this run' }).locator('tbody tr').count(),
    ).resolves.toBe(1);

    await page.setViewportSize({ width: 390, height: 844 });
    await h.screenshot(page, 'sync-run-issues-390');
    expect(problems).toEqual([]);
  }, 120_000);
});
