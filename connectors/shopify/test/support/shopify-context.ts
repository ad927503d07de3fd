import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createConnectorHttp,
  type ConnectorContext,
  type ConnectorHttpOptions,
  type RawItem,
  type ReadPage,
} from '#connector-sdk';
import { ShopifySandbox, type ShopifySandboxOptions } from '#sandbox-shopify';
import { LOOPBACK_SANDBOXES } from '#connector-sdk/testing';
import {
  shopifySecretsSchema,
  shopifySettingsSchema,
  type ShopifySecrets,
  type ShopifySettings,
} from '../../src/settings.js';
// Tests serve on loopback, which Souk's outbound policy refuses unless allowed: the contexts allow it.

export { readAll, type ReadOutcome } from '#connector-sdk/testing';

export const ACCESS_TOKEN = 'shpat_connector_test_token';
export const WEBHOOK_SECRET = 'connector-test-client-secret';

export async function startShop(
  options: Partial<ShopifySandboxOptions> = {},
): Promise<{ sandbox: ShopifySandbox; url: string }> {
  const sandbox = new ShopifySandbox({ accessToken: ACCESS_TOKEN, webhookSecret: WEBHOOK_SECRET, ...options });
  return { sandbox, url: await sandbox.listen() };
}

export type TestContext = ConnectorContext<ShopifySettings, ShopifySecrets> & { logs: string[] };

/**
 * A context as Souk builds one: parsed settings and secrets, and the SDK's HTTP client limited to
 * the settings' requestsPerSecond (as the catalog's context factory does), with its default retries.
 */
export function shopifyContext(
  settings: Record<string, unknown>,
  options: {
    secrets?: Record<string, unknown>;
    http?: ConnectorHttpOptions;
    currency?: string;
    signal?: AbortSignal;
  } = {},
): TestContext {
  const parsed = shopifySettingsSchema.parse(settings);
  const signal = options.signal ?? new AbortController().signal;
  const logs: string[] = [];
  return {
    settings: parsed,
    secrets: shopifySecretsSchema.parse(
      options.secrets ?? { accessToken: ACCESS_TOKEN, webhookSecret: WEBHOOK_SECRET },
    ),
    retailer: { id: '3f6c1f8e-8a8b-4d5e-9c55-6b1c2a0d7e11', defaultCurrency: options.currency ?? 'EUR' },
    http: createConnectorHttp({
      requestsPerSecond: parsed.requestsPerSecond,
      signal,
      outbound: LOOPBACK_SANDBOXES,
      ...options.http,
    }),
    signal,
    log: (message) => logs.push(message),
    logs,
  };
}

export function itemsOf<C>(pages: readonly ReadPage<C>[]): RawItem[] {
  return pages.flatMap((page) => page.items);
}

/** The number of variants of the sandbox's active products: what a full read yields. */
export function activeVariantCount(sandbox: ShopifySandbox): number {
  return sandbox
    .products()
    .filter((product) => product.status === 'active')
    .reduce((sum, product) => sum + product.variants.length, 0);
}

/** A web server that answers everything with 200 and an HTML page (a storefront, a login form). */
export async function htmlServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) =>
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!DOCTYPE html><html><body>Welcome to our store</body></html>'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
