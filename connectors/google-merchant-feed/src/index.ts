export { googleMerchantFeedConnector } from './google-merchant-feed.connector.js';
export type { FeedCheckpoint, FeedSecrets, FeedSettings } from './settings.js';
