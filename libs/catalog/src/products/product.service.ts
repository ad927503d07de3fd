import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { formatMinor, formatPrice, type CurrencyCode } from '#domain';
import { ProblemException } from '#platform';
import { EFFECTIVE_PRICE, bestOfferOrder } from '../offers/best-offer.js';
import { ProductOfferView, ProductVariantView, ProductView, VariantChoiceView } from './product.dto.js';
import { variantChoices, variantKey } from './product-variants.js';
import { visibleToChannel } from '../visibility/visible-offers.js';

interface OfferRow {
  offer_id: string;
  retailer_id: string;
  retailer_name: string;
  ships_to: string[];
  retailer_item_id: string;
  title: string;
  brand: string | null;
  description: string | null;
  image_link: string | null;
  additional_image_links: string[];
  availability: string;
  condition: string;
  price_minor: string;
  effective_price_minor: string;
  currency: string;
  link: string;
  gtin: string | null;
  variant_attributes: Record<string, string>;
}

/** Whom a product is read for: a channel sees only its visible offers, with prices in its locale. */
export interface ProductReader {
  readonly currency?: string;
  readonly channelId?: string;
  readonly locale?: string;
}

/** The locale of prices read without a channel (the operator's and retailers' views). */
const DEFAULT_LOCALE = 'en-GB';

/** Reads products with their variants and visible offers (live offers of active retailers), best first. */
@Injectable()
export class ProductService {
  constructor(private readonly dataSource: DataSource) {}

  /** With a channel, only what that channel may see (visible-offers.ts); a product it may not see is not found. */
  async get(id: string, reader: ProductReader = {}): Promise<ProductView> {
    const { currency, channelId } = reader;
    const visible = channelId ? visibleToChannel('$3') : `o.removed_at IS NULL AND r.status = 'active'`;
    const rows = (await this.dataSource.query(
      `SELECT o.id AS offer_id, o.retailer_id, r.name AS retailer_name, r.countries AS ships_to, o.retailer_item_id,
              o.title, o.brand, o.description, o.image_link, o.additional_image_links, o.availability, o.condition,
              o.price_minor, ${EFFECTIVE_PRICE} AS effective_price_minor, o.currency, o.link, o.gtin,
              o.variant_attributes
         FROM offer o
         JOIN retailer_directory r ON r.id = o.retailer_id
        WHERE o.product_id = $1 AND ${visible}
        ORDER BY ${bestOfferOrder('$2')}`,
      channelId ? [id, currency ?? null, channelId] : [id, currency ?? null],
    )) as OfferRow[];
    if (rows.length === 0) throw ProblemException.notFound(`Product ${id}`);
    const locale = reader.locale ?? DEFAULT_LOCALE;
    const offers = rows.map((row) => offerView(row, locale));
    const variants = variantViews(offers, rows);
    const best = rows[0]!;
    return Object.assign(new ProductView(), {
      id,
      gtin: best.gtin,
      title: best.title,
      brand: best.brand,
      description: rows.find((row) => row.description !== null)?.description ?? null,
      images: [
        ...new Set(rows.flatMap((row) => [row.image_link, ...row.additional_image_links]).filter((link) => !!link)),
      ],
      choices: variantChoices(variants.map((variant) => variant.attributes)).map((choice) =>
        Object.assign(new VariantChoiceView(), choice),
      ),
      variants,
      offers,
      bestOfferReason: reason(rows, currency),
    });
  }

  async findByGtin(gtin: string, reader: ProductReader = {}): Promise<ProductView> {
    const [found] = (await this.dataSource.query(`SELECT product_id AS id FROM product_match_key WHERE key = $1`, [
      `gtin:${gtin.padStart(14, '0')}`,
    ])) as { id: string }[];
    if (!found) throw ProblemException.notFound(`A product with GTIN ${gtin}`);
    return this.get(found.id, reader);
  }
}

function offerView(row: OfferRow, locale: string): ProductOfferView {
  const currency = row.currency as CurrencyCode;
  const onSale = row.effective_price_minor !== row.price_minor;
  return Object.assign(new ProductOfferView(), {
    offerId: row.offer_id,
    retailerId: row.retailer_id,
    retailerName: row.retailer_name,
    retailerItemId: row.retailer_item_id,
    title: row.title,
    variantKey: variantKey({ retailerId: row.retailer_id, retailerItemId: row.retailer_item_id, gtin: row.gtin }),
    gtin: row.gtin,
    variantAttributes: row.variant_attributes,
    availability: row.availability,
    condition: row.condition,
    priceMinor: row.price_minor,
    effectivePriceMinor: row.effective_price_minor,
    currency: row.currency,
    price: formatPrice(Number(row.effective_price_minor), currency, locale),
    regularPrice: onSale ? formatPrice(Number(row.price_minor), currency, locale) : null,
    imageLink: row.image_link,
    link: row.link,
    shipsTo: row.ships_to,
  });
}

/** One view per variant, in the order of their best offers (the offers come best first). */
function variantViews(offers: readonly ProductOfferView[], rows: readonly OfferRow[]): ProductVariantView[] {
  const byKey = new Map<string, ProductVariantView>();
  offers.forEach((offer, index) => {
    const variant = byKey.get(offer.variantKey);
    if (variant) {
      // Retailers may name a variant's attributes differently; what any of them says is kept.
      variant.attributes = { ...offer.variantAttributes, ...variant.attributes };
      return;
    }
    byKey.set(
      offer.variantKey,
      Object.assign(new ProductVariantView(), {
        key: offer.variantKey,
        gtin: offer.gtin,
        title: offer.title,
        attributes: { ...offer.variantAttributes },
        imageLink: rows[index]!.image_link,
        bestOfferId: offer.offerId,
        price: offer.price,
        availability: offer.availability,
      }),
    );
  });
  return [...byKey.values()];
}

function reason(rows: OfferRow[], currency: string | undefined): string {
  const [best] = rows;
  if (!best) return '';
  if (rows.length === 1) return 'the only visible offer';
  const stock = best.availability.replaceAll('_', ' ');
  const sameCurrency = rows.filter((row) => row.currency === best.currency && row.availability === best.availability);
  const price = `${formatMinor(Number(best.effective_price_minor), best.currency as CurrencyCode)} ${best.currency}`;
  const currencyNote = currency && best.currency !== currency ? ` (no visible offer in ${currency})` : '';
  return sameCurrency.length > 1
    ? `${stock}, and the lowest price among ${sameCurrency.length} such offers ` +
        `in ${best.currency}: ${price}${currencyNote}`
    : `${stock}, at ${price}${currencyNote}`;
}
