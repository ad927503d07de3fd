import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { formatMinor, type CurrencyCode } from '#domain';
import { ProblemException } from '#platform';
import { EFFECTIVE_PRICE, bestOfferOrder } from '../offers/best-offer.js';
import { ProductOfferView, ProductView } from './product.dto.js';
import { visibleToChannel } from '../visibility/visible-offers.js';

interface OfferRow {
  offer_id: string;
  retailer_id: string;
  retailer_item_id: string;
  title: string;
  brand: string | null;
  availability: string;
  price_minor: string;
  effective_price_minor: string;
  currency: string;
  link: string;
  gtin: string | null;
}

/** Reads products with their visible offers (live offers of active retailers), best first. */
@Injectable()
export class ProductService {
  constructor(private readonly dataSource: DataSource) {}

  /** With a channel, only what that channel may see (visible-offers.ts); a product it may not see is not found. */
  async get(id: string, currency?: string, channelId?: string): Promise<ProductView> {
    const rows = (await this.dataSource.query(
      `SELECT o.id AS offer_id, o.retailer_id, o.retailer_item_id, o.title, o.brand, o.availability, o.price_minor,
              ${EFFECTIVE_PRICE} AS effective_price_minor, o.currency, o.link, p.gtin
         FROM product p
         JOIN offer o ON o.product_id = p.id
         JOIN retailer_directory r ON r.id = o.retailer_id
        WHERE p.id = $1 AND ${channelId ? visibleToChannel('$3') : `o.removed_at IS NULL AND r.status = 'active'`}
        ORDER BY ${bestOfferOrder('$2')}`,
      channelId ? [id, currency ?? null, channelId] : [id, currency ?? null],
    )) as OfferRow[];
    if (rows.length === 0) throw ProblemException.notFound(`Product ${id}`);
    const best = rows[0]!;
    return Object.assign(new ProductView(), {
      id,
      gtin: best.gtin,
      title: best.title,
      brand: best.brand,
      offers: rows.map((row) =>
        Object.assign(new ProductOfferView(), {
          offerId: row.offer_id,
          retailerId: row.retailer_id,
          retailerItemId: row.retailer_item_id,
          title: row.title,
          availability: row.availability,
          priceMinor: row.price_minor,
          effectivePriceMinor: row.effective_price_minor,
          currency: row.currency,
          link: row.link,
        }),
      ),
      bestOfferReason: reason(rows, currency),
    });
  }

  async findByGtin(gtin: string, currency?: string): Promise<ProductView> {
    const [found] = (await this.dataSource.query(`SELECT id FROM product WHERE gtin = $1`, [
      gtin.padStart(14, '0'),
    ])) as { id: string }[];
    if (!found) throw ProblemException.notFound(`A product with GTIN ${gtin}`);
    return this.get(found.id, currency);
  }
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
