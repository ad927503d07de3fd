import {
  ConnectorError,
  HttpRequestError,
  OrderRejectedError,
  type OutboundOrder,
  type PlacedOrder,
} from '#connector-sdk';
import { formatMinor, isCurrencyCode } from '#domain';
import { adminUrl, listPages, refusal, shopifyMessage, shopifyRequest, type ShopifyContext } from './admin-api.js';
import type { ShopifyOrder } from './shopify-types.js';

/** The note attribute that carries Souk's retailer order id on the Shopify order. */
export const RETAILER_ORDER_ATTRIBUTE = 'souk_retailer_order_id';
export const ORDER_TAG_PREFIX = 'souk-';
/** How far before the order's placedAt the look-up for an earlier attempt's order starts. */
const LOOKUP_MARGIN_MS = 5 * 60_000;
const REFUSALS_EXPLAINED = new Set([401, 402, 403, 404, 423]);

/**
 * Places the order in Shopify once, whatever the number of attempts. Every attempt first looks for
 * an order that an earlier attempt created (orders since placedAt minus 5 minutes, any status,
 * matched by the note attribute souk_retailer_order_id or the tag souk-<id>), and creates one only
 * when there is none. The create itself is never retried here or by the HTTP client (a timeout or
 * a 5xx may hide an order Shopify created): it fails, and Souk's next attempt finds that order.
 */
export async function placeOrder(
  context: ShopifyContext,
  order: OutboundOrder,
  timeoutMs: number,
): Promise<PlacedOrder> {
  const existing = await findPlacedOrder(context, order);
  if (existing !== null) {
    context.log('Shopify order found from an earlier attempt', {
      retailerOrderId: order.retailerOrderId,
      reference: existing,
    });
    return { reference: existing };
  }
  const url = adminUrl(context.settings, 'orders');
  const body = orderBody(order);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  let response;
  try {
    response = await shopifyRequest<{ order?: ShopifyOrder }>(context, {
      method: 'POST',
      url,
      data: body,
      signal: controller.signal,
      // The timer above is the timeout: the client retries its own timeouts, and a retried create could create twice.
      timeout: 0,
      // Only 429 is safe to retry (Shopify did nothing); every other answer comes back here.
      validateStatus: (status) => status !== 429,
    });
  } catch (error) {
    if (controller.signal.aborted && !context.signal.aborted) {
      throw new ConnectorError(
        `Shopify did not answer the order within ${timeoutMs / 1000} s (POST ${url}). ` +
          `It may have created it: the next attempt looks for it before creating another.`,
        'unreachable',
        { cause: error },
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const { status, data } = response;
  if (status >= 200 && status < 300) {
    const id = data?.order?.id;
    if (id === undefined || id === null || id === '')
      throw new Error(`Shopify answered ${status} to POST ${url} without an order id`);
    return { reference: String(id) };
  }
  if (status === 422)
    throw new OrderRejectedError(`Shopify refused the order (HTTP 422): ${shopifyMessage(data) || 'no reason given'}`);
  if (REFUSALS_EXPLAINED.has(status)) throw refusal(status, data, url);
  const said = shopifyMessage(data);
  throw new HttpRequestError({
    method: 'POST',
    url,
    status,
    code: null,
    attempts: 1,
    outcome: `answered ${status}${said ? ` (${said})` : ''}`,
  });
}

/** The id of the order an earlier attempt created, or null. */
async function findPlacedOrder(context: ShopifyContext, order: OutboundOrder): Promise<string | null> {
  const placedAt = Date.parse(order.placedAt);
  const since = new Date((Number.isNaN(placedAt) ? Date.now() : placedAt) - LOOKUP_MARGIN_MS).toISOString();
  const query = { status: 'any', created_at_min: since, fields: 'id,name,note_attributes,tags', limit: 250 };
  for await (const { body } of listPages<{ orders?: ShopifyOrder[] }>(context, 'orders', query)) {
    const found = (body.orders ?? []).find((candidate) => carriesRetailerOrderId(candidate, order.retailerOrderId));
    if (found?.id != null) return String(found.id);
  }
  return null;
}

/** Souk's retailer order id as the order carries it: the note attribute, else the souk-<id> tag; null when neither. */
export function retailerOrderIdOf(order: ShopifyOrder): string | null {
  const attribute = (order.note_attributes ?? []).find((candidate) => candidate?.name === RETAILER_ORDER_ATTRIBUTE);
  if (typeof attribute?.value === 'string' && attribute.value !== '') return attribute.value;
  const tag = (order.tags ?? '')
    .split(',')
    .map((each) => each.trim())
    .find((each) => each.startsWith(ORDER_TAG_PREFIX) && each.length > ORDER_TAG_PREFIX.length);
  return tag ? tag.slice(ORDER_TAG_PREFIX.length) : null;
}

function carriesRetailerOrderId(order: ShopifyOrder, retailerOrderId: string): boolean {
  const attribute = (order.note_attributes ?? []).some(
    (candidate) => candidate?.name === RETAILER_ORDER_ATTRIBUTE && candidate.value === retailerOrderId,
  );
  const tags = (order.tags ?? '').split(',').map((each) => each.trim());
  return attribute || tags.includes(`${ORDER_TAG_PREFIX}${retailerOrderId}`);
}

/**
 * The POST /orders.json body. Souk took no payment, so the order is pending and Shopify sends the
 * customer nothing; stock is decremented as the variant's inventory policy allows (an item out of
 * stock that may not be oversold is a 422). Each line carries the price the customer agreed to.
 */
export function orderBody(order: OutboundOrder): { order: Record<string, unknown> } {
  const { first, last } = splitName(order.customer.name);
  const address = order.shippingAddress;
  const recipient = splitName(address.name);
  return {
    order: {
      line_items: order.lines.map((line) => ({
        variant_id: variantId(line.retailerItemId, line.title),
        quantity: line.quantity,
        ...linePrice(line.unitPriceMinor, order.currency),
      })),
      customer: {
        ...(first ? { first_name: first } : {}),
        last_name: last,
        ...(order.customer.email ? { email: order.customer.email } : {}),
      },
      ...(order.customer.email ? { email: order.customer.email } : {}),
      ...(order.customer.phone ? { phone: order.customer.phone } : {}),
      shipping_address: {
        ...(recipient.first ? { first_name: recipient.first } : {}),
        last_name: recipient.last,
        address1: address.line1,
        ...(address.line2 ? { address2: address.line2 } : {}),
        city: address.city,
        ...(address.region ? { province: address.region } : {}),
        zip: address.postalCode,
        country_code: address.country,
        ...(order.customer.phone ? { phone: order.customer.phone } : {}),
      },
      note: `Placed through Souk (order ${order.orderId}).`,
      note_attributes: [
        { name: RETAILER_ORDER_ATTRIBUTE, value: order.retailerOrderId },
        { name: 'souk_order_id', value: order.orderId },
      ],
      tags: `souk, ${ORDER_TAG_PREFIX}${order.retailerOrderId}`,
      currency: order.currency,
      financial_status: 'pending',
      send_receipt: false,
      send_fulfillment_receipt: false,
      inventory_behaviour: 'decrement_obeying_policy',
    },
  };
}

/** "Ada Lovelace King" gives first "Ada Lovelace", last "King"; one word is the last name (Shopify wants one). */
export function splitName(name: string): { first: string; last: string } {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length <= 1) return { first: '', last: words[0] ?? '' };
  return { first: words.slice(0, -1).join(' '), last: words.at(-1)! };
}

function variantId(retailerItemId: string, title: string): number {
  const id = /^\d{1,16}$/.test(retailerItemId.trim()) ? Number(retailerItemId.trim()) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new OrderRejectedError(`"${title}" has the item id ${retailerItemId}, which is not a Shopify variant id.`);
  return id;
}

function linePrice(unitPriceMinor: string, currency: string): { price?: string } {
  const minor = /^\d+$/.test(unitPriceMinor) ? Number(unitPriceMinor) : NaN;
  if (!Number.isSafeInteger(minor) || !isCurrencyCode(currency)) return {};
  return { price: formatMinor(minor, currency) };
}
