// The kit imports @jest/globals, so #connector-sdk does not export it; it is test code of the SDK.
// The sandbox serves on loopback, which Souk's outbound policy refuses unless allowed; this test allows it.
import { WooCommerceSandbox } from '#sandbox-woocommerce';
import { describeConnectorContract, LOOPBACK_SANDBOXES } from '#connector-sdk/testing';
import { woocommerceConnector, type WooCheckpoint, type WooSecrets, type WooSettings } from '../src/index.js';
import { KEY, WEBHOOK_SECRET, expectedItemIds } from './support/woo-context.js';

const sandbox = new WooCommerceSandbox({ ...KEY, webhookSecret: WEBHOOK_SECRET, products: 120, seed: 7 });

beforeAll(() => sandbox.listen());
afterAll(() => sandbox.close());

const settings = (siteUrl: string): WooSettings => ({ siteUrl, requestsPerSecond: 50, authInQuery: false });

describeConnectorContract<WooSettings, WooSecrets, WooCheckpoint>({
  connector: woocommerceConnector,
  specId: 'woocommerce',
  get validSettings() {
    return settings(sandbox.siteUrl);
  },
  validSecrets: { ...KEY, webhookSecret: WEBHOOK_SECRET },
  invalidSettings: { siteUrl: 'ftp://shop.example' },
  outbound: LOOPBACK_SANDBOXES,
  goodSource: async () => ({ settings: settings(sandbox.siteUrl) }),
  // A WordPress page that is not the shop: 404 for everything under it.
  brokenSource: async () => ({ settings: settings(`${sandbox.siteUrl}/blog`) }),
  get expectedItemCount() {
    return expectedItemIds(sandbox).length;
  },
});
