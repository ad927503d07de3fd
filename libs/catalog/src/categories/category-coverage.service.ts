import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProblemException } from '#platform';
import { Retailer } from '#retailers';
import { CategoryCoverageView, UnmappedPathView } from './category.dto.js';

export const TOP_UNMAPPED_PATHS = 20;

/** How much of a retailer's live catalog has a unified category, and which paths still lack one. */
@Injectable()
export class CategoryCoverageService {
  constructor(private readonly dataSource: DataSource) {}

  /** For operators: 404 when no retailer has the id. */
  async ofExistingRetailer(retailerId: string): Promise<CategoryCoverageView> {
    if (!(await this.dataSource.getRepository(Retailer).existsBy({ id: retailerId })))
      throw ProblemException.notFound(`Retailer ${retailerId}`);
    return this.of(retailerId);
  }

  async of(retailerId: string): Promise<CategoryCoverageView> {
    const [totals] = (await this.dataSource.query(
      `SELECT count(*)::int AS offers,
              count(category_id)::int AS mapped,
              CASE WHEN count(*) = 0 THEN 0 ELSE round(count(category_id)::numeric / count(*), 4) END::float8 AS share
         FROM offer
        WHERE retailer_id = $1 AND removed_at IS NULL`,
      [retailerId],
    )) as [{ offers: number; mapped: number; share: number }];
    const unmapped = (await this.dataSource.query(
      `SELECT CASE WHEN cardinality(category_path) = 0 THEN '(none)'
                   ELSE array_to_string(category_path, ' > ') END AS path,
              count(*)::int AS offers
         FROM offer
        WHERE retailer_id = $1 AND removed_at IS NULL AND category_id IS NULL
        GROUP BY 1
        ORDER BY offers DESC, path
        LIMIT $2`,
      [retailerId, TOP_UNMAPPED_PATHS],
    )) as { path: string; offers: number }[];
    return Object.assign(new CategoryCoverageView(), {
      retailerId,
      offers: totals.offers,
      mapped: totals.mapped,
      share: totals.share,
      topUnmapped: unmapped.map((row) => Object.assign(new UnmappedPathView(), row)),
    });
  }
}
