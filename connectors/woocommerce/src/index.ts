export {
  createWooCommerceConnector,
  woocommerceConnector,
  type WooCommerceConnector,
  type WooCommerceConnectorOptions,
} from './woocommerce.connector.js';
export { itemId as wooItemId, parseItemId as parseWooItemId } from './item-id.js';
export type { WooCheckpoint, WooSecrets, WooSettings } from './settings.js';
export type { WooRawItem } from './wc-item.js';
export { ORDER_META as WOO_ORDER_META, RETAILER_ORDER_META as WOO_RETAILER_ORDER_META } from './wc-orders.js';
export { SHIPMENT_TRACKING_META as WOO_SHIPMENT_TRACKING_META } from './wc-webhooks.js';
