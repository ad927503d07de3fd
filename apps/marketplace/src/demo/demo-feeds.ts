import { FeedHost } from '#sandbox-feed-host';
import { demoElectronicsFeed } from './demo-catalogs.js';

export interface DemoFeeds {
  readonly electronicsFeedUrl: string;
  /** `127.0.0.1:PORT`, for SOUK_OUTBOUND_ALLOW. */
  readonly hostPort: string;
  close(): Promise<void>;
}

/**
 * Runs the sandbox feed host inside the demo marketplace, so the demo electronics shop has a real
 * feed at a URL (synced with conditional requests, like any retailer's). Null when the port is
 * taken: the demo then goes on without a URL feed.
 */
export async function startDemoFeeds(port: number, warn: (message: string) => void): Promise<DemoFeeds | null> {
  const host = new FeedHost();
  host.publish('demo-electronics.xml', demoElectronicsFeed());
  try {
    const base = await host.listen(port);
    return {
      electronicsFeedUrl: `${base}/feeds/demo-electronics.xml`,
      hostPort: new URL(base).host,
      close: () => host.close(),
    };
  } catch (error) {
    warn(
      `The demo feed host could not listen on port ${port} (${(error as Error).message}); ` +
        'set SOUK_DEMO_FEED_PORT to a free port.',
    );
    return null;
  }
}
