import { createHash } from 'node:crypto';
import type { NormalizedOffer } from '#domain';

/**
 * SHA-256 of every field of the normalized offer in a fixed order (variant attributes sorted by
 * name), so equal offers hash equal whatever order their source listed them in. A new field must
 * be added here, or changes to it would not be written.
 */
export function offerContentHash(offer: NormalizedOffer): Buffer {
  const attributes = Object.keys(offer.variantAttributes)
    .sort()
    .map((name) => [name, offer.variantAttributes[name]]);
  const fields = [
    offer.retailerItemId,
    offer.title,
    offer.description,
    offer.link,
    offer.imageLink,
    offer.additionalImageLinks,
    offer.availability,
    offer.availabilityDate,
    offer.price.amountMinor,
    offer.price.currency,
    offer.salePrice?.amountMinor ?? null,
    offer.salePrice?.currency ?? null,
    offer.saleStartsAt,
    offer.saleEndsAt,
    offer.brand,
    offer.gtin,
    offer.mpn,
    offer.condition,
    offer.categoryPath,
    offer.googleProductCategory,
    offer.itemGroupId,
    attributes,
    offer.stockQuantity,
    offer.language,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest();
}
