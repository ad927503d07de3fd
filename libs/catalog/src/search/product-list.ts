import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { paginate, type Page } from '#platform';
import { wordsQuery } from './search-sql.js';
import { Product } from '../offers/product.entity.js';
import { ProductSummaryView, type ProductListQuery } from './product-list.dto.js';

interface SummaryRow {
  product_id: string;
  title: string;
  brand: string | null;
  offer_count: number;
  retailer_count: number;
}

/**
 * The operator's list of products, newest first: all of them, those a retailer offers, or those
 * whose live offers hold some words. Unlike a channel's search it sees every retailer and ranks
 * nothing, so an operator can find what a sync made.
 */
@Injectable()
export class ProductList {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: ProductListQuery): Promise<Page<ProductSummaryView>> {
    const conditions = ['o.product_id = product.id', 'o.removed_at IS NULL'];
    if (query.q) conditions.push(`o.search_document @@ ${wordsQuery(':q')}`);
    if (query.retailerId) conditions.push('o.retailer_id = :retailerId');
    const builder = this.dataSource
      .getRepository(Product)
      .createQueryBuilder('product')
      .where(`EXISTS (SELECT 1 FROM offer o WHERE ${conditions.join(' AND ')})`, {
        q: query.q,
        retailerId: query.retailerId,
      });
    const page = await paginate(builder, 'product', query);
    const summaries = await this.summaries(page.items.map((product) => product.id));
    return {
      items: page.items.map((product) => {
        const summary = summaries.get(product.id);
        return Object.assign(new ProductSummaryView(), {
          id: product.id,
          gtin: product.gtin,
          title: summary?.title ?? '',
          brand: summary?.brand ?? null,
          offerCount: summary?.offer_count ?? 0,
          retailerCount: summary?.retailer_count ?? 0,
          createdAt: product.createdAt,
        });
      }),
      nextCursor: page.nextCursor,
    };
  }

  private async summaries(productIds: string[]): Promise<Map<string, SummaryRow>> {
    if (productIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT product_id, (array_agg(title ORDER BY created_at, id))[1] AS title,
              (array_agg(brand ORDER BY created_at, id))[1] AS brand,
              count(*)::int AS offer_count, count(DISTINCT retailer_id)::int AS retailer_count
         FROM offer WHERE product_id = ANY($1) AND removed_at IS NULL GROUP BY product_id`,
      [productIds],
    )) as SummaryRow[];
    return new Map(rows.map((row) => [row.product_id, row]));
  }
}
