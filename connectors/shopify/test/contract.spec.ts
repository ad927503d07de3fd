// The kit imports @jest/globals, so #connector-sdk does not export it; it is test code of the SDK.
// The sandbox serves on loopback, which Souk's outbound policy refuses unless allowed; this test allows it.
import { createConnectorHttp } from '#connector-sdk';
import type { ShopifySandbox } from '#sandbox-shopify';
import { describeConnectorContract, LOOPBACK_SANDBOXES } from '#connector-sdk/testing';
import { shopifyConnector } from '../src/index.js';
import type { ShopifyCheckpoint, ShopifySecrets, ShopifySettings } from '../src/settings.js';
import { ACCESS_TOKEN, activeVariantCount, startShop, WEBHOOK_SECRET } from './support/shopify-context.js';

let sandbox: ShopifySandbox;
let url = '';

// Fast enough for the kit's dozen reads: the shop leaks 50 calls a second and the connector asks 20.
beforeAll(async () => ({ sandbox, url } = await startShop({ products: 30, leakPerSecond: 50 })));
afterAll(() => sandbox.close());

describeConnectorContract<ShopifySettings, ShopifySecrets, ShopifyCheckpoint>({
  connector: shopifyConnector,
  specId: 'shopify',
  get validSettings() {
    return { shopUrl: url, apiVersion: '2024-10', requestsPerSecond: 20 };
  },
  validSecrets: { accessToken: ACCESS_TOKEN, webhookSecret: WEBHOOK_SECRET },
  invalidSettings: { shopUrl: 'ftp://shop.example', apiVersion: 'latest' },
  // As the catalog's context factory builds it: the client limited to the settings' requestsPerSecond.
  context: (settings, secrets, signal) => ({
    settings,
    secrets,
    retailer: { id: 'contract-retailer', defaultCurrency: 'EUR' },
    http: createConnectorHttp({
      signal,
      requestsPerSecond: settings.requestsPerSecond,
      maxRetries: 1,
      baseDelayMs: 10,
      outbound: LOOPBACK_SANDBOXES,
    }),
    signal,
    log: () => undefined,
  }),
  goodSource: async () => ({ settings: { shopUrl: url, apiVersion: '2024-10', requestsPerSecond: 20 } }),
  // Not a shop: the Admin API is not under this path (404).
  brokenSource: async () => ({
    settings: { shopUrl: `${url}/not-a-shop`, apiVersion: '2024-10', requestsPerSecond: 20 },
  }),
  get expectedItemCount() {
    return activeVariantCount(sandbox);
  },
});
