import type { DataSource } from 'typeorm';
import { visibleToChannel } from '../visibility/visible-offers.js';
import { variantChoices, variantKey } from './product-variants.js';

export interface VariantSummary {
  readonly variantCount: number;
  readonly choices: { name: string; values: string[] }[];
}

/**
 * How many variants each product has with an offer the channel may see, and what a buyer chooses between; for the
 * products of one search page, in one read by the product index.
 */
export async function variantSummaries(
  dataSource: DataSource,
  productIds: readonly string[],
  channelId: string,
): Promise<Map<string, VariantSummary>> {
  if (productIds.length === 0) return new Map();
  const rows = (await dataSource.query(
    `SELECT o.product_id, o.retailer_id, o.retailer_item_id, o.gtin, o.variant_attributes
       FROM offer o
       JOIN retailer_directory r ON r.id = o.retailer_id
      WHERE o.product_id = ANY($1::uuid[]) AND ${visibleToChannel('$2')}
      ORDER BY o.product_id, o.created_at, o.id`,
    [productIds, channelId],
  )) as {
    product_id: string;
    retailer_id: string;
    retailer_item_id: string;
    gtin: string | null;
    variant_attributes: Record<string, string>;
  }[];
  const variantsByProduct = new Map<string, Map<string, Record<string, string>>>();
  for (const row of rows) {
    const variants = variantsByProduct.get(row.product_id) ?? new Map<string, Record<string, string>>();
    const key = variantKey({ retailerId: row.retailer_id, retailerItemId: row.retailer_item_id, gtin: row.gtin });
    variants.set(key, { ...row.variant_attributes, ...variants.get(key) });
    variantsByProduct.set(row.product_id, variants);
  }
  return new Map(
    [...variantsByProduct.entries()].map(([productId, variants]) => [
      productId,
      { variantCount: variants.size, choices: variantChoices([...variants.values()]) },
    ]),
  );
}
