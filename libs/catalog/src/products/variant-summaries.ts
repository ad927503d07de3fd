import { offerNotHiddenFromChannel } from '../visibility/visible-offers.js';
import { variantChoices, variantKey } from './product-variants.js';

export interface VariantSummary {
  readonly variantCount: number;
  readonly choices: { name: string; values: string[] }[];
}

/** One visible offer of a product as the summary needs it: retailer id, retailer item id, GTIN, variant attributes. */
export type VariantOffer = [string, string, string | null, Record<string, string>];

/**
 * A SQL expression (a scalar subquery) listing the visible offers of product `productColumn` as VariantOffer arrays,
 * oldest first, for a statement that has the `visible_retailer` CTE of the channel in `channelParameter`
 * (search-sql.ts), so a page of search hits carries its variants without a second read.
 */
export function variantOffersSql(productColumn: string, channelParameter: string): string {
  return `(SELECT coalesce(jsonb_agg(jsonb_build_array(o.retailer_id, o.retailer_item_id, o.gtin, o.variant_attributes)
                               ORDER BY o.created_at, o.id), '[]')
      FROM offer o
     WHERE o.product_id = ${productColumn} AND o.removed_at IS NULL
       AND o.retailer_id IN (SELECT id FROM visible_retailer) AND ${offerNotHiddenFromChannel(channelParameter)})`;
}

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
