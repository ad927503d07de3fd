import type { DataSource } from 'typeorm';
import { visibleToChannel } from '../visibility/visible-offers.js';

/** An offer as a channel's catalog feed lists it. */
export interface FeedOfferRow {
  readonly id: string;
  readonly retailer_id: string;
  readonly title: string;
  readonly description: string | null;
  readonly availability: string;
  readonly condition: string;
  readonly price_minor: string;
  readonly sale_price_minor: string | null;
  readonly sale_starts_at: Date | null;
  readonly sale_ends_at: Date | null;
  readonly currency: string;
  readonly link: string;
  readonly image_link: string | null;
  readonly additional_image_links: string[];
  readonly brand: string | null;
  readonly gtin: string | null;
  readonly mpn: string | null;
  readonly item_group_id: string | null;
  readonly category_id: number | null;
  readonly google_product_category: string | null;
  readonly category_path: string[];
}

const BEFORE_EVERY_UUID = '00000000-0000-0000-0000-000000000000';

/** The offers the channel may see, in id order after a given id: one keyset page. */
const PAGE_SQL = `
  SELECT o.id, o.retailer_id, o.title, o.description, o.availability, o.condition, o.price_minor::text AS price_minor,
         o.sale_price_minor::text AS sale_price_minor, o.sale_starts_at, o.sale_ends_at, o.currency, o.link,
         o.image_link, o.additional_image_links, o.brand, o.gtin, o.mpn, o.item_group_id, o.category_id,
         o.google_product_category, o.category_path
    FROM offer o JOIN retailer_directory r ON r.id = o.retailer_id
   WHERE ${visibleToChannel('$1')} AND o.id > $2
   ORDER BY o.id
   LIMIT $3`;

/**
 * The channel's visible offers, read in keyset pages of `pageSize` by offer id, each page on a
 * pooled connection only while it is read: a slow reader of the feed holds no connection, and only
 * one page is in memory at a time. A page is read when the previous one has been consumed.
 */
export async function* visibleFeedOffers(
  dataSource: DataSource,
  channelId: string,
  pageSize = 500,
): AsyncGenerator<FeedOfferRow> {
  let after = BEFORE_EVERY_UUID;
  for (;;) {
    const page = (await dataSource.query(PAGE_SQL, [channelId, after, pageSize])) as FeedOfferRow[];
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.id;
  }
}

/** What the feed's content depends on, as numbers that change whenever it may have changed. */
export interface FeedFingerprint {
  readonly offers: number;
  readonly digest: string;
}

/**
 * One pass over the channel's visible offers without their content: how many, and the sum of a
 * 64-bit hash of each one's id, last change and unified category (which a category remap changes
 * without touching the row's time). A sum does not depend on order, and any offer that comes, goes
 * (a sync, a removal, a retailer paused or its channel policy changed, an operator's hide or unhide)
 * or changes moves it. The newest change alone would miss an offer that became hidden or visible again.
 */
export async function feedFingerprint(dataSource: DataSource, channelId: string): Promise<FeedFingerprint> {
  const [row] = (await dataSource.query(
    `SELECT count(*)::int AS offers,
            coalesce(sum(hashtextextended(o.id::text || '|' || extract(epoch FROM o.updated_at)::text || '|'
                                          || coalesce(o.category_id::text, ''), 0)::numeric), 0)::text AS digest
       FROM offer o JOIN retailer_directory r ON r.id = o.retailer_id
      WHERE ${visibleToChannel('$1')}`,
    [channelId],
  )) as { offers: number; digest: string }[];
  return { offers: row!.offers, digest: row!.digest };
}
