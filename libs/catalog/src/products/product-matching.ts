import type { QueryRunner } from 'typeorm';
import type { NormalizedOffer } from '#domain';

/**
 * The model an offer is a variant of, within its retailer: its item group (Google's item_group_id, a Shopify or
 * WooCommerce parent product), else its GTIN, else the item alone.
 */
export function modelKey(retailerId: string, offer: NormalizedOffer): string {
  if (offer.itemGroupId !== null) return `group:${retailerId}:${offer.itemGroupId}`;
  if (offer.gtin !== null) return `gtin:${offer.gtin}`;
  return `item:${retailerId}:${offer.retailerItemId}`;
}

interface Model {
  readonly key: string;
  /** The GTIN keys of its offers, in page order. */
  readonly gtinKeys: string[];
  readonly firstGtin: string | null;
}

/**
 * The product of each offer, created when missing, so the offer upsert can write it in the same statement as the rest
 * of the row. A model joins the product its key already leads to; else the product one of its GTINs leads to (the
 * same item sold by another retailer, alone or in its own group); else a new one. Every key a model brings is then
 * claimed for its product, first come first served, so a GTIN seen once leads every later retailer to the same
 * product. A product created by a concurrent transaction is waited for by ON CONFLICT and then followed through its
 * key, which the last read takes from a fresh snapshot.
 */
export async function productIdsFor(
  runner: QueryRunner,
  retailerId: string,
  offers: readonly NormalizedOffer[],
): Promise<string[]> {
  if (offers.length === 0) return [];
  const keys = offers.map((offer) => modelKey(retailerId, offer));
  const models = new Map<string, Model>();
  offers.forEach((offer, index) => {
    const key = keys[index]!;
    let model = models.get(key);
    if (!model) models.set(key, (model = { key, gtinKeys: [], firstGtin: offer.gtin }));
    if (offer.gtin !== null && !model.gtinKeys.includes(`gtin:${offer.gtin}`))
      model.gtinKeys.push(`gtin:${offer.gtin}`);
  });
  const known = await productsByKey(runner, [...new Set([...models.values()].flatMap((m) => [m.key, ...m.gtinKeys]))]);
  const productOf = new Map<string, string>();
  const unknown: Model[] = [];
  for (const model of models.values()) {
    const found = known.get(model.key) ?? model.gtinKeys.map((key) => known.get(key)).find(Boolean);
    if (found) productOf.set(model.key, found);
    else unknown.push(model);
  }
  if (unknown.length > 0) {
    await runner.query(
      `INSERT INTO product (match_key, gtin) SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT (match_key) DO NOTHING`,
      [unknown.map((model) => model.key), unknown.map((model) => model.firstGtin)],
    );
    const created = (await runner.query(
      `SELECT p.id, p.match_key
         FROM unnest($1::text[]) AS page(match_key) JOIN product p ON p.match_key = page.match_key`,
      [unknown.map((model) => model.key)],
    )) as { id: string; match_key: string }[];
    for (const row of created) productOf.set(row.match_key, row.id);
  }
  const claims = new Map<string, string>();
  for (const model of models.values()) {
    const productId = productOf.get(model.key);
    if (!productId) throw new Error(`product ${model.key} was neither created nor found`);
    for (const key of [model.key, ...model.gtinKeys])
      if (!known.has(key) && !claims.has(key)) claims.set(key, productId);
  }
  if (claims.size > 0) {
    await runner.query(
      `INSERT INTO product_match_key (key, product_id) SELECT * FROM unnest($1::text[], $2::uuid[])
       ON CONFLICT (key) DO NOTHING`,
      [[...claims.keys()], [...claims.values()]],
    );
  }
  const final = await productsByKey(runner, [...models.keys()]);
  return keys.map((key) => {
    const id = final.get(key);
    if (!id) throw new Error(`product ${key} was neither created nor found`);
    return id;
  });
}

async function productsByKey(runner: QueryRunner, keys: readonly string[]): Promise<Map<string, string>> {
  const rows = (await runner.query(
    `SELECT k.key, k.product_id FROM unnest($1::text[]) AS page(key) JOIN product_match_key k ON k.key = page.key`,
    [keys],
  )) as { key: string; product_id: string }[];
  return new Map(rows.map((row) => [row.key, row.product_id]));
}
