import { normalizeGoogleItem, rowErrorResult, type Connector, type GoogleItemFields } from '#connector-sdk';
import { checkFeed } from './feed-check.js';
import { readFeed } from './feed-read.js';
import {
  feedSecretsSchema,
  feedSettingsSchema,
  type FeedCheckpoint,
  type FeedSecrets,
  type FeedSettings,
} from './settings.js';

/**
 * A Google Merchant Center product feed (RSS 2.0, Atom 1.0 or TSV), fetched from a URL with a
 * conditional GET or uploaded as a file. Always a full read: a feed cannot be resumed mid-file.
 */
export const googleMerchantFeedConnector: Connector<FeedSettings, FeedSecrets, FeedCheckpoint> = {
  spec: {
    id: 'google-merchant-feed',
    name: 'Google Merchant feed',
    description: 'A Google Merchant Center product feed (RSS 2.0, Atom 1.0 or TSV), fetched from a URL or uploaded.',
    settings: feedSettingsSchema,
    secrets: feedSecretsSchema,
    capabilities: ['catalog'],
    incremental: false,
    acceptsUpload: true,
  },
  check: (context, request) => checkFeed(context, request?.upload),
  read: readFeed,
  map(item, context) {
    return (
      rowErrorResult(item.data) ??
      normalizeGoogleItem(item.data as GoogleItemFields, { defaultLanguage: context.settings.language ?? null })
    );
  },
};
