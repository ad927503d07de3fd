import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotFolder } from '../../../test/support/browser.js';
import { startChatHarness, type ChatHarness } from './support/chat-harness.js';

const BUYER = '31687654321';

describe('shopping in the phone simulator, as a person would, in headless Chromium', () => {
  let h: ChatHarness;
  let browser: Browser;
  let page: Page;
  let shots: string;
  beforeAll(async () => {
    h = await startChatHarness();
    browser = await launchBrowser();
    shots = await screenshotFolder('whatsapp-channel');
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h.close();
  });

  const lastFromBusiness = () => page.locator('.message.from-business').last();
  const answered = (text: string) =>
    page.locator('.message.from-business', { hasText: text }).last().waitFor({ timeout: 20_000 });
  const screenshot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`) });
  const type = async (text: string) => {
    await page.locator('#text').fill(text);
    await page.keyboard.press('Enter');
  };

  it('types Hi, searches, opens a product from the list, adds it, checks out and orders, seeing each answer', async () => {
    page = await browser.newPage({ viewport: { width: 480, height: 920 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${h.whatsapp.simulatorUrl(BUYER)}&name=Fatima`);
    await page.locator('#connection', { hasText: 'online' }).waitFor();

    await type('Hi');
    await answered('Welkom bij Souk Koffie');
    await expect(lastFromBusiness().locator('.bubble-body').textContent()).resolves.toBe(
      'Hoi Fatima! Welkom bij Souk Koffie. Typ wat je zoekt, of tik op een knop.',
    );
    await expect(lastFromBusiness().locator('.action').allTextContents()).resolves.toEqual([
      'Zoeken',
      'Categorieën',
      'Winkelwagen',
    ]);
    await screenshot('1-welcome');

    await type('koffie');
    await lastFromBusiness().locator('.list-button').waitFor();
    await expect(lastFromBusiness().locator('.bubble-body').textContent()).resolves.toBe(
      '3 producten voor "koffie". Tik op de knop om ze te zien.',
    );
    await lastFromBusiness().locator('.list-button').click();
    await page.locator('#sheet-layer').waitFor({ state: 'visible' });
    await expect(page.locator('.sheet-row .row-title').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Espresso koffie bonen…', 'Koffie molen handmatig']),
    );
    await screenshot('2-results-list');

    await page.locator('.sheet-row', { hasText: 'Espresso koffie bonen' }).click();
    await answered('bij Brander Koffie');
    await expect(lastFromBusiness().locator('.action').allTextContents()).resolves.toEqual(['In winkelwagen', 'Terug']);
    await expect(lastFromBusiness().locator('img').first().getAttribute('src')).resolves.toMatch(/\/i\/K1\.jpg$/);
    await screenshot('3-product-card');

    await lastFromBusiness().locator('.action', { hasText: 'In winkelwagen' }).click();
    await answered('ligt in je winkelwagen');
    await lastFromBusiness().locator('.action', { hasText: 'Afrekenen' }).click();
    await answered('straat en het huisnummer');
    await type('Damrak 1');
    await answered('En de postcode?');
    await type('1012 LG');
    await answered('En de plaats?');
    await type('Amsterdam');
    await answered('e-mailadres');
    await lastFromBusiness().locator('.action', { hasText: 'Overslaan' }).click();
    await answered('Je bestelling');
    await expect(lastFromBusiness().locator('.bubble-body').textContent()).resolves.toContain(
      'Bezorgen op: Damrak 1, 1012 LG Amsterdam, NL',
    );
    await screenshot('4-summary');

    await lastFromBusiness().locator('.action', { hasText: 'Bestellen' }).click();
    await answered('Dank je!');
    await expect(lastFromBusiness().locator('.bubble-body').textContent()).resolves.toMatch(
      /^Dank je! Je bestelling #[0-9A-F]{8} is geplaatst/,
    );
    await screenshot('5-order-placed');

    const orders = (await h.souk.request('GET', `/v1/admin/orders?channelId=${h.channel.id}`)).body.items;
    expect(orders).toHaveLength(1);
    const order = (await h.souk.request('GET', `/v1/admin/orders/${orders[0].id}`)).body;
    expect(order.customer).toMatchObject({ name: 'Fatima', phone: `+${BUYER}` });
    expect(errors).toEqual([]);
    expect(h.whatsapp.sentMessages().filter((sent) => !sent.accepted)).toEqual([]);
  });
});
