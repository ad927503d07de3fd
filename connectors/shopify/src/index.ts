export { createShopifyConnector, shopifyConnector, type ShopifyConnectorOptions } from './shopify.connector.js';
export type { ShopifyCheckpoint, ShopifySecrets, ShopifySettings } from './settings.js';
