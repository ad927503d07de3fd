import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ExternalOrderUpdate, InboundWebhook, WebhookEvent, WebhookVerdict } from '#connector-sdk';
import { retailerOrderIdOf } from './order-place.js';
import type { ShopifySecrets, ShopifySettings } from './settings.js';
import type { ShopifyFulfillment, ShopifyOrder } from './shopify-types.js';

const ORDER_TOPICS = new Set(['orders/updated', 'orders/fulfilled', 'orders/cancelled', 'orders/partially_fulfilled']);

/**
 * Verifies a Shopify webhook (X-Shopify-Hmac-Sha256: base64 HMAC-SHA256 of the raw body with the
 * app's client secret, compared in constant time) and says what it means. The delivery id is
 * X-Shopify-Webhook-Id, the same for Shopify's retries of one delivery.
 */
export function receiveWebhook(
  config: { readonly settings: ShopifySettings; readonly secrets: ShopifySecrets },
  webhook: InboundWebhook,
): WebhookVerdict {
  const secret = config.secrets.webhookSecret;
  if (!secret)
    return {
      kind: 'rejected',
      reason: "no webhook secret (the Shopify app's client secret) is set for this connection",
    };
  const signature = webhook.headers['x-shopify-hmac-sha256'];
  if (!signature) return { kind: 'rejected', reason: 'the X-Shopify-Hmac-Sha256 header is missing' };
  // Compared as base64 text: decoding first would let stray characters through.
  const expected = Buffer.from(createHmac('sha256', secret).update(webhook.rawBody).digest('base64'));
  const given = Buffer.from(signature.trim());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { kind: 'rejected', reason: 'X-Shopify-Hmac-Sha256 does not match the body signed with the webhook secret' };
  }
  const shopDomain = webhook.headers['x-shopify-shop-domain'];
  const configuredHost = hostOf(config.settings.shopUrl);
  if (shopDomain && configuredHost?.endsWith('.myshopify.com') && shopDomain.toLowerCase() !== configuredHost) {
    return {
      kind: 'rejected',
      reason: `the webhook is from ${shopDomain}, not from this connection's shop ${configuredHost}`,
    };
  }
  const deliveryId = webhook.headers['x-shopify-webhook-id'] || null;
  let body: unknown;
  try {
    body = JSON.parse(webhook.rawBody.toString('utf8'));
  } catch {
    return { kind: 'accepted', deliveryId, events: [] };
  }
  return { kind: 'accepted', deliveryId, events: eventsOf(webhook.headers['x-shopify-topic'] ?? '', body) };
}

function eventsOf(topic: string, body: unknown): WebhookEvent[] {
  if (typeof body !== 'object' || body === null) return [];
  const resource = body as { id?: unknown; status?: unknown };
  const id =
    typeof resource.id === 'number' || (typeof resource.id === 'string' && resource.id !== '')
      ? String(resource.id)
      : null;
  const inactive = typeof resource.status === 'string' && resource.status !== 'active';
  switch (topic) {
    case 'products/create':
      return inactive ? [] : [{ type: 'catalog-changed' }];
    case 'products/update':
      // A product made draft or archived leaves the catalog at once; an incremental read could not remove it.
      return inactive && id !== null ? [{ type: 'items-removed', itemGroupIds: [id] }] : [{ type: 'catalog-changed' }];
    case 'products/delete':
      return id === null ? [] : [{ type: 'items-removed', itemGroupIds: [id] }];
    default:
      return ORDER_TOPICS.has(topic) ? [{ type: 'order-updated', order: orderUpdate(body as ShopifyOrder) }] : [];
  }
}

/**
 * Cancelled (cancelled_at set) is cancelled, with cancel_reason; fulfilled is shipped, with the
 * tracking of the last fulfillment (delivered once every fulfillment's shipment_status says so);
 * any other order Shopify has (open, partly fulfilled) is accepted.
 */
export function orderUpdate(order: ShopifyOrder): ExternalOrderUpdate {
  const base = {
    retailerOrderId: retailerOrderIdOf(order),
    reference: order.id != null && order.id !== '' ? String(order.id) : null,
  };
  if (order.cancelled_at) return { ...base, status: 'cancelled', reason: order.cancel_reason ?? null, tracking: null };
  if (order.fulfillment_status === 'fulfilled') {
    const fulfillments = (order.fulfillments ?? []).filter(
      (fulfillment) => fulfillment && fulfillment.status !== 'cancelled',
    );
    const delivered =
      fulfillments.length > 0 && fulfillments.every((fulfillment) => fulfillment.shipment_status === 'delivered');
    return {
      ...base,
      status: delivered ? 'delivered' : 'shipped',
      tracking: trackingOf(fulfillments.at(-1)),
      reason: null,
    };
  }
  return { ...base, status: 'accepted', tracking: null, reason: null };
}

function trackingOf(fulfillment: ShopifyFulfillment | undefined): ExternalOrderUpdate['tracking'] {
  if (!fulfillment) return null;
  const carrier = fulfillment.tracking_company || null;
  const number = fulfillment.tracking_number || fulfillment.tracking_numbers?.[0] || null;
  const url = fulfillment.tracking_url || fulfillment.tracking_urls?.[0] || null;
  return carrier || number || url ? { carrier, number, url } : null;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}
