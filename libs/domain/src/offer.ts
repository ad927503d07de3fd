import type { CurrencyCode } from './currency.js';

/**
 * The normalized offer: one retailer's sellable item, modeled on the Google Merchant Center
 * product data specification. Every connector's items end up in this shape.
 */
export const AVAILABILITIES = ['in_stock', 'out_of_stock', 'preorder', 'backorder'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export const CONDITIONS = ['new', 'refurbished', 'used'] as const;
export type Condition = (typeof CONDITIONS)[number];

/** An amount of money: an integer count of the currency's minor units (cents, yen, fils). */
export interface Money {
  readonly amountMinor: number;
  readonly currency: CurrencyCode;
}

export const OFFER_LIMITS = {
  retailerItemId: 200,
  title: 150,
  description: 5000,
  url: 2000,
  additionalImages: 10,
  brand: 100,
  mpn: 70,
  itemGroupId: 200,
  categoryPathDepth: 10,
  categoryName: 200,
  googleProductCategory: 500,
  variantAttributes: 20,
  variantValue: 100,
} as const;

export interface NormalizedOffer {
  /** The retailer's own id for the item; unique within the retailer. */
  readonly retailerItemId: string;
  readonly title: string;
  /** Plain text (HTML removed, scripts dropped), or null. */
  readonly description: string | null;
  readonly link: string;
  readonly imageLink: string | null;
  readonly additionalImageLinks: readonly string[];
  readonly availability: Availability;
  /** ISO 8601; for preorder and backorder. */
  readonly availabilityDate: string | null;
  readonly price: Money;
  /** In the same currency as price. */
  readonly salePrice: Money | null;
  readonly saleStartsAt: string | null;
  readonly saleEndsAt: string | null;
  readonly brand: string | null;
  /** A valid GTIN-8/12/13/14, as 14 digits zero-padded on the left; null when absent or invalid. */
  readonly gtin: string | null;
  readonly mpn: string | null;
  readonly condition: Condition;
  /** The retailer's own category path, outermost first (Google's product_type split on '>'). */
  readonly categoryPath: readonly string[];
  /** Google product category id or path, as the retailer gave it. */
  readonly googleProductCategory: string | null;
  readonly itemGroupId: string | null;
  /** Variant attributes such as color, size, material; lowercase names. */
  readonly variantAttributes: Readonly<Record<string, string>>;
  readonly stockQuantity: number | null;
  /** ISO 639-1 language of title and description. */
  readonly language: string | null;
}

/** A problem with one item: an error drops the item, a warning keeps it. */
export interface ItemIssue {
  readonly severity: 'error' | 'warning';
  /** The source field (Google attribute name or column), or null for the item as a whole. */
  readonly field: string | null;
  readonly message: string;
}

export interface NormalizeResult {
  /** Null when the item has an error. */
  readonly offer: NormalizedOffer | null;
  readonly issues: readonly ItemIssue[];
}
