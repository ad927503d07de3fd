import { createConnectorHttp, type ConnectorContext, type ConnectorHttpOptions } from '#connector-sdk';
import type { WooCommerceSandbox } from '#sandbox-woocommerce';
import { LOOPBACK_SANDBOXES } from '#connector-sdk/testing';
import { wooSecretsSchema, wooSettingsSchema, type WooSecrets, type WooSettings } from '../../src/settings.js';
// Tests serve on loopback, which Souk's outbound policy refuses unless allowed: the contexts allow it.

export { readAll, type ReadOutcome } from '#connector-sdk/testing';

export const KEY = {
  consumerKey: 'ck_9f2d6c1e0b7a4e55b1f3c2d8a6e4f0b1c3d5e7f9',
  consumerSecret: 'cs_4b8e2a6c0d9f1e3a5c7b9d1f3e5a7c9b1d3f5e7a',
};
export const WEBHOOK_SECRET = 'wh-secret: Ünïcode & symbols #1';

export type WooTestContext = ConnectorContext<WooSettings, WooSecrets> & { logs: string[] };

/** A context as Souk builds one: parsed settings and secrets, a real HTTP client (fast retries for tests). */
export function wooContext(
  settings: Record<string, unknown>,
  options: {
    secrets?: Record<string, unknown>;
    http?: ConnectorHttpOptions;
    currency?: string;
    signal?: AbortSignal;
  } = {},
): WooTestContext {
  const logs: string[] = [];
  const signal = options.signal ?? new AbortController().signal;
  return {
    settings: wooSettingsSchema.parse(settings),
    secrets: wooSecretsSchema.parse(options.secrets ?? { ...KEY, webhookSecret: WEBHOOK_SECRET }),
    retailer: { id: '0b9e5f43-35a8-4c4f-8f0e-6d1c2b3a4f5e', defaultCurrency: options.currency ?? 'EUR' },
    http: createConnectorHttp({
      requestsPerSecond: 500,
      burst: 20,
      maxRetries: 2,
      baseDelayMs: 5,
      signal,
      outbound: LOOPBACK_SANDBOXES,
      ...options.http,
    }),
    signal,
    log: (message) => logs.push(message),
    logs,
  };
}

/** The item ids a full read of the sandbox's store must yield: published, listed simple products and published variations. */
export function expectedItemIds(sandbox: WooCommerceSandbox): string[] {
  const ids: string[] = [];
  for (const product of sandbox.products()) {
    if (product.status !== 'publish' || product.catalog_visibility === 'hidden') continue;
    if (product.type === 'simple') ids.push(String(product.id));
    if (product.type === 'variable') {
      for (const variation of sandbox.productVariations(product.id as number))
        if (variation.status === 'publish') ids.push(`${product.id}-${variation.id}`);
    }
  }
  return ids;
}
