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
 * content hash, not removed), with one indexed read, so an unchanged re-sync resolves no products
 * or categories and sends no rows to the upsert.
 */
export async function diffAgainstStored(runner: QueryRunner, retailerId: string, offers: readonly NormalizedOffer[]): Promise<PageDiff> {
  const hashes = offers.map((offer) => offerContentHash(offer));
  const stored = (await runner.query(
    `SELECT retailer_item_id, content_hash FROM offer WHERE retailer_id = $1 AND retailer_item_id = ANY($2::text[]) AND removed_at IS NULL`,
    [retailerId, offers.map((offer) => offer.retailerItemId)],
  )) as { retailer_item_id: string; content_hash: Buffer }[];
  const storedHash = new Map(stored.map((row) => [row.retailer_item_id, row.content_hash]));
  const toWrite: PageDiff['toWrite'] = [];
  offers.forEach((offer, index) => {
    const hash = hashes[index]!;
    if (!storedHash.get(offer.retailerItemId)?.equals(hash)) toWrite.push({ offer, hash });
  });
  return { toWrite, unchanged: offers.length - toWrite.length };
}
