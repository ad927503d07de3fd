import type { Connector } from '#connector-sdk';
import { placeOrder } from './order-place.js';
import { readProducts } from './product-read.js';
import {
  shopifySecretsSchema,
  shopifySettingsSchema,
  type ShopifyCheckpoint,
  type ShopifySecrets,
  type ShopifySettings,
} from './settings.js';
import { checkShop } from './shopify-check.js';
import { mapVariant } from './variant-map.js';
import { receiveWebhook } from './webhook-receive.js';

export interface ShopifyConnectorOptions {
  /**
   * How long an order creation may take before the attempt gives up (Souk retries it, finding the order if Shopify made
   * it); default 30 s.
   */
  readonly orderTimeoutMs?: number;
}

/**
 * A Shopify shop through the REST Admin API: the catalog (one offer per variant, full or
 * incremental by updated_at), orders placed idempotently, and signed webhooks. See README.md.
 */
export function createShopifyConnector(
  options: ShopifyConnectorOptions = {},
): Connector<ShopifySettings, ShopifySecrets, ShopifyCheckpoint> {
  const orderTimeoutMs = options.orderTimeoutMs ?? 30_000;
  return {
    spec: {
      id: 'shopify',
      name: 'Shopify',
      description:
        'A Shopify shop, through its Admin API: products and variants, orders placed in the shop, and its webhooks.',
      settings: shopifySettingsSchema,
      secrets: shopifySecretsSchema,
      capabilities: ['catalog', 'orders', 'webhooks'],
      incremental: true,
      acceptsUpload: false,
    },
    check: (context) => checkShop(context),
    read: readProducts,
    map: mapVariant,
    orders: { place: (context, order) => placeOrder(context, order, orderTimeoutMs) },
    webhooks: { receive: receiveWebhook },
  };
}

export const shopifyConnector = createShopifyConnector();
