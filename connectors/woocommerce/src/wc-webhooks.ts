import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { ExternalOrderUpdate, InboundWebhook, WebhookEvent, WebhookVerdict } from '#connector-sdk';
import { itemId } from './item-id.js';
import type { WooSecrets } from './settings.js';
import { integer, isObject, objects, text, type Json } from './wc-json.js';
import { RETAILER_ORDER_META } from './wc-orders.js';

/** The Shipment Tracking extension's order meta (also written by Advanced Shipment Tracking). */
export const SHIPMENT_TRACKING_META = '_wc_shipment_tracking_items';

/**
 * WooCommerce order statuses in Souk's terms. `pending` (awaiting payment) and `refunded` (Souk
 * books refunds itself, from the retailer's refund in Souk) do not move an order; `completed`
 * means fulfilled in WooCommerce, so shipped. `shipped` and `delivered` are statuses that tracking
 * plugins add.
 */
const ORDER_STATUSES: Readonly<Record<string, ExternalOrderUpdate['status']>> = {
  pending: null,
  processing: 'accepted',
  'on-hold': 'accepted',
  completed: 'shipped',
  shipped: 'shipped',
  delivered: 'delivered',
  cancelled: 'cancelled',
  refunded: null,
  failed: 'refused',
};

/**
 * A WooCommerce webhook: the creation ping (form-encoded `webhook_id=N`, unsigned) needs only a
 * 200; anything else must carry X-WC-Webhook-Signature, the base64 HMAC-SHA256 of the raw body
 * with the webhook's secret, checked in constant time.
 */
export function receiveWooWebhook(secrets: WooSecrets, webhook: InboundWebhook): WebhookVerdict {
  const { headers, rawBody } = webhook;
  const signature = headers['x-wc-webhook-signature'];
  if (signature === undefined || signature.trim() === '') {
    if (/^webhook_id=\d+$/.test(rawBody.toString('utf8').trim())) return { kind: 'ping' };
    return { kind: 'rejected', reason: 'X-WC-Webhook-Signature is missing' };
  }
  const secret = secrets.webhookSecret;
  if (!secret)
    return {
      kind: 'rejected',
      reason: "no webhook secret is configured: add the WooCommerce webhook's secret as webhookSecret",
    };
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(signature.trim(), 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { kind: 'rejected', reason: 'X-WC-Webhook-Signature does not match the body' };

  const topic =
    headers['x-wc-webhook-topic'] ?? `${headers['x-wc-webhook-resource'] ?? ''}.${headers['x-wc-webhook-event'] ?? ''}`;
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    body = undefined;
  }
  return {
    kind: 'accepted',
    deliveryId: deliveryId(headers['x-wc-webhook-delivery-id'], rawBody),
    events: events(topic, isObject(body) ? body : null),
  };
}

/**
 * WooCommerce's delivery id is wp_hash(webhook id . unix time): two deliveries of one webhook in
 * the same second share it. With a digest of the body, a replayed delivery keeps its id and two
 * different ones never share it.
 */
function deliveryId(header: string | undefined, rawBody: Buffer): string | null {
  if (!header || header.trim() === '') return null;
  return `${header.trim()}.${createHash('sha256').update(rawBody).digest('hex').slice(0, 16)}`;
}

function events(topic: string, body: Json | null): WebhookEvent[] {
  const [resource, event] = topic.split('.');
  if (resource === 'product') return productEvents(event ?? '', body);
  if (resource === 'order' && (event === 'created' || event === 'updated') && body) {
    const update = orderUpdate(body);
    return update ? [{ type: 'order-updated', order: update }] : [];
  }
  return [];
}

/**
 * product.deleted (moved to the trash) removes the product: its own item, and every variation of
 * it as an item group. A product.updated whose product is no longer sold (not published, hidden)
 * removes it the same way; the payload of a variation names its parent. Anything else about
 * products asks for an incremental sync.
 */
function productEvents(event: string, body: Json | null): WebhookEvent[] {
  const id = body ? integer(body, 'id') : null;
  if (event === 'deleted') return id === null ? [{ type: 'catalog-changed' }] : [removed(id, body)];
  if (body && id !== null && event === 'updated') {
    const status = text(body, 'status');
    const hidden = text(body, 'catalog_visibility') === 'hidden';
    if ((status !== null && status !== 'publish') || hidden) return [removed(id, body), { type: 'catalog-changed' }];
  }
  return [{ type: 'catalog-changed' }];
}

function removed(id: number, body: Json | null): WebhookEvent {
  const parent = body && text(body, 'type') === 'variation' ? integer(body, 'parent_id') : null;
  if (parent) return { type: 'items-removed', itemIds: [itemId(parent, id)] };
  return { type: 'items-removed', itemIds: [itemId(id)], itemGroupIds: [String(id)] };
}

/** Only orders Souk placed (they carry its retailer order id) concern Souk. */
function orderUpdate(order: Json): ExternalOrderUpdate | null {
  const meta = objects(order, 'meta_data');
  const retailerOrderId = meta.find((entry) => text(entry, 'key') === RETAILER_ORDER_META);
  const souk =
    retailerOrderId && (typeof retailerOrderId.value === 'string' || typeof retailerOrderId.value === 'number')
      ? String(retailerOrderId.value)
      : null;
  if (souk === null) return null;
  const status = text(order, 'status');
  const mapped = status !== null && status in ORDER_STATUSES ? ORDER_STATUSES[status]! : null;
  const id = integer(order, 'id');
  return {
    retailerOrderId: souk,
    reference: id === null ? null : String(id),
    status: mapped,
    ...(mapped === 'shipped' || mapped === 'delivered' ? { tracking: tracking(meta) } : {}),
    ...(mapped === 'cancelled' || mapped === 'refused' ? { reason: `the order is ${status} in WooCommerce` } : {}),
  };
}

/** The latest entry of the Shipment Tracking meta: provider (custom or predefined), number and link. */
function tracking(meta: readonly Json[]): ExternalOrderUpdate['tracking'] {
  const entry = meta.find((each) => text(each, 'key') === SHIPMENT_TRACKING_META);
  // A PHP array with gaps in its keys (an entry deleted) arrives as a JSON object.
  const value = entry?.value;
  const items = (Array.isArray(value) ? value : isObject(value) ? Object.values(value) : []).filter(isObject);
  const latest = items.at(-1);
  if (!latest) return null;
  const carrier = text(latest, 'custom_tracking_provider') ?? text(latest, 'tracking_provider');
  const number = text(latest, 'tracking_number');
  const url = text(latest, 'custom_tracking_link');
  if (carrier === null && number === null && url === null) return null;
  return { carrier, number, url: url !== null && /^https?:\/\//i.test(url) ? url : null };
}
