import { createHash } from 'node:crypto';
import { formatPriceText, metaAvailability, type Availability, type CurrencyCode } from '#domain';
import type { FeedOfferRow } from './feed-offers.js';

/** The attributes of one feed item in column order, Meta's and Google's names; empty when not known. */
export const FEED_ATTRIBUTES = [
  'id',
  'title',
  'description',
  'availability',
  'condition',
  'price',
  'sale_price',
  'sale_price_effective_date',
  'link',
  'image_link',
  'additional_image_link',
  'brand',
  'gtin',
  'mpn',
  'item_group_id',
  'google_product_category',
  'product_type',
] as const;
export type FeedAttribute = (typeof FEED_ATTRIBUTES)[number];

/** Every attribute is text except additional_image_link, which may repeat (XML) or be joined (TSV). */
export type FeedItem = Readonly<Record<Exclude<FeedAttribute, 'additional_image_link'>, string>> & {
  readonly additional_image_link: readonly string[];
};

/**
 * Open ends of a sale window, which the feed format cannot leave open: the earliest and latest times every reader
 * takes.
 */
const OPEN_START = '1970-01-01T00:00:00.000Z';
const OPEN_END = '9999-12-31T23:59:59.000Z';

/**
 * An offer as a catalog feed item. `id` is Souk's offer id: the id the channel API gives the same
 * sellable item (search results' `bestOffer.offerId`, a product's `offers[].offerId`, cart lines),
 * so a WhatsApp product message can send it as `product_retailer_id` and an inbound `order` message's
 * `product_retailer_id` is the offer to put in the cart. A product id would not do: a product has
 * several offers, at several prices, from several retailers, and only an offer can be bought.
 * Prices are exact from minor units; the sale price goes with its window, so the feed does not
 * change when a sale starts or ends.
 */
export function feedItem(row: FeedOfferRow): FeedItem {
  const currency = row.currency.trim() as CurrencyCode;
  const sale = row.sale_price_minor !== null;
  return {
    id: row.id,
    title: row.title,
    // Meta requires a description; an offer without one is described by its title.
    description: row.description ?? row.title,
    availability: metaAvailability(row.availability as Availability),
    condition: row.condition,
    price: formatPriceText(Number(row.price_minor), currency),
    sale_price: sale ? formatPriceText(Number(row.sale_price_minor), currency) : '',
    sale_price_effective_date:
      sale && (row.sale_starts_at || row.sale_ends_at)
        ? `${row.sale_starts_at?.toISOString() ?? OPEN_START}/${row.sale_ends_at?.toISOString() ?? OPEN_END}`
        : '',
    link: row.link,
    image_link: row.image_link ?? '',
    additional_image_link: row.additional_image_links,
    brand: row.brand ?? '',
    gtin: row.gtin ?? '',
    mpn: row.mpn ?? '',
    item_group_id: row.item_group_id === null ? '' : itemGroupId(row.retailer_id, row.item_group_id),
    google_product_category: row.category_id !== null ? String(row.category_id) : (row.google_product_category ?? ''),
    product_type: row.category_path.join(' > '),
  };
}

/**
 * The retailer's own item group (the variants of one product), made unique across retailers, since
 * two retailers may use the same group id: a hash, 32 hex characters, within Google's 50.
 */
function itemGroupId(retailerId: string, retailerGroupId: string): string {
  return createHash('sha256').update(`${retailerId}\n${retailerGroupId}`).digest('hex').slice(0, 32);
}
