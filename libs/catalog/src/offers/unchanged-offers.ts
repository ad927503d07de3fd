import type { QueryRunner } from 'typeorm';
import type { NormalizedOffer } from '#domain';
import { offerContentHash } from './offer-content-hash.js';

export interface PageDiff {
  /** New offers, changed ones and removed ones that came back; with their content hash. */
  readonly toWrite: { offer: NormalizedOffer; hash: Buffer }[];
  readonly unchanged: number;
}

/**
 * Splits a page into the offers that need writing and those stored exactly as they are (same
 * content hash, not removed, owned by this config), with one indexed read, so an unchanged re-sync resolves no products
 * or categories and sends no rows to the upsert.
 */
export async function diffAgainstStored(
  runner: QueryRunner,
  retailerId: string,
  configId: string,
  offers: readonly NormalizedOffer[],
): Promise<PageDiff> {
  const hashes = offers.map((offer) => offerContentHash(offer));
  // A join with unnest (not "= ANY") keeps the plan an index lookup per id even while the table's
  // statistics are stale, as they are during a first load.
  const stored = (await runner.query(
    `SELECT o.retailer_item_id, o.content_hash
       FROM unnest($2::text[]) AS page(item_id)
       JOIN offer o ON o.retailer_id = $1 AND o.retailer_item_id = page.item_id
      WHERE o.removed_at IS NULL AND o.config_id = $3`,
    [retailerId, offers.map((offer) => offer.retailerItemId), configId],
  )) as { retailer_item_id: string; content_hash: Buffer }[];
  const storedHash = new Map(stored.map((row) => [row.retailer_item_id, row.content_hash]));
  const toWrite: PageDiff['toWrite'] = [];
  offers.forEach((offer, index) => {
    const hash = hashes[index]!;
    if (!storedHash.get(offer.retailerItemId)?.equals(hash)) toWrite.push({ offer, hash });
  });
  return { toWrite, unchanged: offers.length - toWrite.length };
}
