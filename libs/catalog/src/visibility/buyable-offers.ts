import type { EntityManager } from 'typeorm';
import { EFFECTIVE_PRICE } from '../offers/best-offer.js';
import { visibleToChannel } from './visible-offers.js';

/** What an order line keeps of the offer it bought, as it was at checkout. */
export interface OfferDetails {
  readonly title: string;
  readonly brand: string | null;
  readonly gtin: string | null;
  readonly mpn: string | null;
  readonly condition: string;
  readonly link: string;
  readonly imageLink: string | null;
  readonly variantAttributes: Record<string, string>;
  readonly productId: string | null;
}

/** An offer as a channel may buy it now: visible to the channel, with its effective price. */
export interface BuyableOffer {
  readonly id: string;
  readonly retailerId: string;
  readonly retailerName: string;
  /** ISO 3166-1 alpha-2 codes the retailer ships to; empty when it has not said. */
  readonly retailerCountries: readonly string[];
  readonly retailerItemId: string;
  readonly availability: string;
  readonly stockQuantity: number | null;
  readonly currency: string;
  /** The price a buyer pays now (the sale price inside its window), in minor units. */
  readonly priceMinor: bigint;
  readonly snapshot: OfferDetails;
  /** The unified category, for commission rules; null while unmapped. */
  readonly categoryId: number | null;
}

/** Availabilities that can be bought; out-of-stock cannot. */
export const BUYABLE_AVAILABILITY = new Set(['in_stock', 'preorder', 'backorder']);

/**
 * The given offers that the channel may see, by id; an offer it may not see is simply absent, as
 * if it did not exist. With `lock`, the offer rows are share-locked until the transaction ends, so
 * a sync cannot change a price between the check and the order.
 */
export async function buyableOffers(
  manager: EntityManager,
  channelId: string,
  offerIds: readonly string[],
  lock = false,
): Promise<Map<string, BuyableOffer>> {
  if (offerIds.length === 0) return new Map();
  const rows: Record<string, unknown>[] = await manager.query(
    `SELECT o.id, o.retailer_id, r.name AS retailer_name, r.countries AS retailer_countries, o.retailer_item_id,
            o.availability, o.stock_quantity, o.currency, (${EFFECTIVE_PRICE})::text AS price_minor, o.title, o.brand,
            o.gtin, o.mpn, o.condition, o.link, o.image_link, o.variant_attributes, o.product_id, o.category_id
       FROM offer o JOIN retailer_directory r ON r.id = o.retailer_id
      WHERE o.id = ANY($2::uuid[]) AND ${visibleToChannel('$1')}
      ORDER BY o.id
      ${lock ? 'FOR SHARE OF o' : ''}`,
    [channelId, offerIds],
  );
  return new Map(
    rows.map((row) => [
      row.id as string,
      {
        id: row.id as string,
        retailerId: row.retailer_id as string,
        retailerName: row.retailer_name as string,
        retailerCountries: row.retailer_countries as string[],
        retailerItemId: row.retailer_item_id as string,
        availability: row.availability as string,
        stockQuantity: row.stock_quantity as number | null,
        currency: (row.currency as string).trim(),
        priceMinor: BigInt(row.price_minor as string),
        categoryId: row.category_id as number | null,
        snapshot: {
          title: row.title as string,
          brand: row.brand as string | null,
          gtin: row.gtin as string | null,
          mpn: row.mpn as string | null,
          condition: row.condition as string,
          link: row.link as string,
          imageLink: row.image_link as string | null,
          variantAttributes: row.variant_attributes as Record<string, string>,
          productId: row.product_id as string | null,
        },
      },
    ]),
  );
}
