import { startConsoleHarness, offersOf, placeOrder, type ConsoleHarness } from './console-harness.js';

describe('console: a retailer works its orders, and the console keeps to each role, in headless Chromium', () => {
  let h: ConsoleHarness;
  let own: { id: string }[];
  let foreign: string;

  beforeAll(async () => {
    h = await startConsoleHarness();
    const { t, demo } = h;
    const [tea, coffee] = await offersOf(t, demo.retailerId, 2);
    const [gadget] = await offersOf(t, demo.electronicsId, 1);
    // One order for the demo retailer (the corner shop), one split between it and Demo Electronics, one for Demo Electronics alone.
    const first = await placeOrder(t, demo.channelKey, 'retailer-buyer-1', [
      { offerId: tea!.id, quantity: 1, unitPriceMinor: tea!.price },
    ]);
    const second = await placeOrder(t, demo.channelKey, 'retailer-buyer-2', [
      { offerId: coffee!.id, quantity: 2, unitPriceMinor: coffee!.price },
      { offerId: gadget!.id, quantity: 1, unitPriceMinor: gadget!.price },
    ]);
    const third = await placeOrder(t, demo.channelKey, 'retailer-buyer-3', [
      { offerId: gadget!.id, quantity: 2, unitPriceMinor: gadget!.price },
    ]);
    own = [...first.retailerOrders, ...second.retailerOrders].filter((part) => part.retailerId === demo.retailerId);
    foreign = third.retailerOrders[0]!.id;
    // A statement of the other retailer exists too: the operator accepts nothing, so accept it with its own key.
    const electronicsKey = (
      await t.request('POST', '/v1/admin/api-keys', {
        body: { name: 'electronics', role: 'retailer', retailerId: demo.electronicsId },
      })
    ).body.key;
    expect(
      (await t.request('POST', `/v1/retailer/orders/${foreign}/accept`, { key: electronicsKey, body: {} })).body.status,
    ).toBe('accepted');
  }, 180_000);
  afterAll(() => h?.close());

  it('signs in with the demo retailer key, sees only its own orders, accepts one and ships it with tracking, and sees only its own statements', async () => {
    const { page, problems } = await h.newPage();
    const apiPaths: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/v1/')) apiPaths.push(path);
    });
    await h.signIn(page, h.demo.retailerKey);
    await page.waitForURL(/\/console\/retailer$/);
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.getByText('Demo Corner Shop').first().waitFor();
    await page.waitForLoadState('networkidle');
    await h.screenshot(page, 'retailer-overview');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    const table = page.getByRole('table', { name: 'Your orders' });
    await table.waitFor();
    const links = await table.locator('tbody tr a').allInnerTexts();
    expect(links.sort()).toEqual(own.map((part) => part.id.slice(0, 8)).sort());
    expect(links).not.toContain(foreign.slice(0, 8));
    await h.screenshot(page, 'retailer-orders');

    const mine = own[0]!.id;
    await table.getByRole('link', { name: mine.slice(0, 8) }).click();
    await page.getByRole('heading', { name: `Order ${mine.slice(0, 8)}`, level: 1 }).waitFor();
    await h.screenshot(page, 'retailer-order-pending');
    await page.getByRole('button', { name: 'Accept order' }).click();
    await page.getByText('Order accepted.').waitFor();
    await page.getByRole('form', { name: 'Ship with tracking' }).waitFor();
    await page.getByLabel('Carrier', { exact: true }).fill('PostNL');
    await page.getByLabel('Tracking number', { exact: true }).fill('3SABCD1234567');
    await page
      .getByLabel('Tracking URL (optional)', { exact: true })
      .fill('https://jouw.postnl.nl/track-and-trace/3SABCD1234567');
    await page.getByRole('button', { name: 'Mark as shipped' }).click();
    await page.getByText('Marked as shipped').waitFor();
    const timeline = page.getByRole('list', { name: 'Status timeline' });
    await timeline.getByText('shipped').waitFor();
    await expect(timeline.locator('li .badge').allInnerTexts()).resolves.toEqual(
      ['Pending', 'Accepted', 'Shipped'].map((status) => expect.stringMatching(new RegExp(status, 'i'))),
    );
    await h.screenshot(page, 'retailer-order-shipped');
    // A refund of part of the order, typed as a decimal and sent in minor units.
    const refund = page.getByRole('form', { name: 'Refund' });
    await refund.getByLabel('Amount (EUR)').fill('1.25');
    await refund.getByLabel('Reason').fill('Box arrived dented');
    await refund.getByRole('button', { name: 'Refund' }).click();
    await page.getByText('Refund recorded.').waitFor();
    await expect(
      h.t
        .request('GET', `/v1/retailer/orders/${mine}/refunds`, { key: h.demo.retailerKey })
        .then((answer) => answer.body.map((item: any) => item.amountMinor)),
    ).resolves.toEqual(['125']);
    const stored = await h.t.request('GET', `/v1/admin/retailer-orders/${mine}`);
    expect(stored.body).toMatchObject({ status: 'shipped', tracking: { carrier: 'PostNL', number: '3SABCD1234567' } });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Statements' }).click();
    await page.getByRole('heading', { name: 'Statements', level: 1 }).waitFor();
    const statements = page.getByRole('table', { name: 'Statements' });
    await statements.waitFor();
    const ownStatements = (await h.t.request('GET', '/v1/retailer/statements', { key: h.demo.retailerKey })).body;
    const allStatements = (await h.t.request('GET', '/v1/admin/commission/statements')).body;
    expect(allStatements.length).toBeGreaterThan(ownStatements.length);
    await expect(statements.locator('tbody tr').count()).resolves.toBe(ownStatements.length);
    await expect(statements.locator('tbody tr').first().innerText()).resolves.toContain(ownStatements[0].period);
    await h.screenshot(page, 'retailer-statements');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('table', { name: 'Connector configs' }).waitFor();
    await h.screenshot(page, 'retailer-catalog');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Categories' }).click();
    await page.getByRole('heading', { name: 'Category coverage', level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await h.screenshot(page, 'retailer-category-coverage');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('table', { name: 'Your orders' }).waitFor();
    await h.screenshot(page, 'retailer-orders-390');

    // Signed in as a retailer, the console asked only the retailer API (and the session).
    expect(apiPaths.filter((path) => !path.startsWith('/v1/retailer/') && !path.startsWith('/v1/console/'))).toEqual(
      [],
    );
    expect(problems).toEqual([]);
  }, 90_000);

  it('shows a retailer who opens an operator page, by link or typed address, that it is not for its role, and loads nothing of it', async () => {
    const { page, problems } = await h.newPage();
    await h.signIn(page, h.demo.retailerKey);
    const apiPaths: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/v1/')) apiPaths.push(path);
    });
    for (const path of [
      '/console/retailers',
      '/console/orders',
      `/console/retailer-orders/${foreign}`,
      '/console/audit-log',
      '/console/commission',
    ]) {
      await page.goto(path);
      await page.getByRole('heading', { name: 'Not for your role', level: 1 }).waitFor();
      await expect(page.getByText('Demo Electronics').count()).resolves.toBe(0);
    }
    await h.screenshot(page, 'retailer-not-for-your-role');
    expect(apiPaths.filter((path) => path.startsWith('/v1/admin/'))).toEqual([]);
    // And the API refuses the retailer's session on operator routes.
    const refused = await page.evaluate(async () => (await fetch('/v1/admin/retailers')).status);
    expect(refused).toBe(403);
    expect(problems).toEqual([]);
  }, 60_000);

  it('refuses a channel key at sign-in, saying why', async () => {
    const { page, context, problems } = await h.newPage();
    await page.goto('/console/');
    await page.getByLabel('API key').fill(h.demo.channelKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Channel keys cannot sign in to the console.').waitFor();
    await expect(page.getByLabel('API key').inputValue()).resolves.toBe('');
    await expect(context.cookies()).resolves.toEqual([]);
    await h.screenshot(page, 'sign-in-channel-key-refused');
    await page.getByLabel('API key').fill('souk_not_a_real_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('This key was not accepted').waitFor();
    expect(problems).toEqual([]);
  }, 60_000);
});
