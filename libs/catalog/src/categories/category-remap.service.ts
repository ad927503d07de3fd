import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager, type QueryRunner } from 'typeorm';
import { acquireAdvisoryLock, JobQueue, lockForTransaction, releaseAdvisoryLock } from '#platform';
import { Retailer } from '#retailers';
import { categoryChanges, type OfferCategoryState } from './category-changes.js';
import { categoryAssignLock, categoryRemapLock } from './category-locks.js';
import { CategoryMappingRule } from './category-mapping-rule.entity.js';
import { CATEGORY_REMAP_QUEUE, type CategoryRemapJob } from './category-remap.job.js';
import { Category } from './category.entity.js';
import type { MappingRule } from './mapping-rule.js';
import { writeCategoryChanges } from './offer-category-writer.js';
import { buildTaxonomyIndex, type TaxonomyIndex } from './taxonomy-index.js';

export const REMAP_BATCH_SIZE = 5000;
const BEFORE_EVERY_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Keeps offer.category_id in line with the mapping rules: a catalog.remap-categories job re-resolves
 * a retailer's live offers (or every retailer's) after a rule changed, and the sync pipeline asks
 * for the rules and the taxonomy to categorize the offers it writes. Everything is read from the
 * database on each call; nothing is kept in process memory between calls.
 */
@Injectable()
export class CategoryRemapService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.register<CategoryRemapJob>({
      queue: CATEGORY_REMAP_QUEUE,
      settings: { retryLimit: 3, retryDelay: 60, expireInSeconds: 6 * 3600 },
      concurrency: 1,
      handle: async (job) => {
        await this.remap(job.data.retailerId);
      },
    });
  }

  /** Re-resolves the category of the retailer's live offers (every retailer's for null); returns how many changed. */
  async remap(retailerId: string | null): Promise<number> {
    const retailerIds = retailerId === null ? await this.retailerIds() : [retailerId];
    let changed = 0;
    for (const id of retailerIds) changed += await this.remapRetailer(id);
    return changed;
  }

  /** The rules that apply to the retailer: its own and the global ones. */
  async rulesFor(retailerId: string, manager: EntityManager = this.dataSource.manager): Promise<MappingRule[]> {
    return manager.find(CategoryMappingRule, { where: [{ retailerId }, { retailerId: IsNull() }] });
  }

  async taxonomy(manager: EntityManager = this.dataSource.manager): Promise<TaxonomyIndex> {
    return buildTaxonomyIndex(await manager.find(Category, { select: { id: true, path: true } }));
  }

  private async remapRetailer(retailerId: string): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await acquireAdvisoryLock(runner, categoryRemapLock(retailerId));
      try {
        const rules = await this.rulesFor(retailerId, runner.manager);
        const taxonomy = await this.taxonomy(runner.manager);
        let changed = 0;
        let after: string | null = BEFORE_EVERY_UUID;
        while (after !== null) {
          const batch = await this.remapBatch(runner, retailerId, after, rules, taxonomy);
          changed += batch.changed;
          after = batch.last;
        }
        return changed;
      } finally {
        await releaseAdvisoryLock(runner, categoryRemapLock(retailerId));
      }
    } finally {
      await runner.release();
    }
  }

  /** One keyset batch in one transaction; `last` is where the next batch starts, null after the last one. */
  private async remapBatch(
    runner: QueryRunner,
    retailerId: string,
    after: string,
    rules: readonly MappingRule[],
    taxonomy: TaxonomyIndex,
  ): Promise<{ changed: number; last: string | null }> {
    await runner.startTransaction();
    try {
      await lockForTransaction(runner.manager, categoryAssignLock(retailerId));
      const offers = (await runner.query(
        `SELECT id, category_path AS "categoryPath", google_product_category AS "googleProductCategory", title,
                category_id AS "categoryId"
           FROM offer
          WHERE retailer_id = $1 AND removed_at IS NULL AND id > $2
          ORDER BY id
          LIMIT $3`,
        [retailerId, after, REMAP_BATCH_SIZE],
      )) as OfferCategoryState[];
      const changed = await writeCategoryChanges(runner.manager, categoryChanges(offers, rules, taxonomy));
      await runner.commitTransaction();
      return { changed, last: offers.length === REMAP_BATCH_SIZE ? (offers.at(-1) as OfferCategoryState).id : null };
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  }

  private async retailerIds(): Promise<string[]> {
    const retailers = await this.dataSource
      .getRepository(Retailer)
      .find({ select: { id: true }, order: { id: 'ASC' } });
    return retailers.map((retailer) => retailer.id);
  }
}
