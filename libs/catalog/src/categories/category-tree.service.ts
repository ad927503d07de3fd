import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CategoryView } from './category.dto.js';

/** The unified category tree, with the live offers under each category. */
@Injectable()
export class CategoryTreeService {
  constructor(private readonly dataSource: DataSource) {}

  /** Every category, parents before children (paths in byte order); `offers` counts the category and all below it. */
  async list(): Promise<CategoryView[]> {
    const rows = (await this.dataSource.query(
      `WITH RECURSIVE direct AS (
         SELECT category_id, count(*) AS offers
           FROM offer
          WHERE removed_at IS NULL AND category_id IS NOT NULL
          GROUP BY category_id
       ), lineage AS (
         -- every category paired with itself and with each of its ancestors
         SELECT id AS category_id, id AS ancestor_id FROM category
         UNION ALL
         SELECT lineage.category_id, category.parent_id
           FROM lineage JOIN category ON category.id = lineage.ancestor_id
          WHERE category.parent_id IS NOT NULL
       ), total AS (
         SELECT lineage.ancestor_id AS id, sum(direct.offers) AS offers
           FROM lineage JOIN direct ON direct.category_id = lineage.category_id
          GROUP BY lineage.ancestor_id
       )
       SELECT category.id, category.parent_id AS "parentId", category.name, category.path, category.level,
              COALESCE(total.offers, 0)::int AS offers
         FROM category LEFT JOIN total ON total.id = category.id
        ORDER BY category.path COLLATE "C"`,
    )) as CategoryView[];
    return rows.map((row) => Object.assign(new CategoryView(), row));
  }
}
