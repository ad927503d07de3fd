import { demoCornerShopCsv, demoElectronicsFeed } from './demo-catalogs.js';
import { FeedHost } from './feed-host.js';

/** Standalone: `npm run sandbox:feeds` serves the demo feeds on SANDBOX_FEED_PORT (default 3099). */
const port = Number(process.env.SANDBOX_FEED_PORT ?? 3099);
const host = new FeedHost();
host.publish('demo-electronics.xml', demoElectronicsFeed());
host.publish('demo-corner-shop.csv', demoCornerShopCsv(), 'text/csv; charset=utf-8');
const base = await host.listen(port);
process.stdout.write(`Sandbox feed host: ${base}/feeds/demo-electronics.xml and ${base}/feeds/demo-corner-shop.csv\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void host.close().then(() => process.exit(0)));
