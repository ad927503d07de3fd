import {
  ConnectorError,
  HttpRequestError,
  OrderRejectedError,
  type OutboundOrder,
  type PlacedOrder,
} from '#connector-sdk';
import { currencyExponent } from '#domain';
import { parseItemId } from './item-id.js';
import {
  answerFailure,
  apiUrl,
  requestFailure,
  totalPages,
  wooRequest,
  wpError,
  type WooAnswer,
  type WooContext,
} from './wc-http.js';
import { integer, isObject, objects, text, wooGmt, type Json } from './wc-json.js';

/** The order meta that carries Souk's retailer order id: the idempotency key of `place`. */
export const RETAILER_ORDER_META = '_souk_retailer_order_id';
export const ORDER_META = '_souk_order_id';

/** How long before Souk's `placedAt` the lookup starts, for clocks that disagree. */
const LOOKBACK_MS = 5 * 60_000;
const PER_PAGE = 100;

export interface PlaceOptions {
  /** How long a POST /orders may take before the attempt gives up (and the next one looks the order up). */
  readonly createTimeoutMs: number;
}

interface Line {
  readonly productId: number;
  readonly variationId: number | null;
  readonly quantity: number;
}

/**
 * Places the order once, whatever happens to the attempts: first it looks for an order carrying
 * this retailer order id in its meta data (WooCommerce's REST API cannot filter orders by meta, so
 * it pages through the orders created since `placedAt` less five minutes, newest first); only
 * when there is none does it POST the order, as `processing` and unpaid (see README.md), without
 * retries. An answer that leaves it unknown whether the order was created (a timeout, a 5xx, an
 * HTML error page) is followed by one more lookup, then thrown as a transient error, so that Souk's
 * next attempt starts with the lookup.
 */
export async function placeWooOrder(
  context: WooContext,
  order: OutboundOrder,
  options: PlaceOptions,
): Promise<PlacedOrder> {
  const lines = order.lines.map((line) => {
    const parsed = parseItemId(line.retailerItemId);
    if (!parsed)
      throw new OrderRejectedError(
        `"${line.retailerItemId}" is not a WooCommerce item id (a product id, or "product-variation" ids).`,
      );
    return { ...parsed, quantity: line.quantity };
  });
  if (lines.length === 0) throw new OrderRejectedError('The order has no lines.');

  const existing = await findOrder(context, order);
  if (existing) return confirmed(context, existing);

  const outcome = await createOrder(context, order, lines, options);
  if ('created' in outcome) return confirmed(context, outcome.created);
  const found = await findOrder(context, order);
  if (found) return confirmed(context, found);
  throw outcome.failure;
}

/** The order in WooCommerce that carries this retailer order id, or null. */
export async function findOrder(context: WooContext, order: OutboundOrder): Promise<Json | null> {
  const placedAt = Date.parse(order.placedAt);
  const after = wooGmt((Number.isNaN(placedAt) ? Date.now() - 24 * 3600_000 : placedAt) - LOOKBACK_MS);
  for (let page = 1; ; page++) {
    context.signal.throwIfAborted();
    const params = {
      after,
      dates_are_gmt: true,
      orderby: 'date',
      order: 'desc',
      per_page: PER_PAGE,
      page,
      include_meta: RETAILER_ORDER_META,
      _fields: 'id,number,status,meta_data,line_items',
    };
    let answer: WooAnswer;
    try {
      answer = await wooRequest(context, { path: 'orders', params });
    } catch (error) {
      context.signal.throwIfAborted();
      throw transient(requestFailure(error, context.settings));
    }
    if (answer.status !== 200 || !Array.isArray(answer.json)) throw transient(answerFailure(answer, context.settings));
    const orders = answer.json.filter(isObject);
    const match = orders.find((each) =>
      objects(each, 'meta_data').some(
        (meta) => text(meta, 'key') === RETAILER_ORDER_META && String(meta.value) === order.retailerOrderId,
      ),
    );
    if (match) return match;
    const pages = totalPages(answer);
    if (orders.length === 0 || (pages !== null ? page >= pages : orders.length < PER_PAGE)) return null;
  }
}

type CreateOutcome = { readonly created: Json } | { readonly failure: Error };

async function createOrder(
  context: WooContext,
  order: OutboundOrder,
  lines: readonly Line[],
  options: PlaceOptions,
): Promise<CreateOutcome> {
  const url = apiUrl(context.settings, 'orders');
  // The SDK client would send the POST again after a timeout; this deadline ends the attempt
  // instead, and the lookup decides whether the order exists.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error('deadline')), options.createTimeoutMs);
  const cancel = () => deadline.abort(context.signal.reason);
  context.signal.addEventListener('abort', cancel, { once: true });
  let answer: WooAnswer;
  try {
    answer = await wooRequest(context, {
      method: 'POST',
      path: 'orders',
      body: orderBody(order, lines),
      retry: 'none',
      timeoutMs: 0,
      signal: deadline.signal,
    });
  } catch (error) {
    context.signal.throwIfAborted();
    const failure = requestFailure(error, context.settings);
    if (failure instanceof ConnectorError && failure.reason !== 'unreachable') throw failure;
    const why = deadline.signal.aborted
      ? `got no answer within ${Math.round(options.createTimeoutMs / 100) / 10} s`
      : failure instanceof Error
        ? failure.message
        : String(failure);
    return {
      failure: new Error(
        `POST ${url} ${why}; the order may have been created: the next attempt looks it up before creating it.`,
      ),
    };
  } finally {
    clearTimeout(timer);
    context.signal.removeEventListener('abort', cancel);
  }

  const error = wpError(answer.json);
  if (answer.status >= 200 && answer.status < 300 && isObject(answer.json) && integer(answer.json, 'id') !== null)
    return { created: answer.json };
  if (answer.status === 401 || answer.status === 403) throw answerFailure(answer, context.settings, { write: true });
  if (
    (answer.status >= 300 && answer.status < 400) ||
    (answer.status === 404 && (!error || error.code === 'rest_no_route'))
  )
    throw answerFailure(answer, context.settings);
  if (answer.status === 408 || answer.status === 425 || answer.status === 429) {
    return {
      failure: new HttpRequestError({
        method: 'POST',
        url,
        status: answer.status,
        code: null,
        attempts: 1,
        outcome: `answered ${answer.status}`,
      }),
    };
  }
  if (answer.status >= 400 && answer.status < 500 && error) {
    if (
      error.code === 'woocommerce_rest_invalid_product_id' ||
      error.code === 'woocommerce_rest_required_product_reference'
    ) {
      throw new OrderRejectedError(
        `WooCommerce does not know a product of this order (${error.code}: ${error.message}); ` +
          `the catalog may be out of date.`,
      );
    }
    throw new OrderRejectedError(
      `WooCommerce refused the order ` +
        `(HTTP ${answer.status}, ${error.code}${error.message ? `: ${error.message}` : ''}).`,
    );
  }
  // A 5xx, an HTML error page or an unreadable 2xx: the order may or may not exist.
  return {
    failure: new HttpRequestError({
      method: 'POST',
      url,
      status: answer.status >= 500 ? answer.status : 502,
      code: null,
      attempts: 1,
      outcome:
        `answered ${answer.status}${error ? ` (${error.code})` : ''}; ` +
        `the order may have been created: the next attempt looks it up before creating it`,
    }),
  };
}

/**
 * The reference of an order found or created, once its lines are checked: WooCommerce core keeps a
 * line whose product does not exist, without a product and at zero (woocommerce/woocommerce#50698).
 * Such an order is cancelled in WooCommerce so that nobody ships it, and refused.
 */
async function confirmed(context: WooContext, created: Json): Promise<PlacedOrder> {
  const id = integer(created, 'id')!;
  const lost = objects(created, 'line_items').filter((line) => integer(line, 'product_id') === 0);
  if (lost.length === 0) return { reference: String(id) };
  if (text(created, 'status') !== 'cancelled') {
    const answer = await wooRequest(context, {
      method: 'PUT',
      path: `orders/${id}`,
      body: { status: 'cancelled' },
      retry: 'none',
    }).catch(() => null);
    if (!answer || answer.status >= 300)
      context.log('WooCommerce order with unknown products could not be cancelled', {
        orderId: id,
        status: answer?.status ?? null,
      });
  }
  const number = text(created, 'number') ?? String(id);
  throw new OrderRejectedError(
    `WooCommerce does not know ${lost.length === 1 ? 'a product' : `${lost.length} products`} of this order: ` +
      `it created order #${number} without ${lost.length === 1 ? 'it' : 'them'}, which was cancelled. ` +
      `The catalog may be out of date.`,
  );
}

/** Failures of the lookup that a later attempt may not meet (an HTML page, a network error) are transient. */
function transient(error: unknown): unknown {
  if (error instanceof ConnectorError && (error.reason === 'format' || error.reason === 'source'))
    return new Error(error.message, { cause: error });
  return error;
}

/** The customer's name as WooCommerce's first and last name: the first word, then the rest. */
export function splitName(name: string): { first_name: string; last_name: string } {
  const words = name.trim().split(/\s+/);
  return { first_name: words[0] ?? '', last_name: words.slice(1).join(' ') };
}

function formatMinorText(minor: string, currency: string): string | null {
  try {
    const exponent = currencyExponent(currency);
    const digits = minor.replace(/^0+(?=\d)/, '').padStart(exponent + 1, '0');
    return exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  } catch {
    return null;
  }
}

export function orderBody(order: OutboundOrder, lines: readonly Line[]): Record<string, unknown> {
  const address = order.shippingAddress;
  const place = {
    company: '',
    address_1: address.line1,
    address_2: address.line2 ?? '',
    city: address.city,
    state: address.region ?? '',
    postcode: address.postalCode,
    country: address.country,
  };
  const phone = order.customer.phone ?? '';
  const total = /^\d+$/.test(order.totalMinor) ? formatMinorText(order.totalMinor, order.currency) : null;
  const totalNote = total ? ` Total in Souk: ${total} ${order.currency}.` : '';
  return {
    status: 'processing',
    set_paid: false,
    currency: order.currency,
    payment_method: 'souk',
    payment_method_title: 'Souk (not paid through WooCommerce)',
    customer_note: `Ordered through Souk, order ${order.orderId}.${totalNote}`,
    billing: {
      ...splitName(order.customer.name),
      ...place,
      ...(order.customer.email ? { email: order.customer.email } : {}),
      phone,
    },
    shipping: { ...splitName(address.name), ...place, phone },
    line_items: lines.map((line) => ({
      product_id: line.productId,
      ...(line.variationId !== null ? { variation_id: line.variationId } : {}),
      quantity: line.quantity,
    })),
    meta_data: [
      { key: RETAILER_ORDER_META, value: order.retailerOrderId },
      { key: ORDER_META, value: order.orderId },
    ],
  };
}
