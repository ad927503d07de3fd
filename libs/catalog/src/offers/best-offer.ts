/**
 * Which of a product's offers is best, as an SQL ORDER BY over offer `alias`, given the currency the
 * caller shops in as parameter `$currency`. The rule:
 *   1. availability: in stock, then preorder and backorder, then out of stock;
 *   2. offers in the caller's currency before others (prices are compared within one currency
 *      only, never converted);
 *   3. the lower effective price: the sale price while its window is open, else the price;
 *   4. a stable tiebreak: the older offer, then the offer id.
 * `price` is the effective price expression; a query that already selected it passes the column.
 */
export function bestOfferOrder(currencyParameter: string, alias = 'o', price = EFFECTIVE_PRICE): string {
  return `CASE ${alias}.availability WHEN 'in_stock' THEN 0 WHEN 'preorder' THEN 1 WHEN 'backorder' THEN 1 ELSE 2 END,
    (${alias}.currency = ${currencyParameter}) DESC, ${alias}.currency,
    ${price} ASC,
    ${alias}.created_at ASC, ${alias}.id ASC`;
}

/** The price a buyer pays now: the sale price inside its window (open ends allowed), else the price. */
export const EFFECTIVE_PRICE = `CASE WHEN o.sale_price_minor IS NOT NULL
       AND (o.sale_starts_at IS NULL OR o.sale_starts_at <= now())
       AND (o.sale_ends_at IS NULL OR o.sale_ends_at > now())
     THEN o.sale_price_minor ELSE o.price_minor END`;
