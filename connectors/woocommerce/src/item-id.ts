/**
 * Souk's retailer item id for a WooCommerce item: the product id for a simple product, and
 * `{parent id}-{variation id}` for a variation. Both are WordPress post ids, which never change
 * and never repeat, so the ids are stable and unique, and an order line names both ids that
 * WooCommerce's line items take. A variable product's id is the item group id of its variations.
 */
export function itemId(productId: number, variationId?: number): string {
  return variationId === undefined ? String(productId) : `${productId}-${variationId}`;
}

export function parseItemId(id: string): { productId: number; variationId: number | null } | null {
  const match = /^([1-9]\d{0,15})(?:-([1-9]\d{0,15}))?$/.exec(id.trim());
  if (!match) return null;
  return { productId: Number(match[1]), variationId: match[2] === undefined ? null : Number(match[2]) };
}
