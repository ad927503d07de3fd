import { pino, type Logger } from 'pino';
import type { ChannelConfig } from './config.js';
import { ChatSender } from './cloud-api/chat-sender.js';
import { CloudApiClient } from './cloud-api/cloud-api-client.js';
import { ConversationHandler, type Shop } from './conversation/conversation-handler.js';
import { languageOf } from './conversation/strings/catalog.js';
import { createChannelPool, migrateChannelDatabase } from './database/channel-database.js';
import { INBOX_NOTIFY_CHANNEL, TEMPLATE_NOTIFY_CHANNEL } from './inbox/inbox-store.js';
import { InboxWorker } from './inbox/inbox-worker.js';
import { OrderUpdateWorker } from './order-updates/order-update-worker.js';
import { SOUK_EVENT_NOTIFY_CHANNEL } from './order-updates/souk-event-store.js';
import { createChannelServer } from './server.js';
import { SoukGateway } from './souk/souk-gateway.js';
import { WorkLoop } from './work-loop.js';

/** How often the channel's name and locale are read again from Souk (an operator may change them). */
const SHOP_REFRESH_MS = 60_000;

export interface RunningChannel {
  /** Where the channel listens, e.g. http://127.0.0.1:3200 (Meta's webhook is `<url>/webhook`). */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The WhatsApp channel: migrates its schema, starts its HTTP side and its workers. Used by `main.ts`
 * and by tests, which run it in-process.
 */
export async function startWhatsAppChannel(
  config: ChannelConfig,
  options: { log?: Logger; listenPort?: number } = {},
): Promise<RunningChannel> {
  const log =
    options.log ??
    pino({
      level: config.logLevel,
      redact: { paths: ['accessToken', 'channelKey', 'appSecret'], censor: '[redacted]' },
    });
  await migrateChannelDatabase(config.databaseUrl);
  const pool = createChannelPool(config.databaseUrl, config.workerConcurrency + 4);
  const souk = new SoukGateway({ apiUrl: config.souk.apiUrl, channelKey: config.souk.channelKey });

  let shop: Shop = { name: 'Souk', locale: 'en' };
  const refreshShop = async () => {
    try {
      shop = await souk.channel();
    } catch (error) {
      log.warn({ err: error }, 'could not read the channel from Souk; keeping its last name and locale');
    }
  };
  await refreshShop();
  const shopTimer = setInterval(() => void refreshShop(), SHOP_REFRESH_MS);

  const cloud = new CloudApiClient(config.whatsapp);
  const sender = new ChatSender(
    pool,
    cloud,
    { name: config.whatsapp.reengagementTemplate, languageFor: languageOf },
    log,
  );
  const inboxWorker = new InboxWorker(
    pool,
    new ConversationHandler(souk, sender, () => shop, config.whatsapp.catalogId),
    log,
  );
  const updateWorker = new OrderUpdateWorker(pool, sender, () => shop.locale, log);
  const inbox = new WorkLoop('inbox', config.databaseUrl, INBOX_NOTIFY_CHANNEL, () => inboxWorker.workOnce(), log);
  const updates = new WorkLoop(
    'order-updates',
    config.databaseUrl,
    SOUK_EVENT_NOTIFY_CHANNEL,
    () => updateWorker.workOnce(),
    log,
  );
  const templates = new WorkLoop(
    'templates',
    config.databaseUrl,
    TEMPLATE_NOTIFY_CHANNEL,
    () => sender.resendOneAsTemplate(),
    log,
    5_000,
  );

  const server = await createChannelServer({
    pool,
    log,
    whatsapp: config.whatsapp,
    soukWebhookSecret: config.souk.webhookSecret,
    defaultLocale: () => languageOf(shop.locale),
  });
  await inbox.start(config.workerConcurrency);
  await updates.start(2);
  await templates.start(1);
  const address = await server.listen({ port: options.listenPort ?? config.port, host: config.host });

  return {
    url: address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1'),
    close: async () => {
      clearInterval(shopTimer);
      await server.close();
      await Promise.all([inbox.stop(), updates.stop(), templates.stop()]);
      await pool.end();
    },
  };
}
