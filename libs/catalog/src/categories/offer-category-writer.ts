import type { EntityManager } from 'typeorm';
import type { CategoryChanges } from './category-changes.js';

/** Sets the new categories in one statement; returns the number of offers changed. */
export async function writeCategoryChanges(manager: EntityManager, changes: CategoryChanges): Promise<number> {
  if (changes.ids.length === 0) return 0;
  const [, changed] = (await manager.query(
    `UPDATE offer SET category_id = v.category_id
       FROM unnest($1::uuid[], $2::integer[]) AS v(id, category_id)
      WHERE offer.id = v.id AND offer.category_id IS DISTINCT FROM v.category_id`,
    [changes.ids, changes.categoryIds],
  )) as [unknown[], number];
  return changed;
}
