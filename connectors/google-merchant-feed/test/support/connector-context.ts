import { createConnectorHttp, type ConnectorContext, type ConnectorHttpOptions, type NotModified, type ReadPage } from '#connector-sdk';
import { feedSecretsSchema, feedSettingsSchema, type FeedSecrets, type FeedSettings } from '../../src/settings.js';

export function feedContext(
  settings: Record<string, unknown>,
  secrets: Record<string, unknown> = {},
  http: ConnectorHttpOptions = {},
): ConnectorContext<FeedSettings, FeedSecrets> & { logs: string[] } {
  const logs: string[] = [];
  return {
    settings: feedSettingsSchema.parse(settings),
    secrets: feedSecretsSchema.parse(secrets),
    retailer: { id: '7d5f3c1e-2b1a-4c44-9a7e-0f6f1f0c9a01', defaultCurrency: 'EUR' },
    http: createConnectorHttp(http),
    signal: new AbortController().signal,
    log: (message) => logs.push(message),
    logs,
  };
}

export interface ReadOutcome<C> {
  readonly pages: ReadPage<C>[];
  readonly result: NotModified | void;
  readonly error: unknown;
}

/** Runs a read to its end, keeping the pages yielded before any error. */
export async function readAll<C>(read: AsyncGenerator<ReadPage<C>, NotModified | void>): Promise<ReadOutcome<C>> {
  const pages: ReadPage<C>[] = [];
  try {
    for (;;) {
      const next = await read.next();
      if (next.done) return { pages, result: next.value, error: undefined };
      pages.push(next.value);
    }
  } catch (error) {
    return { pages, result: undefined, error };
  }
}
