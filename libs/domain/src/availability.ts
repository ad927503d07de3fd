import { CONDITIONS, type Availability, type Condition } from './offer.js';

// Compared with case, spaces, hyphens and underscores removed: "in_stock", "In Stock", "pre-order".
const AVAILABILITY_BY_KEY: ReadonlyMap<string, Availability> = new Map([
  ['instock', 'in_stock'],
  ['outofstock', 'out_of_stock'],
  ['preorder', 'preorder'],
  ['backorder', 'backorder'],
  // Meta's catalog word for backorder.
  ['availablefororder', 'backorder'],
]);

/**
 * Google's or Meta's availability, written leniently (any case; "in stock", "pre-order", "available for order"); null
 * when unknown.
 */
export function parseAvailability(text: string): Availability | null {
  return AVAILABILITY_BY_KEY.get(text.toLowerCase().replace(/[\s_-]+/g, '')) ?? null;
}

/** Google's condition: new, refurbished or used, in any case; null when unknown. */
export function parseCondition(text: string): Condition | null {
  const value = text.trim().toLowerCase();
  return (CONDITIONS as readonly string[]).includes(value) ? (value as Condition) : null;
}

const META_AVAILABILITY: Readonly<Record<Availability, string>> = {
  in_stock: 'in stock',
  out_of_stock: 'out of stock',
  preorder: 'preorder',
  backorder: 'available for order',
};

/**
 * An availability as Meta's catalog feeds write it ("in stock", "available for order"); Google's readers take these
 * too.
 */
export function metaAvailability(availability: Availability): string {
  return META_AVAILABILITY[availability];
}
