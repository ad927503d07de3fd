/** The events Souk sends to a retailer's order URL, as the retailer receives them. */

/** At least one of email and phone is set. */
export interface OrderCustomer {
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
}

export interface OrderAddress {
  readonly name: string;
  readonly line1: string;
  readonly line2: string | null;
  readonly postalCode: string;
  readonly city: string;
  readonly region: string | null;
  readonly country: string;
}

export interface OutboundOrderLine {
  readonly lineId: string;
  readonly retailerItemId: string;
  readonly title: string;
  readonly quantity: number;
  readonly unitPriceMinor: string;
  readonly lineTotalMinor: string;
}

export interface OutboundOrder {
  readonly retailerOrderId: string;
  readonly orderId: string;
  readonly placedAt: string;
  readonly currency: string;
  readonly totalMinor: string;
  readonly customer: OrderCustomer;
  readonly shippingAddress: OrderAddress;
  readonly lines: readonly OutboundOrderLine[];
}

export interface OrderCancellation {
  readonly retailerOrderId: string;
  /** Null when Souk never heard the retailer's reference (the order's answer timed out). */
  readonly reference: string | null;
  readonly reason: string | null;
}

export type OrderEvent =
  | { readonly type: 'retailer_order.created'; readonly timestamp: string; readonly data: OutboundOrder }
  | { readonly type: 'retailer_order.cancelled'; readonly timestamp: string; readonly data: OrderCancellation };

export class InvalidOrderEvent extends Error {}

type Fields = Record<string, unknown>;

const MINOR_UNITS = /^(0|[1-9]\d*)$/;

/** Parses and checks a received body; throws InvalidOrderEvent naming the first bad field. */
export function parseOrderEvent(body: string): OrderEvent {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new InvalidOrderEvent('The body is not JSON.');
  }
  const event = fields(json, 'body');
  const timestamp = date(event, 'timestamp', 'body');
  if (event.type === 'retailer_order.created')
    return { type: event.type, timestamp, data: outboundOrder(fields(event.data, 'data')) };
  if (event.type === 'retailer_order.cancelled') {
    const data = fields(event.data, 'data');
    return {
      type: event.type,
      timestamp,
      data: {
        retailerOrderId: text(data, 'retailerOrderId', 'data'),
        reference: optionalText(data, 'reference', 'data'),
        reason: optionalText(data, 'reason', 'data'),
      },
    };
  }
  throw new InvalidOrderEvent('type must be retailer_order.created or retailer_order.cancelled.');
}

/** Checks every field; the order is kept as received, so tests see exactly what Souk sent. */
function outboundOrder(data: Fields): OutboundOrder {
  for (const key of ['retailerOrderId', 'orderId']) text(data, key, 'data');
  date(data, 'placedAt', 'data');
  matching(data, 'currency', 'data', /^[A-Z]{3}$/);
  matching(data, 'totalMinor', 'data', MINOR_UNITS);
  const customer = fields(data.customer, 'data.customer');
  text(customer, 'name', 'data.customer');
  const email = optionalText(customer, 'email', 'data.customer');
  const phone = optionalText(customer, 'phone', 'data.customer');
  if (email === null && phone === null) throw new InvalidOrderEvent('data.customer needs an email or a phone.');
  const address = fields(data.shippingAddress, 'data.shippingAddress');
  for (const key of ['name', 'line1', 'postalCode', 'city']) text(address, key, 'data.shippingAddress');
  for (const key of ['line2', 'region']) optionalText(address, key, 'data.shippingAddress');
  matching(address, 'country', 'data.shippingAddress', /^[A-Z]{2}$/);
  if (!Array.isArray(data.lines) || data.lines.length === 0)
    throw new InvalidOrderEvent('data.lines must be a non-empty array.');
  data.lines.forEach((value: unknown, index) => {
    const path = `data.lines[${index}]`;
    const line = fields(value, path);
    for (const key of ['lineId', 'retailerItemId', 'title']) text(line, key, path);
    if (!Number.isSafeInteger(line.quantity) || (line.quantity as number) < 1)
      throw new InvalidOrderEvent(`${path}.quantity must be a positive integer.`);
    for (const key of ['unitPriceMinor', 'lineTotalMinor']) matching(line, key, path, MINOR_UNITS);
  });
  return data as unknown as OutboundOrder;
}

function fields(value: unknown, path: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidOrderEvent(`${path} must be an object.`);
  return value as Fields;
}

function text(from: Fields, key: string, path: string): string {
  const value = from[key];
  if (typeof value !== 'string' || value.trim() === '')
    throw new InvalidOrderEvent(`${path}.${key} must be a non-empty string.`);
  return value;
}

function optionalText(from: Fields, key: string, path: string): string | null {
  return from[key] === null || from[key] === undefined ? null : text(from, key, path);
}

function matching(from: Fields, key: string, path: string, pattern: RegExp): string {
  const value = text(from, key, path);
  if (!pattern.test(value)) throw new InvalidOrderEvent(`${path}.${key} must match ${pattern.source}.`);
  return value;
}

function date(from: Fields, key: string, path: string): string {
  const value = text(from, key, path);
  if (Number.isNaN(Date.parse(value))) throw new InvalidOrderEvent(`${path}.${key} must be an ISO 8601 date-time.`);
  return value;
}
