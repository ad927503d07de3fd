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
log.info(
  { url: channel.url },
  `WhatsApp channel listening: Meta's webhook at ${channel.url}/webhook, Souk's events at ${channel.url}/souk/events`,
);
const shutdown = () => {
  channel.close().then(
    () => process.exit(0),
    (error: unknown) => {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, shutdown);
// Run by a supervisor that holds our standard input (the demo marketplace): when it goes, even
// killed outright, the pipe closes and the channel stops with it instead of outliving it.
if (process.env.EXIT_WHEN_STDIN_CLOSES === 'true') {
  process.stdin.on('end', shutdown);
  process.stdin.resume();
}
