export type { StoredCategory, StoredProduct, StoredVariation } from './catalog.js';
export { ORDER_STATUSES, type OrderStatus, type UnknownProductOrders } from './orders.js';
export {
  MAX_DELIVERY_FAILURES,
  sign as signWebhookBody,
  type SandboxDelivery,
  type SandboxWebhook,
  type WebhookStatus,
} from './webhooks.js';
export * from './woocommerce-sandbox.js';
