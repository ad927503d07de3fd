import { PATH_SEPARATOR, normalizePath, pathSegments } from './category-path.js';

export interface TaxonomyRow {
  readonly id: number;
  readonly path: string;
}

/** The unified categories, found by id or by normalized path. */
export interface TaxonomyIndex {
  readonly ids: ReadonlySet<number>;
  readonly idByPath: ReadonlyMap<string, number>;
}

export function buildTaxonomyIndex(rows: Iterable<TaxonomyRow>): TaxonomyIndex {
  const ids = new Set<number>();
  const idByPath = new Map<string, number>();
  for (const row of rows) {
    ids.add(row.id);
    idByPath.set(normalizePath([row.path]), row.id);
  }
  return { ids, idByPath };
}

/**
 * The category of a feed's `google_product_category`: a known id (digits only), or a path matched
 * case-insensitively; a path deeper than the known categories lands on its deepest known ancestor
 * ("Apparel & Accessories > Clothing > Dresses" -> the "Apparel & Accessories > Clothing" id). An
 * id is taken only when known: ids of deeper Google categories are not seeded, so they resolve to
 * null and the rules decide.
 */
export function findGoogleCategory(taxonomy: TaxonomyIndex, value: string): number | null {
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const id = Number(text);
    return taxonomy.ids.has(id) ? id : null;
  }
  const segments = pathSegments([text]);
  for (let depth = segments.length; depth > 0; depth -= 1) {
    const id = taxonomy.idByPath.get(segments.slice(0, depth).join(PATH_SEPARATOR));
    if (id !== undefined) return id;
  }
  return null;
}
