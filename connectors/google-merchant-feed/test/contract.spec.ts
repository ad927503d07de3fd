import { Readable } from 'node:stream';
// The kit imports @jest/globals, so #connector-sdk does not export it; it is test code of the SDK.
// The fixture server serves on loopback, which Souk's outbound policy refuses unless allowed; this test allows it.
import { describeConnectorContract, LOOPBACK_SANDBOXES } from '#connector-sdk/testing';
import { googleMerchantFeedConnector } from '../src/index.js';
import type { FeedSecrets, FeedSettings } from '../src/settings.js';
import { FixtureServer, fixture } from './support/fixture-server.js';

const server = new FixtureServer()
  .serve('/products.rss', fixture('products.rss.xml'))
  .serve('/broken.rss', fixture('broken-middle.rss.xml'));

beforeAll(() => server.start());
afterAll(() => server.stop());

const urlSettings = (path: string): FeedSettings => ({ source: 'url', url: server.url(path), format: 'auto' });

describeConnectorContract<FeedSettings, FeedSecrets, unknown>({
  connector: googleMerchantFeedConnector,
  specId: 'google-merchant-feed',
  get validSettings() {
    return urlSettings('/products.rss');
  },
  validSecrets: {},
  invalidSettings: { source: 'url', format: 'auto' },
  outbound: LOOPBACK_SANDBOXES,
  goodSource: async () => ({ settings: urlSettings('/products.rss') }),
  brokenSource: async () => ({ settings: urlSettings('/broken.rss') }),
  expectedItemCount: 3,
});

describeConnectorContract<FeedSettings, FeedSecrets, unknown>({
  connector: googleMerchantFeedConnector,
  specId: 'google-merchant-feed',
  validSettings: { source: 'upload', format: 'auto' },
  validSecrets: {},
  invalidSettings: { source: 'upload', format: 'csv' },
  goodSource: async () => ({ upload: () => Readable.from([fixture('products.tsv')]) }),
  brokenSource: async () => ({ upload: () => Readable.from([fixture('no-id.tsv')]) }),
  expectedItemCount: 3,
});
