import { variantChoices, variantKey } from './product-variants.js';

export interface VariantSummary {
  readonly variantCount: number;
  readonly choices: { name: string; values: string[] }[];
}

/** One visible offer of a product as the summary needs it: retailer id, retailer item id, GTIN, variant attributes. */
export type VariantOffer = [string, string, string | null, Record<string, string>];

/**
 * One offer `o` as a VariantOffer, in SQL; a product's visible offers are listed oldest first (created_at, then id),
 * so the summary keeps what the oldest offer says of a variant first.
 */
export const VARIANT_OFFER_JSON = 'jsonb_build_array(o.retailer_id, o.retailer_item_id, o.gtin, o.variant_attributes)';

/**
 * How many variants a product has among the offers given (variant-summaries' rows of one product) and what a buyer
 * chooses between; retailers may name a variant's attributes differently, and what any of them says is kept.
 */
export function variantSummary(offers: readonly VariantOffer[]): VariantSummary {
  const variants = new Map<string, Record<string, string>>();
  for (const [retailerId, retailerItemId, gtin, attributes] of offers) {
    const key = variantKey({ retailerId, retailerItemId, gtin });
    variants.set(key, { ...attributes, ...variants.get(key) });
  }
  return { variantCount: Math.max(1, variants.size), choices: variantChoices([...variants.values()]) };
}
