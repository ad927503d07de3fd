import { randomUUID } from 'node:crypto';
import { ApiError } from './listing.js';
import { gid, type IdSequence } from './product-builder.js';
import { fromCents, shopTime, toCents } from './shop-clock.js';
import type {
  FinancialStatus,
  ShopifyAddress,
  ShopifyFulfillment,
  ShopifyLineItem,
  ShopifyNoteAttribute,
  ShopifyOrder,
  ShopifyProduct,
  ShopifyVariant,
} from './shopify-types.js';

const FINANCIAL_STATUSES: readonly FinancialStatus[] = [
  'pending',
  'authorized',
  'partially_paid',
  'paid',
  'partially_refunded',
  'refunded',
  'voided',
];
const INVENTORY_BEHAVIOURS = ['bypass', 'decrement_ignoring_policy', 'decrement_obeying_policy'];
export const CANCEL_REASONS = ['customer', 'inventory', 'fraud', 'declined', 'other'] as const;

export interface Tracking {
  readonly tracking_company?: string | null;
  readonly tracking_number?: string | null;
  readonly tracking_url?: string | null;
}

type Fields = Record<string, unknown>;

/** The shop's orders: created from a POST body as Shopify checks it, then cancelled or fulfilled. */
export class OrderBook {
  private readonly orders: ShopifyOrder[] = [];

  constructor(
    private readonly ids: IdSequence,
    private readonly variants: (id: number) => { product: ShopifyProduct; variant: ShopifyVariant } | undefined,
    private readonly currency: string,
    private readonly shopDomain: string,
  ) {}

  all(): readonly ShopifyOrder[] {
    return this.orders;
  }

  get(id: number): ShopifyOrder | undefined {
    return this.orders.find((order) => order.id === id);
  }

  /** Checks a POST /orders.json body and creates the order; throws ApiError (400, 422) as Shopify does. */
  create(body: unknown, now: number): ShopifyOrder {
    const input = (isFields(body) ? body.order : undefined) as unknown;
    if (!isFields(input)) throw new ApiError(400, { order: 'Required parameter missing or invalid' });
    const lines = this.lineItems(input);
    const financialStatus = (input.financial_status ?? 'pending') as FinancialStatus;
    if (!FINANCIAL_STATUSES.includes(financialStatus))
      throw new ApiError(422, { financial_status: ['is not included in the list'] });
    const behaviour = typeof input.inventory_behaviour === 'string' ? input.inventory_behaviour : 'bypass';
    if (!INVENTORY_BEHAVIOURS.includes(behaviour))
      throw new ApiError(422, { inventory_behaviour: ['is not included in the list'] });
    const email =
      optionalText(input.email) ?? optionalText(isFields(input.customer) ? input.customer.email : undefined);
    if (email !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new ApiError(422, { email: ['is invalid'] });
    if (behaviour === 'decrement_obeying_policy') {
      const short = lines.find(
        ({ variant, quantity }) =>
          variant.inventory_management === 'shopify' &&
          variant.inventory_policy === 'deny' &&
          variant.inventory_quantity < quantity,
      );
      if (short)
        throw new ApiError(422, {
          line_items: [
            `${short.name} is out of stock: ${Math.max(0, short.variant.inventory_quantity)} available, ` +
              `${short.quantity} ordered`,
          ],
        });
    }
    if (behaviour !== 'bypass') {
      for (const { variant, quantity } of lines) {
        if (variant.inventory_management === 'shopify') {
          variant.old_inventory_quantity = variant.inventory_quantity;
          variant.inventory_quantity -= quantity;
        }
      }
    }
    const time = shopTime(now);
    const id = this.ids.next('order');
    const number = this.orders.length + 1;
    const lineItems: ShopifyLineItem[] = lines.map((line) => ({
      id: this.ids.next('lineItem'),
      admin_graphql_api_id: '',
      variant_id: line.variant.id,
      product_id: line.product.id,
      title: line.product.title,
      variant_title: line.variant.title === 'Default Title' ? null : line.variant.title,
      name: line.name,
      sku: line.variant.sku,
      vendor: line.product.vendor,
      quantity: line.quantity,
      fulfillable_quantity: line.quantity,
      price: fromCents(line.priceCents),
      requires_shipping: line.variant.requires_shipping,
      taxable: line.variant.taxable,
      fulfillment_status: null,
    }));
    for (const line of lineItems) line.admin_graphql_api_id = gid('LineItem', line.id);
    const subtotal = lines.reduce((sum, line) => sum + line.priceCents * line.quantity, 0);
    const customerInput = isFields(input.customer) ? input.customer : null;
    const order: ShopifyOrder = {
      id,
      admin_graphql_api_id: gid('Order', id),
      name: `#${1000 + number}`,
      order_number: 1000 + number,
      number,
      email,
      contact_email: email,
      phone: optionalText(input.phone),
      created_at: time,
      updated_at: time,
      processed_at: time,
      closed_at: null,
      cancelled_at: null,
      cancel_reason: null,
      currency: optionalText(input.currency) ?? this.currency,
      financial_status: financialStatus,
      fulfillment_status: null,
      confirmed: true,
      test: input.test === true,
      tags: normalizeTags(input.tags),
      note: optionalText(input.note),
      note_attributes: noteAttributes(input.note_attributes),
      source_name: optionalText(input.source_name) ?? 'api',
      subtotal_price: fromCents(subtotal),
      total_price: fromCents(subtotal),
      total_tax: '0.00',
      total_discounts: '0.00',
      line_items: lineItems,
      customer: customerInput
        ? {
            id: this.ids.next('customer'),
            first_name: optionalText(customerInput.first_name),
            last_name: optionalText(customerInput.last_name),
            email: optionalText(customerInput.email) ?? email,
            phone: optionalText(customerInput.phone),
            created_at: time,
            updated_at: time,
          }
        : null,
      shipping_address: address(input.shipping_address),
      billing_address: address(input.billing_address),
      fulfillments: [],
      order_status_url: `https://${this.shopDomain}/orders/${randomUUID().replaceAll('-', '')}/authenticate`,
    };
    this.orders.push(order);
    return order;
  }

  cancel(id: number, reason: string, now: number): ShopifyOrder {
    const order = this.mustGet(id);
    if (order.cancelled_at !== null)
      throw new ApiError(422, { base: ['Cannot cancel an order that has already been cancelled'] });
    if (!(CANCEL_REASONS as readonly string[]).includes(reason))
      throw new ApiError(422, { reason: ['is not included in the list'] });
    const time = shopTime(now);
    order.cancelled_at = time;
    order.cancel_reason = reason;
    order.closed_at = time;
    order.updated_at = time;
    if (order.financial_status === 'pending' || order.financial_status === 'authorized')
      order.financial_status = 'voided';
    return order;
  }

  fulfill(id: number, tracking: Tracking, now: number): ShopifyOrder {
    const order = this.mustGet(id);
    if (order.cancelled_at !== null) throw new ApiError(422, { base: ['Cannot fulfill a cancelled order'] });
    const time = shopTime(now);
    const fulfillmentId = this.ids.next('fulfillment');
    const number = tracking.tracking_number ?? null;
    const url = tracking.tracking_url ?? null;
    const fulfillment: ShopifyFulfillment = {
      id: fulfillmentId,
      order_id: order.id,
      status: 'success',
      shipment_status: null,
      tracking_company: tracking.tracking_company ?? null,
      tracking_number: number,
      tracking_numbers: number === null ? [] : [number],
      tracking_url: url,
      tracking_urls: url === null ? [] : [url],
      created_at: time,
      updated_at: time,
      line_items: order.line_items.map((line) => ({
        ...line,
        fulfillment_status: 'fulfilled',
        fulfillable_quantity: 0,
      })),
      admin_graphql_api_id: gid('Fulfillment', fulfillmentId),
    };
    for (const line of order.line_items) {
      line.fulfillment_status = 'fulfilled';
      line.fulfillable_quantity = 0;
    }
    order.fulfillments.push(fulfillment);
    order.fulfillment_status = 'fulfilled';
    order.updated_at = time;
    return order;
  }

  mustGet(id: number): ShopifyOrder {
    const order = this.get(id);
    if (!order) throw new ApiError(404, 'Not Found');
    return order;
  }

  private lineItems(
    input: Fields,
  ): { product: ShopifyProduct; variant: ShopifyVariant; quantity: number; priceCents: number; name: string }[] {
    const items = input.line_items;
    if (!Array.isArray(items) || items.length === 0)
      throw new ApiError(422, { line_items: ['must have at least one line item'] });
    return items.map((item: unknown, index) => {
      if (!isFields(item)) throw new ApiError(422, { line_items: [`line item ${index + 1} is invalid`] });
      const variantId =
        typeof item.variant_id === 'string' && /^\d+$/.test(item.variant_id)
          ? Number(item.variant_id)
          : item.variant_id;
      const found = typeof variantId === 'number' ? this.variants(variantId) : undefined;
      if (!found)
        throw new ApiError(422, { line_items: [`Unable to find variant with id: ${String(item.variant_id)}`] });
      const quantity = item.quantity;
      if (!Number.isSafeInteger(quantity) || (quantity as number) < 1)
        throw new ApiError(422, { line_items: [`quantity must be greater than or equal to 1`] });
      let priceCents = toCents(found.variant.price) ?? 0;
      if (item.price !== undefined) {
        const given =
          typeof item.price === 'string' || typeof item.price === 'number' ? toCents(String(item.price)) : null;
        if (given === null) throw new ApiError(422, { line_items: [`price is not a number`] });
        priceCents = given;
      }
      const name =
        found.variant.title === 'Default Title'
          ? found.product.title
          : `${found.product.title} - ${found.variant.title}`;
      return { ...found, quantity: quantity as number, priceCents, name };
    });
  }
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Shopify keeps tags as one comma-separated string, trimmed and without repeats. */
export function normalizeTags(tags: unknown): string {
  const list = Array.isArray(tags) ? tags.map(String) : typeof tags === 'string' ? tags.split(',') : [];
  return [...new Set(list.map((tag) => tag.trim()).filter((tag) => tag !== ''))].join(', ');
}

function noteAttributes(value: unknown): ShopifyNoteAttribute[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isFields)
    .map((attribute) => ({ name: String(attribute.name ?? ''), value: String(attribute.value ?? '') }));
}

function address(value: unknown): ShopifyAddress | null {
  if (!isFields(value)) return null;
  const first = optionalText(value.first_name);
  const last = optionalText(value.last_name);
  return {
    first_name: first,
    last_name: last,
    name: [first, last].filter((part) => part !== null).join(' '),
    address1: optionalText(value.address1),
    address2: optionalText(value.address2),
    city: optionalText(value.city),
    province: optionalText(value.province),
    zip: optionalText(value.zip),
    country_code: optionalText(value.country_code),
    phone: optionalText(value.phone),
    company: optionalText(value.company),
  };
}
