/** The job that re-resolves the categories of live offers after the mapping rules changed. */
export const CATEGORY_REMAP_QUEUE = 'catalog.remap-categories';

export interface CategoryRemapJob {
  /** Null: every retailer (a global rule changed). */
  readonly retailerId: string | null;
}
