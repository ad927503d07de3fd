import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { RetailerSandbox } from '#sandbox-retailer';
import { WhatsAppSandbox } from '#sandbox-whatsapp';
import { FeedServer, rssFeed, type FeedItem } from '../../../../test/support/feed-server.js';
import { syncAndWait } from '../../../../test/support/sync-runs.js';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { startWhatsAppChannel, type RunningChannel } from '../../src/channel-app.js';
import { loadChannelConfig, type ChannelConfig } from '../../src/config.js';

/** The demo-like catalog the conversations shop from: one coffee shop whose orders go to its sandbox by signed webhook. */
export const COFFEE_SHOP: FeedItem[] = [
  {
    id: 'K1',
    title: 'Espresso koffie bonen 1 kg',
    price: '18.95 EUR',
    brand: 'Brander',
    productType: 'Food, Beverages & Tobacco > Beverages > Coffee',
  },
  {
    id: 'K2',
    title: 'Filter koffie gemalen 500 g',
    price: '6.49 EUR',
    brand: 'Brander',
    productType: 'Food, Beverages & Tobacco > Beverages > Coffee',
  },
  {
    id: 'K3',
    title: 'Koffie molen handmatig',
    price: '34.00 EUR',
    brand: 'Maler',
    productType: 'Home & Garden > Kitchen & Dining',
  },
  {
    id: 'T1',
    title: 'Groene thee 100 g',
    price: '4.95 EUR',
    brand: 'Blad',
    productType: 'Food, Beverages & Tobacco > Beverages > Tea & Infusions',
  },
  // One mug in two colours: an item group, so one product whose offers differ by variant.
  ...(['rood', 'blauw'] as const).map((color) => ({
    id: `M-${color}`,
    title: `Mok ${color}`,
    price: '7.50 EUR',
    brand: 'Klei',
    itemGroupId: 'MOK',
    attributes: { color },
    productType: 'Home & Garden > Kitchen & Dining',
  })),
  // Enough teas for more than one list message.
  ...[
    'Earl Grey',
    'Rooibos',
    'Munt',
    'Kamille',
    'Jasmijn',
    'Chai',
    'Sencha',
    'Oolong',
    'Darjeeling',
    'Gember',
    'Citroen',
    'Hibiscus',
  ].map((kind, index) => ({
    id: `T${index + 2}`,
    title: `${kind} thee 50 g`,
    price: `${3 + index}.50 EUR`,
    brand: 'Blad',
    productType: 'Food, Beverages & Tobacco > Beverages > Tea & Infusions',
  })),
];

export const BUYER = { waId: '31612345678', name: 'Ayla de Vries' };

export interface ChatHarness {
  readonly souk: TestApp;
  readonly whatsapp: WhatsAppSandbox;
  readonly retailerSandbox: RetailerSandbox;
  readonly retailer: { readonly id: string; readonly key: string };
  readonly channel: { readonly id: string; readonly key: string; readonly webhookSecret: string };
  /** The channel's settings, to start it again (a restart). */
  readonly config: (overrides?: Partial<Record<string, string>>) => ChannelConfig;
  bot: RunningChannel;
  /** Moves the sandbox's clock (Meta's) forward, e.g. past the 24-hour window. */
  advanceClock(ms: number): void;
  startBot(overrides?: Partial<Record<string, string>>): Promise<RunningChannel>;
  close(): Promise<void>;
}

/**
 * Souk with a coffee shop and a WhatsApp channel, the WhatsApp sandbox with the channel's Meta
 * catalog feed, and the WhatsApp channel between them, connected as an operator would connect
 * them: Meta's webhook verified with the verify token, Souk's events sent to the channel.
 */
export async function startChatHarness(): Promise<ChatHarness> {
  const souk = await startTestApp({ SOUK_ORDER_ROUTING_TIMEOUT_MS: '2000', SOUK_ORDER_ROUTING_RETRY_BASE_MS: '100' });
  const images = await startImageServer();
  const feed = new FeedServer();
  // Product pictures from a local server, so a browser shows them without a network.
  feed.setBody(rssFeed(COFFEE_SHOP).replaceAll('https://shop.example/i/', `${images.url}/i/`));
  const feedUrl = await feed.start();
  const retailerId = (
    await souk.request('POST', '/v1/admin/retailers', {
      body: {
        name: 'Brander Koffie',
        slug: 'brander',
        defaultCurrency: 'EUR',
        contactEmail: 'orders@brander.example',
        countries: ['NL', 'BE'],
      },
    })
  ).body.id;
  const retailerKey = (
    await souk.request('POST', '/v1/admin/api-keys', { body: { name: 'brander', role: 'retailer', retailerId } })
  ).body.key;
  const config = (
    await souk.request('POST', '/v1/admin/connector-configs', {
      body: {
        retailerId,
        connectorId: 'google-merchant-feed',
        name: 'Feed',
        settings: { source: 'url', url: feedUrl, language: 'nl' },
      },
    })
  ).body.id;
  const run = await syncAndWait(souk, config);
  if (run.status !== 'succeeded') throw new Error(`the coffee shop's sync ended ${run.status}`);

  const retailerSandbox = new RetailerSandbox({ secret: `whsec_${randomBytes(32).toString('base64')}` });
  const retailerSandboxUrl = await retailerSandbox.listen();
  const settings = await souk.request('PUT', '/v1/retailer/order-settings', {
    key: retailerKey,
    body: { method: 'webhook', webhookUrl: retailerSandboxUrl },
  });
  retailerSandbox.useSecret(settings.body.webhookSecret);

  const created = (
    await souk.request('POST', '/v1/admin/channels', {
      body: { name: 'Souk Koffie', locale: 'nl-NL', currency: 'EUR' },
    })
  ).body;
  const channelKey = (
    await souk.request('POST', '/v1/admin/api-keys', {
      body: { name: 'whatsapp', role: 'channel', channelId: created.id },
    })
  ).body.key;
  const feedToken = (await souk.request('POST', `/v1/admin/channels/${created.id}/feed-token/rotate`)).body;

  let clockOffsetMs = 0;
  const secrets = {
    accessToken: `EAAG${randomBytes(16).toString('hex')}`,
    appSecret: randomBytes(16).toString('hex'),
    verifyToken: randomBytes(8).toString('hex'),
  };
  const whatsapp = new WhatsAppSandbox({
    ...secrets,
    phoneNumberId: '106540352242922',
    displayPhoneNumber: '15550783881',
    businessAccountId: '102290129340398',
    version: 'v21.0',
    catalogId: '194836987003835',
    catalogFeedUrl: feedToken.urls.tsv,
    templates: [{ name: 'order_update', languages: ['en', 'nl'], body: '{{1}}' }],
    businessName: 'Souk Koffie',
    retry: { firstDelayMs: 50, maxDelayMs: 500 },
    now: () => new Date(Date.now() + clockOffsetMs),
  });
  await whatsapp.listen();

  const configFor = (overrides: Partial<Record<string, string>> = {}) =>
    loadChannelConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: souk.database.url,
      SOUK_API_URL: souk.baseUrl,
      SOUK_CHANNEL_KEY: channelKey,
      SOUK_WEBHOOK_SECRET: created.webhookSecret,
      WHATSAPP_GRAPH_URL: whatsapp.url,
      WHATSAPP_API_VERSION: 'v21.0',
      WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
      WHATSAPP_ACCESS_TOKEN: secrets.accessToken,
      WHATSAPP_APP_SECRET: secrets.appSecret,
      WHATSAPP_VERIFY_TOKEN: secrets.verifyToken,
      WHATSAPP_CATALOG_ID: '194836987003835',
      LOG_LEVEL: 'silent',
      ...overrides,
    });

  const harness: ChatHarness = {
    souk,
    whatsapp,
    retailerSandbox,
    retailer: { id: retailerId, key: retailerKey },
    channel: { id: created.id, key: channelKey, webhookSecret: created.webhookSecret },
    config: configFor,
    bot: undefined as unknown as RunningChannel,
    advanceClock: (ms) => {
      clockOffsetMs += ms;
    },
    async startBot(overrides = {}) {
      const bot = await startWhatsAppChannel(configFor(overrides), { log: pino({ level: 'silent' }) });
      harness.bot = bot;
      whatsapp.setWebhookUrl(`${bot.url}/webhook`, secrets.verifyToken);
      const verified = await whatsapp.verifyWebhook();
      if (!verified.verified)
        throw new Error(`the channel did not pass Meta's webhook verification: ${JSON.stringify(verified)}`);
      const patched = await souk.request('PATCH', `/v1/admin/channels/${created.id}`, {
        body: { webhookUrl: `${bot.url}/souk/events` },
      });
      if (patched.status !== 200)
        throw new Error(`could not point the channel's webhook at the channel: ${JSON.stringify(patched.body)}`);
      return bot;
    },
    async close() {
      await harness.bot?.close();
      await whatsapp.close();
      await retailerSandbox.close();
      await feed.stop();
      await images.close();
      await souk.close();
    },
  };
  await harness.startBot();
  return harness;
}

/** Serves a picture for every path: a coloured square with the path's first letter, as SVG. */
async function startImageServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? '/').split('/').pop() ?? '').replace(/\.\w+$/, '');
    const hue = [...name].reduce((sum, char) => sum + char.charCodeAt(0) * 37, 0) % 360;
    const letter = (name[0] ?? '?').replace(/[<&>]/g, '?');
    response.writeHead(200, { 'content-type': 'image/svg+xml' });
    response.end(
      `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="hsl(${hue},40%,35%)"/>` +
        `<circle cx="200" cy="150" r="90" fill="hsl(${hue},45%,60%)"/><text x="200" y="180" font-size="90" text-anchor="middle" fill="#fff" font-family="sans-serif">${letter}</text></svg>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The harness for one test file: started before its tests, closed after them, and after each test
 * a check that every message the channel sent met the Cloud API's rules (faults the test injected
 * aside). The harness exists only once the file's tests start, so what comes back stands for it:
 * each property is read from the harness when used.
 */
export function useChatHarness(): ChatHarness {
  let harness: ChatHarness | undefined;
  beforeAll(async () => {
    harness = await startChatHarness();
  }, 60_000);
  afterAll(() => harness?.close());
  afterEach(() =>
    expect(harness?.whatsapp.sentMessages().filter((sent) => !sent.accepted && sent.fault === null)).toEqual([]),
  );
  return new Proxy({} as ChatHarness, {
    get: (_target, property) => {
      if (!harness) throw new Error('the chat harness is used before its beforeAll ran');
      const value = Reflect.get(harness, property) as unknown;
      return typeof value === 'function' ? value.bind(harness) : value;
    },
  });
}
