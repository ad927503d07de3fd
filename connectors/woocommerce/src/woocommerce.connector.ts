import type { Connector } from '#connector-sdk';
import {
  wooSecretsSchema,
  wooSettingsSchema,
  type WooCheckpoint,
  type WooSecrets,
  type WooSettings,
} from './settings.js';
import { checkWoo } from './wc-check.js';
import { mapWooItem } from './wc-item.js';
import { placeWooOrder } from './wc-orders.js';
import { readWoo } from './wc-read.js';
import { receiveWooWebhook } from './wc-webhooks.js';

export interface WooCommerceConnectorOptions {
  /**
   * How long one POST /orders may take before the attempt gives up; default 60 s (WooCommerce sends its emails while it
   * answers).
   */
  readonly orderCreateTimeoutMs?: number;
}

export type WooCommerceConnector = Connector<WooSettings, WooSecrets, WooCheckpoint> &
  Required<Pick<Connector<WooSettings, WooSecrets, WooCheckpoint>, 'orders' | 'webhooks'>>;

/** A WooCommerce store through its REST API (wc/v3): catalog, orders and webhooks. See README.md. */
export function createWooCommerceConnector(options: WooCommerceConnectorOptions = {}): WooCommerceConnector {
  const createTimeoutMs = options.orderCreateTimeoutMs ?? 60_000;
  return {
    spec: {
      id: 'woocommerce',
      name: 'WooCommerce',
      description:
        'A WooCommerce store, through its REST API: published products and variations, ' +
        'orders placed in the store, and its webhooks.',
      settings: wooSettingsSchema,
      secrets: wooSecretsSchema,
      capabilities: ['catalog', 'orders', 'webhooks'],
      incremental: true,
      acceptsUpload: false,
    },
    check: (context) => checkWoo(context),
    read: readWoo,
    map: (item, context) => mapWooItem(item.data, context.retailer.defaultCurrency, context.settings.language ?? null),
    orders: { place: (context, order) => placeWooOrder(context, order, { createTimeoutMs }) },
    webhooks: { receive: ({ secrets }, webhook) => receiveWooWebhook(secrets, webhook) },
  };
}

export const woocommerceConnector: WooCommerceConnector = createWooCommerceConnector();
