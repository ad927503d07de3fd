import type { QueryRunner } from 'typeorm';
import type { NormalizedOffer } from '#domain';

export interface OfferWriteCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** An offer with its content hash and what the catalog adds to it: its product and its unified category. */
export interface OfferToWrite {
  readonly offer: NormalizedOffer;
  readonly hash: Buffer;
  readonly productId: string;
  readonly categoryId: number | null;
}

/** Columns in the order of the unnest() arrays below. */
const COLUMNS = [
  ['retailer_item_id', 'text'],
  ['title', 'text'],
  ['description', 'text'],
  ['link', 'text'],
  ['image_link', 'text'],
  ['additional_image_links', 'jsonb'],
  ['availability', 'text'],
  ['availability_date', 'timestamptz'],
  ['price_minor', 'bigint'],
  ['currency', 'text'],
  ['sale_price_minor', 'bigint'],
  ['sale_starts_at', 'timestamptz'],
  ['sale_ends_at', 'timestamptz'],
  ['brand', 'text'],
  ['gtin', 'text'],
  ['mpn', 'text'],
  ['condition', 'text'],
  ['category_path', 'jsonb'],
  ['google_product_category', 'text'],
  ['item_group_id', 'text'],
  ['variant_attributes', 'jsonb'],
  ['stock_quantity', 'integer'],
  ['language', 'text'],
  ['content_hash', 'bytea'],
  ['product_id', 'uuid'],
  ['category_id', 'integer'],
] as const;

const UPDATED_COLUMNS = COLUMNS.map(([name]) => name).filter((name) => name !== 'retailer_item_id');

/**
 * One INSERT ... SELECT FROM unnest(...) ON CONFLICT per batch: new items are inserted, changed
 * ones (another content hash, product or category, or back after removal) updated, and unchanged
 * ones not written at all, so an unchanged re-sync leaves the offer rows and their indexes alone.
 * Each row is written once, with its product and category. Array columns travel as JSON because
 * unnest() cannot unnest arrays of arrays.
 */
const UPSERT_SQL = `
  INSERT INTO offer (retailer_id, config_id, ${COLUMNS.map(([name]) => name).join(', ')})
  SELECT $1, $2, ${COLUMNS.map(([name, type]) =>
    type === 'jsonb'
      ? name === 'variant_attributes'
        ? `u.${name}`
        : `ARRAY(SELECT jsonb_array_elements_text(u.${name}))`
      : `u.${name}`,
  ).join(', ')}
  FROM unnest(${COLUMNS.map(([, type], index) => `$${index + 3}::${type}[]`).join(', ')})
    AS u(${COLUMNS.map(([name]) => name).join(', ')})
  ON CONFLICT (retailer_id, retailer_item_id) DO UPDATE SET
    ${UPDATED_COLUMNS.map((name) => `${name} = EXCLUDED.${name}`).join(',\n    ')},
    config_id = EXCLUDED.config_id,
    removed_at = NULL,
    updated_at = now()
  WHERE offer.content_hash IS DISTINCT FROM EXCLUDED.content_hash
     OR offer.removed_at IS NOT NULL
     OR offer.config_id IS DISTINCT FROM EXCLUDED.config_id
     OR offer.product_id IS DISTINCT FROM EXCLUDED.product_id
     OR offer.category_id IS DISTINCT FROM EXCLUDED.category_id
  RETURNING (xmax = 0) AS inserted`;

export async function upsertOffers(
  runner: QueryRunner,
  retailerId: string,
  configId: string,
  rows: readonly OfferToWrite[],
): Promise<OfferWriteCounts> {
  if (rows.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  const columns: unknown[][] = COLUMNS.map(() => []);
  for (const row of rows) {
    toRow(row).forEach((value, index) => columns[index]!.push(value));
  }
  const written = (await runner.query(UPSERT_SQL, [retailerId, configId, ...columns])) as { inserted: boolean }[];
  const created = written.filter((row) => row.inserted).length;
  return { created, updated: written.length - created, unchanged: rows.length - written.length };
}

function toRow({ offer, hash, productId, categoryId }: OfferToWrite): unknown[] {
  return [
    offer.retailerItemId,
    offer.title,
    offer.description,
    offer.link,
    offer.imageLink,
    JSON.stringify(offer.additionalImageLinks),
    offer.availability,
    offer.availabilityDate,
    String(offer.price.amountMinor),
    offer.price.currency,
    offer.salePrice ? String(offer.salePrice.amountMinor) : null,
    offer.saleStartsAt,
    offer.saleEndsAt,
    offer.brand,
    offer.gtin,
    offer.mpn,
    offer.condition,
    JSON.stringify(offer.categoryPath),
    offer.googleProductCategory,
    offer.itemGroupId,
    JSON.stringify(offer.variantAttributes),
    offer.stockQuantity,
    offer.language,
    hash,
    productId,
    categoryId,
  ];
}
