import 'reflect-metadata';
import { ConfigError, EmbeddedDatabaseInUseError, loadConfig, type AppConfig } from '#platform';
import { startDatabase, migrate, type DatabaseRuntime } from './database/database-runtime.js';
import type { DemoChat } from './demo/demo-chat.js';
import type { DemoKeys } from './demo/demo-data.loader.js';
import type { DemoOrders } from './demo/demo-orders.js';
import { FirstStartService, type FirstStartOutcome } from './first-start/first-start.service.js';
import { CONSOLE_PATH } from './console/console-assets.js';
import { createApp } from './server.js';
import { OPENAPI_JSON_PATH, DOCS_PATH } from './openapi.js';

function say(line = ''): void {
  process.stdout.write(line + '\n');
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}

function readConfig(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

function printBanner(
  config: AppConfig,
  database: DatabaseRuntime,
  firstStart: FirstStartOutcome,
  demoKeys: DemoKeys | null,
  demoOrders: DemoOrders | null,
  demoChat: DemoChat | null,
  demoSandboxes: readonly string[],
): void {
  const base = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port}`;
  const databaseDescription = database.embedded
    ? `embedded PostgreSQL in ${config.embeddedDatabase.dataDir}`
    : 'external PostgreSQL';
  say();
  say(`Souk marketplace is running (roles: ${[...config.roles].join(', ')}; database: ${databaseDescription})`);
  if (config.roles.has('api')) {
    say(`  API:      ${base}`);
    say(`  API docs: ${base}/${DOCS_PATH}  (OpenAPI JSON: ${base}/${OPENAPI_JSON_PATH})`);
    say(`  Console:  ${base}${CONSOLE_PATH}  (sign in with an operator or retailer key)`);
  }
  say(`  Health:   ${base}/health  and  ${base}/health/ready`);
  if (firstStart.operatorKey && firstStart.operatorKey === config.operatorKey) {
    say();
    say('  First start: the operator key from SOUK_OPERATOR_KEY was registered.');
  } else if (firstStart.operatorKey) {
    say();
    say('  First start: this operator key is shown once and stored only as a hash. Keep it now.');
    say(`  Operator key: ${firstStart.operatorKey}`);
  }
  if (demoKeys) {
    say(
      '  Demo data loaded: 3 retailers (two with catalogs, syncing now), 1 channel. ' +
        'Keys for the retailer and channel APIs:',
    );
    say(`  Demo retailer key: ${demoKeys.retailerKey}`);
    say(`  Demo channel key:  ${demoKeys.channelKey}`);
  }
  if (demoOrders) {
    say(
      '  Demo orders: Demo Electronics receives its orders by signed webhook ' +
        `at a sandbox retailer (${demoOrders.orderUrl}),`,
    );
    say(
      `  which accepts each order after ${seconds(config.demoOrders.acceptAfterMs)} and ships it ` +
        `${seconds(config.demoOrders.shipAfterMs)} later, through the retailer API;`,
    );
    say('  Demo Corner Shop pulls its orders with the demo retailer key (GET /v1/retailer/orders?status=pending).');
  }
  if (demoChat) {
    say();
    say(`  Shop in a chat: open ${demoChat.simulatorUrl}`);
    say(
      '  A phone simulator on the demo WhatsApp number: say "Hi", search, fill a cart and order from the demo catalog.',
    );
    say('  Its messages go through the WhatsApp channel (its own process) and a WhatsApp Cloud API sandbox.');
  }
  if (demoSandboxes.length > 0) {
    say(
      `  Demo sandboxes: requests to ${demoSandboxes.join(' and ')} on loopback are allowed for this process ` +
        '(added to SOUK_OUTBOUND_ALLOW);',
    );
    say('  every other loopback, private or link-local address stays refused.');
  }
  say();
}

async function main(): Promise<void> {
  const config = readConfig();
  const database = await startDatabase(
    config,
    () => undefined,
    (message) => say(message),
  );
  const stopDatabase = async () => database.stop().catch(() => undefined);
  try {
    if (config.runMigrations) await migrate(database.url);
    // The demo (its data and the sandboxes it runs) is loaded only in demo mode.
    const demo = config.loadDemoData ? await import('./demo/demo-mode.js') : null;
    const demoFeeds = demo
      ? await demo.startDemoFeeds(config.demoFeedPort, (message) => process.stderr.write(message + '\n'))
      : null;
    const demoOrderDesk = demo ? await demo.startDemoOrderDesk() : null;
    const demoPhone = demo ? await demo.startDemoPhone(config.demoChat) : null;
    // The demo's sandboxes listen on loopback, which the outbound policy refuses: allow exactly them.
    const demoSandboxes = [demoFeeds?.hostPort, demoOrderDesk?.hostPort, demoPhone?.channelHostPort].filter(
      (hostPort): hostPort is string => hostPort !== undefined,
    );
    const appConfig: AppConfig =
      demoSandboxes.length > 0 ? { ...config, outboundAllow: config.outboundAllow.with(demoSandboxes) } : config;
    const app = await createApp({
      config: appConfig,
      databaseUrl: database.url,
      encryptionKey: database.encryptionKey,
      demo: demo
        ? (modules) => demo.DemoModule.forRoot({ ...modules, feedUrl: demoFeeds?.electronicsFeedUrl ?? null })
        : null,
    });
    const firstStart = await app.get(FirstStartService).run();
    const demoKeys = demo && firstStart.operatorKey ? await app.get(demo.DemoDataLoader).load() : null;
    const marketplaceHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const marketplaceUrl = `http://${marketplaceHost}:${config.port}`;
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const demoOrders =
      demo && demoOrderDesk
        ? await demo.connectDemoOrders(app, demoOrderDesk, { marketplaceUrl, ...config.demoOrders, log })
        : null;

    let demoChat: DemoChat | null = null;
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      say(`\n${signal}: finishing in-flight requests and stopping...`);
      const deadline = setTimeout(() => {
        process.stderr.write(`Shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting.\n`);
        process.exit(1);
      }, config.shutdownTimeoutMs);
      deadline.unref();
      // close() stops accepting connections, waits for in-flight requests, then runs shutdown hooks.
      await demoChat?.close();
      await app.close().catch((error: unknown) => process.stderr.write(`Error while closing: ${String(error)}\n`));
      await demoFeeds?.close();
      await demoOrders?.close();
      await stopDatabase();
      process.exit(0);
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));

    await app.listen({ port: config.port, host: config.host });
    if (demo && demoPhone) {
      demoChat = await demo
        .connectDemoChat(app, demoPhone, { marketplaceUrl, databaseUrl: database.url, log })
        .catch((error: unknown) => {
          log(`The demo chat could not start: ${error instanceof Error ? error.message : String(error)}`);
          return null;
        });
    }
    printBanner(config, database, firstStart, demoKeys, demoOrders, demoChat, demoSandboxes);
  } catch (error) {
    await stopDatabase();
    throw error;
  }
}

main().catch((error: unknown) => {
  // A reason meant for the operator is said plainly; anything else comes with its stack.
  const told =
    error instanceof EmbeddedDatabaseInUseError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`Souk could not start: ${told}\n`);
  process.exit(1);
});
