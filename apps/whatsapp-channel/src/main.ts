import { pino } from 'pino';
import { startWhatsAppChannel } from './channel-app.js';
import { ChannelConfigError, loadChannelConfig } from './config.js';

/** Standalone: `npm run start:whatsapp-channel`, configured by the environment (see the app's README). */
let config;
try {
  config = loadChannelConfig(process.env);
} catch (error) {
  if (error instanceof ChannelConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  throw error;
}
const log = pino({ level: config.logLevel });
const channel = await startWhatsAppChannel(config, { log });
log.info({ url: channel.url }, `WhatsApp channel listening: Meta's webhook at ${channel.url}/webhook, Souk's events at ${channel.url}/souk/events`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    channel.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
