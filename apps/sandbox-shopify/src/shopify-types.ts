/**
 * The REST Admin API resources as the sandbox serves them: the fields a real shop answers with
 * (a subset of Shopify's, with Shopify's names and types: ids are numbers, money is a decimal
 * string, times are ISO 8601 with the shop's UTC offset, to the second).
 */

export type ProductStatus = 'active' | 'draft' | 'archived';

export interface ShopifyImage {
  id: number;
  product_id: number;
  position: number;
  src: string;
  alt: string | null;
  width: number;
  height: number;
  variant_ids: number[];
  created_at: string;
  updated_at: string;
  admin_graphql_api_id: string;
}

export interface ShopifyOption {
  id: number;
  product_id: number;
  name: string;
  position: number;
  values: string[];
}

export interface ShopifyVariant {
  id: number;
  product_id: number;
  title: string;
  /** A decimal string such as "19.99". */
  price: string;
  /** A decimal string, or null; may be "0.00" or not above price. */
  compare_at_price: string | null;
  sku: string | null;
  /** A GTIN, or anything the merchant typed, or "" or null. */
  barcode: string | null;
  position: number;
  option1: string | null;
  option2: string | null;
  option3: string | null;
  inventory_quantity: number;
  old_inventory_quantity: number;
  inventory_policy: 'deny' | 'continue';
  /** Null when Shopify does not track this variant's stock (it can always be sold). */
  inventory_management: 'shopify' | null;
  inventory_item_id: number;
  fulfillment_service: 'manual';
  requires_shipping: boolean;
  taxable: boolean;
  grams: number;
  weight: number;
  weight_unit: 'kg' | 'g' | 'lb' | 'oz';
  image_id: number | null;
  created_at: string;
  updated_at: string;
  admin_graphql_api_id: string;
}

export interface ShopifyProduct {
  id: number;
  title: string;
  body_html: string | null;
  vendor: string;
  product_type: string;
  handle: string;
  status: ProductStatus;
  /** Comma-separated, e.g. "summer, sale"; "" when there are none. */
  tags: string;
  template_suffix: string | null;
  published_scope: 'web' | 'global';
  published_at: string | null;
  created_at: string;
  updated_at: string;
  options: ShopifyOption[];
  images: ShopifyImage[];
  image: ShopifyImage | null;
  variants: ShopifyVariant[];
  admin_graphql_api_id: string;
}

export interface ShopifyAddress {
  first_name: string | null;
  last_name: string | null;
  name: string;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  zip: string | null;
  country_code: string | null;
  phone: string | null;
  company: string | null;
}

export interface ShopifyCustomer {
  id: number;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  created_at: string;
  updated_at: string;
}

export interface ShopifyLineItem {
  id: number;
  admin_graphql_api_id: string;
  variant_id: number;
  product_id: number;
  title: string;
  variant_title: string | null;
  name: string;
  sku: string | null;
  vendor: string;
  quantity: number;
  fulfillable_quantity: number;
  price: string;
  requires_shipping: boolean;
  taxable: boolean;
  fulfillment_status: 'fulfilled' | 'partial' | null;
}

export interface ShopifyFulfillment {
  id: number;
  order_id: number;
  status: 'pending' | 'open' | 'success' | 'cancelled' | 'error' | 'failure';
  shipment_status: string | null;
  tracking_company: string | null;
  tracking_number: string | null;
  tracking_numbers: string[];
  tracking_url: string | null;
  tracking_urls: string[];
  created_at: string;
  updated_at: string;
  line_items: ShopifyLineItem[];
  admin_graphql_api_id: string;
}

export interface ShopifyNoteAttribute {
  name: string;
  value: string;
}

export type FinancialStatus =
  'pending' | 'authorized' | 'partially_paid' | 'paid' | 'partially_refunded' | 'refunded' | 'voided';

export interface ShopifyOrder {
  id: number;
  admin_graphql_api_id: string;
  name: string;
  order_number: number;
  number: number;
  email: string | null;
  contact_email: string | null;
  phone: string | null;
  created_at: string;
  updated_at: string;
  processed_at: string;
  closed_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  currency: string;
  financial_status: FinancialStatus;
  fulfillment_status: 'fulfilled' | 'partial' | 'restocked' | null;
  confirmed: boolean;
  test: boolean;
  tags: string;
  note: string | null;
  note_attributes: ShopifyNoteAttribute[];
  source_name: string;
  subtotal_price: string;
  total_price: string;
  total_tax: string;
  total_discounts: string;
  line_items: ShopifyLineItem[];
  customer: ShopifyCustomer | null;
  shipping_address: ShopifyAddress | null;
  billing_address: ShopifyAddress | null;
  fulfillments: ShopifyFulfillment[];
  order_status_url: string;
}
