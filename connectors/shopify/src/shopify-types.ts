/** The parts of Shopify's REST Admin API resources the connector reads (see the sandbox for whole ones). */

export interface ShopifyImage {
  readonly id: number;
  readonly position?: number;
  readonly src: string;
}

export interface ShopifyOption {
  readonly name: string;
  readonly position?: number;
}

export interface ShopifyVariant {
  readonly id: number;
  readonly title?: string | null;
  /** A decimal string such as "19.99". */
  readonly price?: string | number | null;
  readonly compare_at_price?: string | number | null;
  readonly sku?: string | null;
  readonly barcode?: string | null;
  readonly option1?: string | null;
  readonly option2?: string | null;
  readonly option3?: string | null;
  readonly inventory_quantity?: number | null;
  readonly inventory_policy?: string | null;
  /** "shopify" when Shopify tracks the stock; null when it does not (the variant can always be sold). */
  readonly inventory_management?: string | null;
  readonly image_id?: number | null;
}

export interface ShopifyProduct {
  readonly id: number;
  readonly title?: string | null;
  readonly body_html?: string | null;
  readonly handle?: string | null;
  readonly vendor?: string | null;
  readonly product_type?: string | null;
  readonly status?: string | null;
  readonly tags?: string | null;
  readonly options?: readonly ShopifyOption[] | null;
  readonly images?: readonly ShopifyImage[] | null;
  readonly variants?: readonly ShopifyVariant[] | null;
  readonly updated_at?: string | null;
}

/** What `read` yields per variant: the variant with its product. */
export interface VariantItem {
  readonly product: ShopifyProduct;
  readonly variant: ShopifyVariant;
}

export interface ShopifyNoteAttribute {
  readonly name?: string | null;
  readonly value?: unknown;
}

export interface ShopifyFulfillment {
  readonly status?: string | null;
  readonly shipment_status?: string | null;
  readonly tracking_company?: string | null;
  readonly tracking_number?: string | null;
  readonly tracking_numbers?: readonly string[] | null;
  readonly tracking_url?: string | null;
  readonly tracking_urls?: readonly string[] | null;
}

export interface ShopifyOrder {
  readonly id?: number | string | null;
  readonly name?: string | null;
  readonly tags?: string | null;
  readonly note_attributes?: readonly ShopifyNoteAttribute[] | null;
  readonly cancelled_at?: string | null;
  readonly cancel_reason?: string | null;
  readonly fulfillment_status?: string | null;
  readonly fulfillments?: readonly ShopifyFulfillment[] | null;
}
