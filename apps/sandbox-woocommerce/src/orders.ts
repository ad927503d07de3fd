import { randomBytes } from 'node:crypto';
import { activePrice, type StoredProduct, type StoredVariation } from './catalog.js';
import { RestError, SiteClock, formatCents, invalidParam, parseCents } from './wp-rest.js';

export const ORDER_STATUSES = [
  'pending',
  'processing',
  'on-hold',
  'completed',
  'cancelled',
  'refunded',
  'failed',
  'checkout-draft',
  'trash',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const ADDRESS_FIELDS = [
  'first_name',
  'last_name',
  'company',
  'address_1',
  'address_2',
  'city',
  'state',
  'postcode',
  'country',
] as const;

export interface StoredMeta {
  readonly id: number;
  readonly key: string;
  value: unknown;
}

export interface StoredLine {
  readonly id: number;
  readonly name: string;
  readonly productId: number;
  readonly variationId: number;
  readonly quantity: number;
  readonly unitCents: number;
  readonly sku: string;
  readonly parentName: string | null;
}

export interface StoredOrder {
  readonly id: number;
  readonly orderKey: string;
  status: OrderStatus;
  currency: string;
  readonly createdGmt: number;
  modifiedGmt: number;
  paidGmt: number | null;
  completedGmt: number | null;
  customerNote: string;
  billing: Record<string, string>;
  shipping: Record<string, string>;
  paymentMethod: string;
  paymentMethodTitle: string;
  transactionId: string;
  readonly lineItems: StoredLine[];
  readonly meta: StoredMeta[];
  /** Private order notes, as the admin adds them with a status change. */
  readonly notes: string[];
}

export interface ProductLookup {
  /** What wc_get_product() finds for an id: a product, or a variation with its parent. */
  find(id: number): { product: StoredProduct; variation: StoredVariation | null } | null;
}

/** What the sandbox does with a line item whose product does not exist. */
export type UnknownProductOrders = 'reject' | 'empty-line';

type Body = Record<string, unknown>;

function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function integer(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return 0;
}

function address(
  value: unknown,
  name: 'billing' | 'shipping',
  previous: Record<string, string>,
): Record<string, string> {
  if (value === undefined || value === null) return previous;
  if (!isObject(value)) throw invalidParam(name, `${name} is not of type object.`, 'rest_invalid_type');
  const fields = name === 'billing' ? [...ADDRESS_FIELDS, 'email', 'phone'] : [...ADDRESS_FIELDS, 'phone'];
  const result = { ...previous };
  for (const field of fields) {
    const text = value[field];
    if (text === undefined || text === null) continue;
    if (typeof text !== 'string')
      throw invalidParam(name, `${name}[${field}] is not of type string.`, 'rest_invalid_type');
    result[field] = text;
  }
  if (name === 'billing' && result.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(result.email)) {
    throw invalidParam(name, 'billing[email] is not a valid email address.', 'rest_invalid_email');
  }
  return result;
}

function emptyAddress(name: 'billing' | 'shipping'): Record<string, string> {
  const fields = name === 'billing' ? [...ADDRESS_FIELDS, 'email', 'phone'] : [...ADDRESS_FIELDS, 'phone'];
  return Object.fromEntries(fields.map((field) => [field, '']));
}

function status(value: unknown): OrderStatus {
  if (typeof value !== 'string' || !(ORDER_STATUSES as readonly string[]).includes(value)) {
    throw invalidParam('status', `status is not one of ${ORDER_STATUSES.join(', ')}.`, 'rest_not_in_enum');
  }
  return value as OrderStatus;
}

/** The orders of the store: creation and updates as the wc/v3 orders controller does them, and their JSON. */
export class OrderBook {
  readonly orders = new Map<number, StoredOrder>();
  private nextItemId = 1;
  private nextMetaId = 1;

  constructor(
    private readonly clock: SiteClock,
    private readonly currency: string,
    private readonly products: ProductLookup,
    private readonly unknownProducts: () => UnknownProductOrders,
  ) {}

  /** POST /orders. Throws RestError for what WooCommerce refuses. */
  create(id: number, body: unknown, now: number): StoredOrder {
    if (!isObject(body)) throw new RestError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
    const lines = this.lines(body.line_items, now);
    const order: StoredOrder = {
      id,
      orderKey: `wc_order_${randomBytes(7).toString('base64url')}`,
      status: 'pending',
      currency: typeof body.currency === 'string' && /^[A-Z]{3}$/.test(body.currency) ? body.currency : this.currency,
      createdGmt: now,
      modifiedGmt: now,
      paidGmt: null,
      completedGmt: null,
      customerNote: typeof body.customer_note === 'string' ? body.customer_note : '',
      billing: address(body.billing, 'billing', emptyAddress('billing')),
      shipping: address(body.shipping, 'shipping', emptyAddress('shipping')),
      paymentMethod: typeof body.payment_method === 'string' ? body.payment_method : '',
      paymentMethodTitle: typeof body.payment_method_title === 'string' ? body.payment_method_title : '',
      transactionId: typeof body.transaction_id === 'string' ? body.transaction_id : '',
      lineItems: lines,
      meta: [],
      notes: [],
    };
    this.setMeta(order, body.meta_data);
    if (body.status !== undefined && body.status !== null && body.status !== '')
      this.setStatus(order, status(body.status), now);
    if (body.set_paid === true) {
      order.paidGmt = now;
      if (['pending', 'on-hold', 'failed'].includes(order.status)) this.setStatus(order, 'processing', now);
    }
    this.orders.set(id, order);
    return order;
  }

  /** PUT /orders/{id}: status, customer note, addresses and meta data. */
  update(order: StoredOrder, body: unknown, now: number): StoredOrder {
    if (!isObject(body)) throw new RestError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
    if (body.status !== undefined && body.status !== null && body.status !== '')
      this.setStatus(order, status(body.status), now);
    if (typeof body.customer_note === 'string') order.customerNote = body.customer_note;
    order.billing = address(body.billing, 'billing', order.billing);
    order.shipping = address(body.shipping, 'shipping', order.shipping);
    this.setMeta(order, body.meta_data);
    order.modifiedGmt = now;
    return order;
  }

  setStatus(order: StoredOrder, next: OrderStatus, now: number): void {
    order.status = next;
    order.modifiedGmt = now;
    if (next === 'completed') order.completedGmt = now;
  }

  /** update_meta_data: a key that exists is replaced, else added with a new meta id. */
  setMeta(order: StoredOrder, entries: unknown): void {
    if (entries === undefined || entries === null) return;
    if (!Array.isArray(entries))
      throw invalidParam('meta_data', 'meta_data is not of type array.', 'rest_invalid_type');
    for (const entry of entries) {
      if (!isObject(entry) || typeof entry.key !== 'string') continue;
      const existing = order.meta.find((meta) => meta.key === entry.key);
      if (existing) existing.value = entry.value ?? null;
      else order.meta.push({ id: this.nextMetaId++, key: entry.key, value: entry.value ?? null });
    }
  }

  private lines(value: unknown, now: number): StoredLine[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value))
      throw invalidParam('line_items', 'line_items is not of type array.', 'rest_invalid_type');
    return value.filter(isObject).map((posted) => {
      const variationId = integer(posted.variation_id);
      const productId = integer(posted.product_id);
      // WC_REST_Orders_V2_Controller::get_product_id: the variation when one is given, else the product.
      const reference = variationId || productId;
      if (reference === 0)
        throw new RestError(400, 'woocommerce_rest_required_product_reference', 'Product ID or SKU is required.');
      const quantity = posted.quantity === undefined ? 1 : integer(posted.quantity);
      if (quantity < 1)
        throw invalidParam('line_items', 'line_items[0][quantity] must be greater than 0.', 'rest_out_of_bounds');
      const found = this.products.find(reference);
      if (!found) {
        if (this.unknownProducts() === 'reject')
          throw new RestError(400, 'woocommerce_rest_invalid_product_id', 'Product ID provided is invalid.');
        // WooCommerce core keeps such a line, without a product and priced at zero (woocommerce/woocommerce#50698).
        return {
          id: this.nextItemId++,
          name: '',
          productId: 0,
          variationId: 0,
          quantity,
          unitCents: 0,
          sku: '',
          parentName: null,
        };
      }
      const { product, variation } = found;
      const priced = variation ?? product;
      const name = variation
        ? `${product.name} - ${variation.attributes.map((attribute) => attribute.option).join(', ')}`
        : product.name;
      return {
        id: this.nextItemId++,
        name,
        productId: product.id,
        variationId: variation?.id ?? 0,
        quantity,
        unitCents: parseCents(activePrice(priced, now)) ?? 0,
        sku: priced.sku,
        parentName: variation ? product.name : null,
      };
    });
  }

  render(order: StoredOrder, siteUrl: string): Record<string, unknown> {
    const { clock } = this;
    const total = order.lineItems.reduce((sum, line) => sum + line.unitCents * line.quantity, 0);
    const date = (prefix: string, epoch: number | null) => ({
      [prefix]: epoch === null ? null : clock.local(epoch),
      [`${prefix}_gmt`]: epoch === null ? null : clock.gmt(epoch),
    });
    return {
      id: order.id,
      parent_id: 0,
      status: order.status,
      currency: order.currency,
      version: '9.8.0',
      prices_include_tax: false,
      ...date('date_created', order.createdGmt),
      ...date('date_modified', order.modifiedGmt),
      discount_total: '0.00',
      discount_tax: '0.00',
      shipping_total: '0.00',
      shipping_tax: '0.00',
      cart_tax: '0.00',
      total: formatCents(total),
      total_tax: '0.00',
      customer_id: 0,
      order_key: order.orderKey,
      billing: order.billing,
      shipping: order.shipping,
      payment_method: order.paymentMethod,
      payment_method_title: order.paymentMethodTitle,
      transaction_id: order.transactionId,
      customer_ip_address: '',
      customer_user_agent: '',
      created_via: 'rest-api',
      customer_note: order.customerNote,
      ...date('date_completed', order.completedGmt),
      ...date('date_paid', order.paidGmt),
      cart_hash: '',
      number: String(order.id),
      meta_data: order.meta.map((meta) => ({ id: meta.id, key: meta.key, value: meta.value })),
      line_items: order.lineItems.map((line) => ({
        id: line.id,
        name: line.name,
        product_id: line.productId,
        variation_id: line.variationId,
        quantity: line.quantity,
        tax_class: '',
        subtotal: formatCents(line.unitCents * line.quantity),
        subtotal_tax: '0.00',
        total: formatCents(line.unitCents * line.quantity),
        total_tax: '0.00',
        taxes: [],
        meta_data: [],
        sku: line.sku,
        price: line.unitCents / 100,
        image: { id: '', src: '' },
        parent_name: line.parentName,
      })),
      tax_lines: [],
      shipping_lines: [],
      fee_lines: [],
      coupon_lines: [],
      refunds: [],
      payment_url: `${siteUrl}/checkout/order-pay/${order.id}/?pay_for_order=true&key=${order.orderKey}`,
      is_editable: ['pending', 'on-hold', 'checkout-draft'].includes(order.status),
      needs_payment: order.paidGmt === null && ['pending', 'failed'].includes(order.status) && total > 0,
      needs_processing: true,
      _links: {
        self: [{ href: `${siteUrl}/wp-json/wc/v3/orders/${order.id}` }],
        collection: [{ href: `${siteUrl}/wp-json/wc/v3/orders` }],
      },
    };
  }
}
