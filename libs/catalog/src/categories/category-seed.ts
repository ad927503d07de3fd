import { GOOGLE_TAXONOMY_TOP_LEVELS } from './google-taxonomy.js';

/** One row of the `category` table. */
export interface CategorySeedRow {
  readonly id: number;
  readonly parentId: number | null;
  readonly name: string;
  readonly path: string;
  readonly level: number;
}

const SOURCE_SEPARATOR = ' > ';

/**
 * The category rows of a taxonomy given as `[id, path]` lines (Google's form): the name is the
 * last level of the path, the level counts from 1, and the parent is the line whose path is this
 * path without its last level. Parents come before their children, as in Google's file.
 */
export function categorySeedRows(lines: readonly (readonly [id: number, path: string])[] = GOOGLE_TAXONOMY_TOP_LEVELS): CategorySeedRow[] {
  const idByPath = new Map<string, number>();
  return lines.map(([id, path]) => {
    const levels = path.split(SOURCE_SEPARATOR);
    const parentPath = levels.slice(0, -1).join(SOURCE_SEPARATOR);
    const parentId = levels.length > 1 ? idByPath.get(parentPath) : null;
    if (parentId === undefined) throw new Error(`the parent "${parentPath}" of category ${id} comes after it or is missing`);
    idByPath.set(path, id);
    return { id, parentId, name: levels.at(-1) as string, path, level: levels.length };
  });
}
