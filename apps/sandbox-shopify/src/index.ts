export { CallRecorder, LeakyBucket, type CallStats } from './call-limit.js';
export { CANCEL_REASONS, type Tracking } from './order-book.js';
export type { ProductInput, VariantInput } from './product-builder.js';
export { shopTime } from './shop-clock.js';
export * from './shopify-sandbox.js';
export type * from './shopify-types.js';
export { shopifyHmac, type WebhookDelivery } from './webhook-sender.js';
