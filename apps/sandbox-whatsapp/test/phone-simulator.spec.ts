import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotFolder } from '../../../test/support/browser.js';
import { FeedServer } from '../../../test/support/feed-server.js';
import type { WhatsAppSandbox } from '../src/whatsapp-sandbox.js';
import { APP_SECRET, CATALOG_ID, ChannelReceiver, USER, send, startSandbox } from './whatsapp-fixtures.js';

/** Product images, served locally: the browser runs without network. */
async function imageServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const hue = request.url?.includes('KOF-2') ? 28 : 18;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240"><rect width="240" height="240" fill="hsl(${hue},45%,32%)"/><circle cx="120" cy="120" r="70" fill="hsl(${hue},40%,55%)"/></svg>`;
    response.writeHead(200, { 'content-type': 'image/svg+xml' }).end(svg);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function tsvFeed(images: string): string {
  return [
    'id\ttitle\tdescription\tavailability\tcondition\tprice\tsale_price\tlink\timage_link\tbrand',
    `KOF-1\tKoffie bonen 1kg\tDark roast, whole beans\tin stock\tnew\t14.95 EUR\t12.50 EUR\thttps://shop.example/p/1\t${images}/KOF-1.svg\tTostado`,
    `KOF-2\tKoffie filters (100)\tPaper filters, size 4\tin stock\tnew\t3.20 EUR\t\thttps://shop.example/p/2\t${images}/KOF-2.svg\tTostado`,
  ].join('\n');
}

/**
 * Stands in for the channel: answers each webhook at once with 200, then replies through the
 * sandbox's send API, as a bot does. "Hi" gets a list; the coffee row gets reply buttons; "Add to
 * cart" gets a text with a link and a multi-product message; an order gets a thank-you.
 */
class ShopBot {
  readonly inbound: any[] = [];
  readonly failures: string[] = [];
  readonly receiver = new ChannelReceiver();

  constructor(private readonly sandbox: () => WhatsAppSandbox) {
    this.receiver.answer = (request) => {
      if (
        request.headers['x-hub-signature-256'] !==
        `sha256=${createHmac('sha256', APP_SECRET).update(request.raw).digest('hex')}`
      ) {
        this.failures.push('a webhook without a valid signature');
        return { status: 401 };
      }
      const messages = JSON.parse(request.raw.toString('utf8')).entry?.[0]?.changes?.[0]?.value?.messages ?? [];
      for (const message of messages) {
        this.inbound.push(message);
        setImmediate(() => void this.reply(message));
      }
      return { status: 200 };
    };
  }

  private async reply(message: any): Promise<void> {
    const to = message.from;
    const answer = async (payload: Record<string, unknown>) => {
      const sent = await send(this.sandbox(), {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to,
        ...payload,
      });
      if (sent.status !== 200) this.failures.push(JSON.stringify(sent.body));
    };
    if (message.type === 'text' && /^hi$/i.test(message.text.body)) {
      await answer({
        type: 'interactive',
        interactive: {
          type: 'list',
          header: { type: 'text', text: 'Souk Coffee' },
          body: { text: 'Welcome! What are you looking for today?' },
          footer: { text: 'Prices include VAT' },
          action: {
            button: 'Browse',
            sections: [
              {
                title: 'Coffee',
                rows: [
                  { id: 'cat:beans', title: 'Coffee beans', description: 'Whole beans from 3 roasters' },
                  { id: 'cat:filters', title: 'Filters', description: 'Paper and metal' },
                ],
              },
              { title: 'Help', rows: [{ id: 'help', title: 'Talk to us' }] },
            ],
          },
        },
      });
    } else if (message.interactive?.list_reply?.id === 'cat:beans') {
      await answer({
        type: 'interactive',
        interactive: {
          type: 'button',
          header: { type: 'text', text: 'Koffie bonen 1kg' },
          body: { text: '*€ 12,50* at Tostado\n2 offers from 2 shops' },
          action: {
            buttons: [
              { type: 'reply', reply: { id: 'add:KOF-1', title: 'Add to cart' } },
              { type: 'reply', reply: { id: 'offers:KOF-1', title: 'Other offers' } },
              { type: 'reply', reply: { id: 'back', title: 'Back' } },
            ],
          },
        },
      });
    } else if (message.interactive?.button_reply?.id === 'add:KOF-1') {
      await answer({
        type: 'text',
        text: { body: 'Added Koffie bonen 1kg to your cart. Your cart: https://shop.example/cart', preview_url: false },
      });
      await answer({
        type: 'interactive',
        interactive: {
          type: 'product_list',
          header: { type: 'text', text: 'Goes well with it' },
          body: { text: 'Pick what you like and send your cart.' },
          action: {
            catalog_id: CATALOG_ID,
            sections: [
              { title: 'Beans', product_items: [{ product_retailer_id: 'KOF-1' }] },
              { title: 'Extras', product_items: [{ product_retailer_id: 'KOF-2' }] },
            ],
          },
        },
      });
    } else if (message.type === 'order') {
      await answer({
        type: 'text',
        text: { body: `Thank you! We received your order of ${message.order.product_items.length} products.` },
      });
      await answer({
        type: 'interactive',
        interactive: {
          type: 'product',
          body: { text: 'You might also like' },
          action: { catalog_id: CATALOG_ID, product_retailer_id: 'KOF-2' },
        },
      });
    }
  }
}

describe('phone simulator page (headless Chromium)', () => {
  let sandbox: WhatsAppSandbox;
  let browser: Browser;
  let page: Page;
  let shots: string;
  const bot = new ShopBot(() => sandbox);
  const feed = new FeedServer();
  let images: { url: string; server: Server };

  beforeAll(async () => {
    images = await imageServer();
    feed.setBody(tsvFeed(images.url));
    sandbox = await startSandbox({
      webhookUrl: await bot.receiver.start(),
      catalogFeedUrl: await feed.start(),
      businessName: 'Souk Coffee',
    });
    browser = await launchBrowser();
    shots = await screenshotFolder('phone-simulator');
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox.close();
    await bot.receiver.stop();
    await feed.stop();
    await new Promise((done) => images.server.close(done));
  });

  const lastFromBusiness = () => page.locator('.message.from-business').last();
  const screenshot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`) });

  it('chats through a list, reply buttons and a cart, each tap a signed webhook to the channel', async () => {
    page = await browser.newPage({ viewport: { width: 480, height: 920 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${sandbox.simulatorUrl(USER)}&name=Ayla`);
    await page.locator('#connection', { hasText: 'online' }).waitFor();
    await expect(page.locator('#business-name').textContent()).resolves.toBe('Souk Coffee');
    await expect(page.locator('#caption').textContent()).resolves.toBe(
      `Chatting as Ayla (+${USER}) with Souk Coffee (+15550783881)`,
    );

    // Typing "Hi" and pressing Enter sends it; the channel answers with a list message.
    await page.locator('#text').fill('Hi');
    await page.keyboard.press('Enter');
    await page.locator('.message.from-user .bubble-body', { hasText: 'Hi' }).waitFor();
    await lastFromBusiness().locator('.list-button').waitFor();
    expect(bot.inbound[0]).toMatchObject({ type: 'text', text: { body: 'Hi' }, from: USER });
    await expect(lastFromBusiness().locator('.bubble-header').textContent()).resolves.toBe('Souk Coffee');
    await expect(lastFromBusiness().locator('.bubble-body').textContent()).resolves.toBe(
      'Welcome! What are you looking for today?',
    );
    await expect(lastFromBusiness().locator('.bubble-footer').textContent()).resolves.toBe('Prices include VAT');
    await expect(lastFromBusiness().locator('.list-button').textContent()).resolves.toBe('Browse');
    await expect(page.locator('#text').inputValue()).resolves.toBe('');
    // The user's message was taken by the channel (✓✓), and the business's message was read on the open chat.
    await page.locator('.message.from-user .ticks[data-delivery="delivered"]').waitFor();
    await lastFromBusiness().locator('.ticks[data-status="read"]').waitFor();
    await screenshot('1-list-message');

    // The list button opens a sheet with its sections and rows.
    await lastFromBusiness().locator('.list-button').click();
    await page.locator('#sheet-layer').waitFor({ state: 'visible' });
    await expect(page.locator('#sheet-title').textContent()).resolves.toBe('Browse');
    await expect(page.locator('.sheet-section-title').allTextContents()).resolves.toEqual(['Coffee', 'Help']);
    await expect(page.locator('.sheet-row .row-title').allTextContents()).resolves.toEqual([
      'Coffee beans',
      'Filters',
      'Talk to us',
    ]);
    await expect(page.locator('.sheet-row .row-description').allTextContents()).resolves.toEqual([
      'Whole beans from 3 roasters',
      'Paper and metal',
    ]);
    await screenshot('2-list-sheet');

    // Choosing a row sends a list_reply; the channel answers with reply buttons.
    await page.locator('.sheet-row', { hasText: 'Coffee beans' }).click();
    await page.locator('#sheet-layer').waitFor({ state: 'hidden' });
    await page.locator('.message.from-user .bubble-body', { hasText: 'Coffee beans' }).waitFor();
    await lastFromBusiness().locator('.action').first().waitFor();
    const listMessage = sandbox.conversation(USER).find((entry) => entry.direction === 'out')!;
    expect(bot.inbound[1]).toMatchObject({
      type: 'interactive',
      context: { id: listMessage.wamid },
      interactive: {
        type: 'list_reply',
        list_reply: { id: 'cat:beans', title: 'Coffee beans', description: 'Whole beans from 3 roasters' },
      },
    });
    await expect(lastFromBusiness().locator('.action').allTextContents()).resolves.toEqual([
      'Add to cart',
      'Other offers',
      'Back',
    ]);
    await expect(lastFromBusiness().locator('.bubble-body strong').textContent()).resolves.toBe('€ 12,50');
    await expect(page.locator('.message.from-user').last().locator('.quote').textContent()).resolves.toContain(
      'Welcome! What are you looking for today?',
    );
    await screenshot('3-reply-buttons');

    // Tapping a button sends a button_reply; the channel answers with a link and a multi-product message.
    await lastFromBusiness().locator('.action', { hasText: 'Add to cart' }).click();
    await page.locator('.message.from-business .action', { hasText: 'View items' }).waitFor();
    expect(bot.inbound[2]).toMatchObject({
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'add:KOF-1', title: 'Add to cart' } },
    });
    const link = page.locator('.message.from-business a[href="https://shop.example/cart"]');
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer');

    // The multi-product sheet: products from the feed with their sale prices; two bags and a pack of filters go in the cart.
    await page.locator('.message.from-business .action', { hasText: 'View items' }).click();
    await expect(page.locator('#sheet-title').textContent()).resolves.toBe('Goes well with it');
    await expect(page.locator('.product-row .product-title').allTextContents()).resolves.toEqual([
      'Koffie bonen 1kg',
      'Koffie filters (100)',
    ]);
    await expect(page.locator('.product-row .product-price').first().textContent()).resolves.toMatch(/12\.50.*14\.95/);
    await page.getByRole('button', { name: 'Add one Koffie bonen 1kg' }).click();
    await page.getByRole('button', { name: 'Add one Koffie bonen 1kg' }).click();
    await page.getByRole('button', { name: 'Add one Koffie filters (100)' }).click();
    await expect(page.locator('#sheet-footer span').textContent()).resolves.toMatch(/^3 items · €28\.20$/);
    await screenshot('4-product-list-sheet');
    await page.locator('#sheet-footer .primary', { hasText: 'View cart' }).click();
    await expect(page.locator('#sheet-title').textContent()).resolves.toBe('Your cart');
    await page.locator('#sheet-footer .primary', { hasText: 'Send cart' }).click();

    // The cart arrives at the channel as an order at the feed's prices, and the chat shows it.
    await page.locator('.message.from-user .order-summary').waitFor();
    await lastFromBusiness().locator('.product-card').waitFor();
    expect(bot.inbound[3]).toMatchObject({
      type: 'order',
      order: {
        catalog_id: CATALOG_ID,
        product_items: [
          { product_retailer_id: 'KOF-1', quantity: 2, item_price: 12.5, currency: 'EUR' },
          { product_retailer_id: 'KOF-2', quantity: 1, item_price: 3.2, currency: 'EUR' },
        ],
      },
    });
    await expect(page.locator('.message.from-user .order-summary').textContent()).resolves.toContain('3 items');
    await expect(lastFromBusiness().locator('.product-title').textContent()).resolves.toBe('Koffie filters (100)');
    await expect(page.locator('#cart-pill').isHidden()).resolves.toBe(true);
    await screenshot('5-order-and-product-card');

    // The product card opens the product's page from the catalog.
    await lastFromBusiness().locator('.action', { hasText: 'View' }).click();
    await expect(page.locator('.product-detail h3').textContent()).resolves.toBe('Koffie filters (100)');
    await expect(page.locator('.product-detail p').textContent()).resolves.toBe('Paper filters, size 4');
    await screenshot('6-product-detail');
    await page.locator('#sheet-close').click();

    // On a wide screen the chat is a phone on the desk.
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot('7-desktop');

    expect(bot.failures).toEqual([]);
    expect(sandbox.sentMessages().every((record) => record.accepted)).toBe(true);
    expect(errors).toEqual([]);
  }, 60_000);
});
