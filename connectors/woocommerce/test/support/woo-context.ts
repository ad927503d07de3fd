import { createConnectorHttp, type ConnectorContext, type ConnectorHttpOptions, type NotModified, type RawItem, type ReadPage } from '#connector-sdk';
import type { WooCommerceSandbox } from '#sandbox-woocommerce';
import { wooSecretsSchema, wooSettingsSchema, type WooSecrets, type WooSettings } from '../../src/settings.js';

export const KEY = { consumerKey: 'ck_9f2d6c1e0b7a4e55b1f3c2d8a6e4f0b1c3d5e7f9', consumerSecret: 'cs_4b8e2a6c0d9f1e3a5c7b9d1f3e5a7c9b1d3f5e7a' };
export const WEBHOOK_SECRET = 'wh-secret: Ünïcode & symbols #1';

export type WooTestContext = ConnectorContext<WooSettings, WooSecrets> & { logs: string[] };

/** A context as Souk builds one: parsed settings and secrets, a real HTTP client (fast retries for tests). */
export function wooContext(
  settings: Record<string, unknown>,
  options: { secrets?: Record<string, unknown>; http?: ConnectorHttpOptions; currency?: string; signal?: AbortSignal } = {},
): WooTestContext {
  const logs: string[] = [];
  const signal = options.signal ?? new AbortController().signal;
  return {
    settings: wooSettingsSchema.parse(settings),
    secrets: wooSecretsSchema.parse(options.secrets ?? { ...KEY, webhookSecret: WEBHOOK_SECRET }),
    retailer: { id: '0b9e5f43-35a8-4c4f-8f0e-6d1c2b3a4f5e', defaultCurrency: options.currency ?? 'EUR' },
    http: createConnectorHttp({ requestsPerSecond: 500, burst: 20, maxRetries: 2, baseDelayMs: 5, signal, ...options.http }),
    signal,
    log: (message) => logs.push(message),
    logs,
  };
}

export interface ReadOutcome<C> {
  readonly pages: ReadPage<C>[];
  readonly items: RawItem[];
  readonly result: NotModified | void;
  readonly error: unknown;
}

/** Runs a read to its end, keeping the pages yielded before any error. */
export async function readAll<C>(read: AsyncGenerator<ReadPage<C>, NotModified | void>): Promise<ReadOutcome<C>> {
  const pages: ReadPage<C>[] = [];
  try {
    for (;;) {
      const next = await read.next();
      if (next.done) return { pages, items: pages.flatMap((page) => page.items), result: next.value, error: undefined };
      pages.push(next.value);
    }
  } catch (error) {
    return { pages, items: pages.flatMap((page) => page.items), result: undefined, error };
  }
}

/** The item ids a full read of the sandbox's store must yield: published, listed simple products and published variations. */
export function expectedItemIds(sandbox: WooCommerceSandbox): string[] {
  const ids: string[] = [];
  for (const product of sandbox.products()) {
    if (product.status !== 'publish' || product.catalog_visibility === 'hidden') continue;
    if (product.type === 'simple') ids.push(String(product.id));
    if (product.type === 'variable') {
      for (const variation of sandbox.productVariations(product.id as number)) if (variation.status === 'publish') ids.push(`${product.id}-${variation.id}`);
    }
  }
  return ids;
}
