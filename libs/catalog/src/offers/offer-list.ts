import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_PAGE_SIZE, type Page } from '#platform';
import type { RetailerScope } from '#retailers';
import { OfferSummaryView, type OfferListQuery } from './offer-list.dto.js';
import { SqlParameters } from '../sql/sql-parameters.js';

interface OfferRow {
  id: string;
  retailer_id: string;
  retailer_item_id: string;
  config_id: string;
  product_id: string | null;
  title: string;
  brand: string | null;
  gtin: string | null;
  item_group_id: string | null;
  variant_attributes: Record<string, string>;
  availability: string;
  price_minor: string;
  sale_price_minor: string | null;
  currency: string;
  stock_quantity: number | null;
  category_path: string[];
  category_id: number | null;
  link: string;
  image_link: string | null;
  updated_at: Date;
  removed_at: Date | null;
}

const STATE_CONDITIONS = {
  live: 'o.removed_at IS NULL',
  removed: 'o.removed_at IS NOT NULL',
  all: 'TRUE',
} as const;

/**
 * Offers as the syncs wrote them, for their retailer and the operators: filtered by retailer,
 * connector config and state, paged by id (the order the offer indexes keep), so a page costs the
 * same at any depth.
 */
@Injectable()
export class OfferList {
  constructor(private readonly dataSource: DataSource) {}

  async list(scope: RetailerScope, query: OfferListQuery): Promise<Page<OfferSummaryView>> {
    if (scope.retailerId && query.retailerId && query.retailerId !== scope.retailerId) {
      return { items: [], nextCursor: null };
    }
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const params = new SqlParameters();
    const add = (value: unknown) => params.add(value);
    const conditions: string[] = [STATE_CONDITIONS[query.state ?? 'live']];
    const retailerId = scope.retailerId ?? query.retailerId;
    if (retailerId) conditions.push(`o.retailer_id = ${add(retailerId)}`);
    if (query.configId) conditions.push(`o.config_id = ${add(query.configId)}`);
    if (query.cursor) conditions.push(`o.id > ${add(query.cursor)}`);
    const rows = (await this.dataSource.query(
      `SELECT o.id, o.retailer_id, o.retailer_item_id, o.config_id, o.product_id, o.title, o.brand, o.gtin,
              o.item_group_id, o.variant_attributes, o.availability, o.price_minor, o.sale_price_minor, o.currency,
              o.stock_quantity, o.category_path, o.category_id, o.link, o.image_link, o.updated_at, o.removed_at
         FROM offer o
        WHERE ${conditions.join(' AND ')}
        ORDER BY o.id
        LIMIT ${add(limit + 1)}`,
      params.values,
    )) as OfferRow[];
    const items = rows.slice(0, limit);
    return {
      items: items.map(view),
      nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null,
    };
  }
}

function view(row: OfferRow): OfferSummaryView {
  return Object.assign(new OfferSummaryView(), {
    id: row.id,
    retailerId: row.retailer_id,
    retailerItemId: row.retailer_item_id,
    configId: row.config_id,
    productId: row.product_id,
    title: row.title,
    brand: row.brand,
    gtin: row.gtin,
    itemGroupId: row.item_group_id,
    variantAttributes: row.variant_attributes,
    availability: row.availability,
    priceMinor: row.price_minor,
    salePriceMinor: row.sale_price_minor,
    currency: row.currency.trim(),
    stockQuantity: row.stock_quantity,
    categoryPath: row.category_path,
    categoryId: row.category_id,
    link: row.link,
    imageLink: row.image_link,
    updatedAt: row.updated_at.toISOString(),
    removedAt: row.removed_at?.toISOString() ?? null,
  });
}
