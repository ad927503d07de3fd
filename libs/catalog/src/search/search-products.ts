import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { DataSource, type EntityManager } from 'typeorm';
import { lockForTransaction } from '#platform';
import { SAMPLE_BUCKETS } from './search-sampling.js';

/** How often the scheduler role refreshes what other writers marked and what a sale's start or end changed. */
export const SEARCH_PRODUCTS_TICK_MS = 5_000;
/** Marks taken per statement: a bounded transaction, however much a sync changed. */
const MARKS_PER_BATCH = 5_000;
const REFRESH_LOCK = 'souk.search-products.refresh';

/**
 * Rebuilds the products' search rows (search_product, migration SearchProducts) that writes of offers
 * marked stale. One refresher runs at a time (an advisory lock), and each takes its marks and reads the
 * offers in one statement, so a row is always built from offers at least as new as its marks; an offer
 * written while a refresh runs leaves a mark that refresh cannot see, and the next one rebuilds its row.
 * The scheduler's tick refreshes what every writer marked (syncs while their pages commit, webhooks, removals,
 * merges) and the products whose lowest price a sale's start or end changed; a sync refreshes once more as it ends,
 * so a finished run's products are searchable as sampled searches read them.
 */
@Injectable()
export class SearchProducts {
  private readonly logger = new Logger(SearchProducts.name);

  constructor(private readonly dataSource: DataSource) {}

  /** Rebuilds the rows of every marked product; returns how many products it rebuilt. */
  async refresh(): Promise<number> {
    let products = 0;
    for (;;) {
      const rebuilt = await this.dataSource.transaction(async (manager) => {
        await lockForTransaction(manager, REFRESH_LOCK);
        return this.refreshBatch(manager);
      });
      products += rebuilt.products;
      if (rebuilt.marks < MARKS_PER_BATCH) return products;
    }
  }

  @Interval('search-products-tick', SEARCH_PRODUCTS_TICK_MS)
  async tick(): Promise<void> {
    try {
      await this.markPriceChanges();
      await this.refresh();
    } catch (error) {
      this.logger.error({ err: error }, 'refreshing the search rows of products failed');
    }
  }

  /** Marks the products whose lowest price changes by itself now (a sale started or ended). */
  async markPriceChanges(): Promise<number> {
    const rows = (await this.dataSource.query(
      `INSERT INTO search_product_stale (product_id)
       SELECT product_id FROM search_product WHERE prices_change_at <= now()
       RETURNING product_id`,
    )) as unknown[];
    return rows.length;
  }

  private async refreshBatch(manager: EntityManager): Promise<{ marks: number; products: number }> {
    const [row] = (await manager.query(
      `WITH taken AS (
         DELETE FROM search_product_stale
          WHERE id IN (SELECT id FROM search_product_stale ORDER BY id LIMIT $1)
         RETURNING product_id
       ), marked AS (
         SELECT count(*)::int AS marks, array_agg(DISTINCT product_id) AS ids FROM taken
       ), fresh AS (
         SELECT r.* FROM marked, souk_search_product_rows(marked.ids) r
       ), written AS (
         INSERT INTO search_product SELECT * FROM fresh
         ON CONFLICT (product_id, bucket) DO UPDATE SET
           document = EXCLUDED.document, retailer_ids = EXCLUDED.retailer_ids, category_ids = EXCLUDED.category_ids,
           brands = EXCLUDED.brands, brand_keys = EXCLUDED.brand_keys, availabilities = EXCLUDED.availabilities,
           conditions = EXCLUDED.conditions, currencies = EXCLUDED.currencies,
           lowest_prices = EXCLUDED.lowest_prices, highest_prices = EXCLUDED.highest_prices,
           offer_count = EXCLUDED.offer_count, newest = EXCLUDED.newest,
           prices_change_at = EXCLUDED.prices_change_at, refreshed_at = EXCLUDED.refreshed_at
       ), gone AS (
         SELECT id, (hashtext(id::text) & ${SAMPLE_BUCKETS - 1})::smallint AS bucket
           FROM marked, unnest(marked.ids) AS id
          WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f.product_id = id)
       ), emptied AS (
         DELETE FROM search_product s USING gone WHERE s.product_id = gone.id AND s.bucket = gone.bucket
       )
       SELECT marked.marks, coalesce(cardinality(marked.ids), 0) AS products FROM marked`,
      [MARKS_PER_BATCH],
    )) as [{ marks: number; products: number }];
    return row;
  }
}
