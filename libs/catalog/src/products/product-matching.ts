import type { QueryRunner } from 'typeorm';
import type { NormalizedOffer } from '#domain';

/** The grouping rule of product.entity.ts: the key of the product an offer belongs to. */
export function productMatchKey(retailerId: string, offer: NormalizedOffer): string {
  if (offer.gtin !== null) return `gtin:${offer.gtin}`;
  if (offer.itemGroupId !== null) return `group:${retailerId}:${offer.itemGroupId}`;
  return `item:${retailerId}:${offer.retailerItemId}`;
}

/**
 * The product of each offer, created when missing, so the offer upsert can write it in the same
 * statement as the rest of the row. A product created by a concurrent transaction is waited for
 * by ON CONFLICT and then found by the SELECT, which takes a fresh snapshot.
 */
export async function productIdsFor(
  runner: QueryRunner,
  retailerId: string,
  offers: readonly NormalizedOffer[],
): Promise<string[]> {
  if (offers.length === 0) return [];
  const keys = offers.map((offer) => productMatchKey(retailerId, offer));
  const gtinByKey = new Map<string, string | null>();
  offers.forEach((offer, index) => gtinByKey.set(keys[index]!, offer.gtin));
  const unique = [...gtinByKey.keys()];
  await runner.query(
    `INSERT INTO product (match_key, gtin) SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (match_key) DO NOTHING`,
    [unique, unique.map((key) => gtinByKey.get(key) ?? null)],
  );
  const rows = (await runner.query(
    `SELECT p.id, p.match_key
       FROM unnest($1::text[]) AS page(match_key) JOIN product p ON p.match_key = page.match_key`,
    [unique],
  )) as { id: string; match_key: string }[];
  const idByKey = new Map(rows.map((row) => [row.match_key, row.id]));
  return keys.map((key) => {
    const id = idByKey.get(key);
    if (!id) throw new Error(`product ${key} was neither created nor found`);
    return id;
  });
}
