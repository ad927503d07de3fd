import type { Page, Response } from 'playwright-core';
import { startConsoleHarness, type ConsoleHarness } from './console-harness.js';

/** Everything the browser sent and got during a run, to look for the API key in. */
interface Traffic {
  readonly urls: string[];
  readonly requestsCarryingKey: string[];
  readonly bodies: Promise<string>[];
}

function record(page: Page, key: string): Traffic {
  const traffic: Traffic = { urls: [], requestsCarryingKey: [], bodies: [] };
  page.on('request', (request) => {
    traffic.urls.push(request.url());
    const sent = `${JSON.stringify(request.headers())}${request.postData() ?? ''}`;
    if (sent.includes(key)) traffic.requestsCarryingKey.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  page.on('response', (response: Response) => {
    traffic.bodies.push(
      response
        .body()
        .then((body) => `${JSON.stringify(response.headers())}\n${body.toString('utf8')}`)
        .catch(() => JSON.stringify(response.headers())),
    );
  });
  return traffic;
}

describe('console: the session cookie, the CSRF defence and the API key, in headless Chromium', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    // Logging on, at its most detailed, so that the log of the whole run can be searched for the key.
    h = await startConsoleHarness({ LOG_LEVEL: 'debug' });
  }, 120_000);
  afterAll(() => h?.close());

  it('signs in with an HttpOnly, SameSite=Strict cookie for the whole site under a strict CSP, and signs out', async () => {
    const { page, context, problems } = await h.newPage();
    const consolePage = await page.goto('/console/');
    const csp = consolePage!.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const signInAnswer = page.waitForResponse(
      (response) =>
        new URL(response.url()).pathname === '/v1/console/session' && response.request().method() === 'POST',
    );
    await page.getByLabel('API key').fill(h.t.operatorKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const answer = await signInAnswer;
    expect(answer.status()).toBe(201);
    const setCookie = (await answer.headerValue('set-cookie')) ?? '';
    expect(setCookie).toMatch(/^souk_session=/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/i);
    expect(setCookie).toMatch(/;\s*Path=\/(;|$)/);
    // Plain http on loopback here, so not Secure; the server sets Secure over https.
    expect(setCookie).not.toMatch(/;\s*Secure/i);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    const cookies = await context.cookies();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({
      name: 'souk_session',
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: false,
    });
    expect(cookies[0]!.value).not.toContain(h.t.operatorKey);
    // No script can read it.
    await expect(page.evaluate<string>('document.cookie')).resolves.toBe('');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    const after = await page.evaluate(async () => (await fetch('/v1/console/session')).status);
    expect(after).toBe(401);
    await expect(page.evaluate(async () => (await fetch('/v1/admin/retailers')).status)).resolves.toBe(401);
    // The old cookie value is worth nothing any more.
    const replayed = await h.t.request('GET', '/v1/admin/retailers', {
      key: null,
      headers: { cookie: `souk_session=${cookies[0]!.value}` },
    });
    expect(replayed.status).toBe(401);
    expect(problems).toEqual([]);
  }, 60_000);

  it('refuses a change made with the session cookie but without the CSRF token, and takes it with the token the console sends', async () => {
    const { page, problems } = await h.newPage();
    await h.signIn(page, h.t.operatorKey);
    const corner = h.demo.retailerId;
    const without = await page.evaluate(async (id) => {
      const response = await fetch(`/v1/admin/retailers/${id}/pause`, { method: 'POST' });
      return { status: response.status, body: (await response.json()) as { type: string } };
    }, corner);
    expect(without.status).toBe(403);
    expect(without.body.type).toMatch(/\/csrf$/);
    const wrong = await page.evaluate(
      async (id) =>
        (
          await fetch(`/v1/admin/retailers/${id}/pause`, {
            method: 'POST',
            headers: { 'x-csrf-token': 'not-the-token' },
          })
        ).status,
      corner,
    );
    expect(wrong).toBe(403);
    expect((await h.t.request('GET', `/v1/admin/retailers/${corner}`)).body.status).toBe('active');

    // The console itself sends the token: pausing through the page works.
    await page.goto('/console/retailers');
    await page.getByRole('button', { name: 'Pause Demo Corner Shop' }).click();
    await page.getByText('Demo Corner Shop is now paused.').waitFor();
    await page.getByRole('button', { name: 'Activate Demo Corner Shop' }).click();
    await page.getByText('Demo Corner Shop is now active.').waitFor();
    expect((await h.t.request('GET', `/v1/admin/retailers/${corner}`)).body.status).toBe('active');
    expect(problems).toEqual([]);
  }, 60_000);

  it('never lets the API key appear in a URL, an answer, web storage or a log line of the run', async () => {
    for (const [role, key] of [
      ['operator', h.t.operatorKey],
      ['retailer', h.demo.retailerKey],
    ] as const) {
      const { page, problems } = await h.newPage();
      const traffic = record(page, key);
      await page.goto('/console/');
      if (role === 'operator') {
        await page.getByLabel('API key').fill(key);
        await page.getByRole('button', { name: 'Sign in' }).click();
      } else {
        // By keyboard alone: the key field has the focus, Enter signs in, and the skip link is reached by the keys.
        await page.getByLabel('API key').waitFor();
        await page.keyboard.type(key);
        await page.keyboard.press('Enter');
      }
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      if (role === 'retailer') {
        // Once its data is in, the page moves the focus to its heading (ui.tsx); going back from there through the
        // navigation reaches the skip link. (Tab pressed before the data came reached it first: a race.)
        await page.waitForFunction("document.activeElement?.id === 'page-title'");
        const focused = () => page.evaluate<string>('document.activeElement.textContent');
        for (let presses = 0; presses < 30 && (await focused()) !== 'Skip to content'; presses += 1)
          await page.keyboard.press('Shift+Tab');
        await expect(focused()).resolves.toBe('Skip to content');
        await page.keyboard.press('Enter');
        await expect(page.evaluate<string>('location.hash')).resolves.toBe('#main');
      }
      const pages =
        role === 'operator'
          ? [
              '/console/',
              '/console/retailers',
              '/console/connector-configs',
              '/console/orders',
              '/console/commission',
              '/console/audit-log',
            ]
          : ['/console/retailer', '/console/retailer/orders', '/console/retailer/statements'];
      for (const path of pages) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
      }
      // Reloading keeps the session (the cookie), not the key.
      await page.reload();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      const storage = await page.evaluate<string>(
        'JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie, history: history.state })',
      );
      const bodies = await Promise.all(traffic.bodies);

      expect(traffic.urls.length).toBeGreaterThan(5);
      expect(traffic.urls.filter((url) => url.includes(key))).toEqual([]);
      // The key travels once: in the body of the sign-in request, and nowhere else.
      expect(traffic.requestsCarryingKey).toEqual(['POST /v1/console/session']);
      expect(bodies.length).toBeGreaterThan(5);
      expect(bodies.filter((body) => body.includes(key))).toEqual([]);
      expect(storage).not.toContain(key);
      expect(JSON.parse(storage)).toMatchObject({ local: {}, session: {} });
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
      expect(problems).toEqual([]);
    }
    const logs = h.t.logs();
    expect(logs.split('\n').filter((line) => line.includes('/v1/console/session')).length).toBeGreaterThan(0);
    expect(logs).not.toContain(h.t.operatorKey);
    expect(logs).not.toContain(h.demo.retailerKey);
  }, 90_000);
});
