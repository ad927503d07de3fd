import { createConnectorHttp, type ConnectorContext, type ConnectorHttpOptions } from '#connector-sdk';
import { LOOPBACK_SANDBOXES } from '#connector-sdk/testing';
import { feedSecretsSchema, feedSettingsSchema, type FeedSecrets, type FeedSettings } from '../../src/settings.js';
// Tests serve on loopback, which Souk's outbound policy refuses unless allowed: the contexts allow it.

export { readAll, type ReadOutcome } from '#connector-sdk/testing';

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
    http: createConnectorHttp({ outbound: LOOPBACK_SANDBOXES, ...http }),
    signal: new AbortController().signal,
    log: (message) => logs.push(message),
    logs,
  };
}
