import {
  ConnectorError,
  UpdatedSince,
  numberedPages,
  type RawItem,
  type ReadPage,
  type ReadRequest,
} from '#connector-sdk';
import { itemId } from './item-id.js';
import type { WooCheckpoint } from './settings.js';
import { answerFailure, requestFailure, totalPages, wooGet, wooRequest, wpError, type WooContext } from './wc-http.js';
import type { WooRawItem } from './wc-item.js';
import { decodeEntities, integer, isObject, objects, parseWooGmt, text, wooGmt, type Json } from './wc-json.js';

/** WooCommerce's largest page. */
export const PER_PAGE = 100;
/** Variable products whose variations are fetched at the same time (the rate limit still applies). */
const VARIATION_CONCURRENCY = 4;

/**
 * Reads the published products, 100 a page in id order (a product that changes during the read
 * keeps its place): one raw item per simple product and one per published variation of a
 * variable product (its variations fetched page by page too). Grouped products are skipped (their
 * children are products of their own), external ones too (they are sold on another site), as are
 * products hidden from the catalog; other types become items that map to an error.
 *
 * Incremental reads ask only for products modified after the checkpoint, by the SDK's UpdatedSince
 * rules: the last page carries the latest `date_modified_gmt` seen, never later than the server's
 * clock when the read began, and the next read asks from a second before it. Every page but the
 * last carries the previous checkpoint, so a run that stops is read again from there.
 */
export async function* readWoo(
  context: WooContext,
  request: ReadRequest<WooCheckpoint>,
): AsyncGenerator<ReadPage<WooCheckpoint>, void> {
  const { signal } = context;
  signal.throwIfAborted();
  const previous = request.checkpoint ?? null;
  const changes = new UpdatedSince();
  const since = request.mode === 'incremental' && previous ? parseWooGmt(previous.modifiedAfterGmt) : NaN;
  const filter = Number.isNaN(since) ? {} : { modified_after: wooGmt(changes.askFrom(since)), dates_are_gmt: true };
  const categoryPaths = await readCategoryPaths(context);
  const seen = new Set<number>();
  const skipped: Record<string, number> = {};
  let url = '';
  const pages = numberedPages(
    async (page) => {
      const answer = await wooGet(context, 'products', {
        per_page: PER_PAGE,
        page,
        status: 'publish',
        orderby: 'id',
        order: 'asc',
        ...filter,
      });
      if (!Array.isArray(answer.json))
        throw new ConnectorError(`${answer.url} answered something other than a list of products.`, 'format');
      changes.answered(answer.headers.date);
      url = answer.url;
      return { items: answer.json.filter(isObject), totalPages: totalPages(answer) };
    },
    PER_PAGE,
    signal,
  );
  for await (const { items: products, last } of pages) {
    const fresh = products.filter((product) => {
      const id = integer(product, 'id');
      if (id === null || seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    if (products.length > 0 && fresh.length === 0) {
      throw new ConnectorError(
        `${url} returned the products of an earlier page again: the site seems to ignore the page parameter.`,
        'format',
      );
    }
    for (const product of fresh) changes.saw(parseWooGmt(text(product, 'date_modified_gmt') ?? ''));
    const items = await rawItems(context, fresh, categoryPaths, skipped);
    if (!last) {
      yield { items, checkpoint: previous };
      continue;
    }
    if (Object.keys(skipped).length > 0) context.log('WooCommerce products left out of the catalog', skipped);
    const upTo = changes.next();
    yield { items, checkpoint: upTo === null ? previous : { modifiedAfterGmt: wooGmt(upTo) } };
    return;
  }
}

async function rawItems(
  context: WooContext,
  products: readonly Json[],
  categoryPaths: ReadonlyMap<number, string[]>,
  skipped: Record<string, number>,
): Promise<RawItem[]> {
  const skip = (reason: string) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  const variable = products.filter((product) => text(product, 'type') === 'variable' && isListed(product));
  const variations = await inParallel(variable, VARIATION_CONCURRENCY, (product) =>
    readVariations(context, integer(product, 'id')!),
  );
  const byProduct = new Map(variable.map((product, index) => [product, variations[index]!]));
  const items: RawItem[] = [];
  for (const product of products) {
    const id = integer(product, 'id')!;
    const type = text(product, 'type') ?? 'simple';
    const path = categoryPath(product, categoryPaths);
    if (!isListed(product)) {
      skip('hidden from the catalog or password protected');
    } else if (type === 'simple') {
      items.push(raw(itemId(id), { kind: 'product', product, categoryPath: path }));
    } else if (type === 'variable') {
      const published = byProduct
        .get(product)!
        .filter((variation) => (text(variation, 'status') ?? 'publish') === 'publish');
      for (const variation of published)
        items.push(
          raw(itemId(id, integer(variation, 'id') ?? 0), { kind: 'variation', product, variation, categoryPath: path }),
        );
    } else if (type === 'grouped') {
      skip('grouped (their products are listed on their own)');
    } else if (type === 'external') {
      skip('external (sold on another site)');
    } else {
      const message =
        `WooCommerce product type "${type}" is not supported: ` +
        `only simple and variable products can be ordered through Souk`;
      items.push(raw(itemId(id), { kind: 'unsupported', product, message }));
    }
  }
  return items;
}

function raw(id: string, data: WooRawItem): RawItem {
  return { ref: { id }, data };
}

/** Published, not hidden from the catalog, not behind a password. */
function isListed(product: Json): boolean {
  return text(product, 'catalog_visibility') !== 'hidden' && text(product, 'post_password') === null;
}

/** Every variation of a variable product, page by page. A product deleted meanwhile has none. */
async function readVariations(context: WooContext, productId: number): Promise<Json[]> {
  const variations: Json[] = [];
  const pages = numberedPages(
    async (page) => {
      let answer;
      try {
        answer = await wooRequest(context, {
          path: `products/${productId}/variations`,
          params: { per_page: PER_PAGE, page },
        });
      } catch (error) {
        context.signal.throwIfAborted();
        throw requestFailure(error, context.settings);
      }
      if (answer.status === 404 && wpError(answer.json)?.code !== 'rest_no_route') return { items: [], totalPages: 0 };
      if (answer.status !== 200 || !Array.isArray(answer.json)) throw answerFailure(answer, context.settings);
      return { items: answer.json.filter(isObject), totalPages: totalPages(answer) };
    },
    PER_PAGE,
    context.signal,
  );
  for await (const { items } of pages) variations.push(...items);
  return variations;
}

/**
 * The path of every product category ("Clothing" > "Hoodies"), from GET /products/categories.
 * Without it (an old site, a refused request) products get the name of their first category.
 */
async function readCategoryPaths(context: WooContext): Promise<Map<number, string[]>> {
  const categories = new Map<number, { name: string; parent: number }>();
  try {
    const pages = numberedPages(
      async (page) => {
        const answer = await wooGet(context, 'products/categories', { per_page: PER_PAGE, page });
        return {
          items: Array.isArray(answer.json) ? answer.json.filter(isObject) : [],
          totalPages: totalPages(answer),
        };
      },
      PER_PAGE,
      context.signal,
    );
    for await (const { items: found } of pages) {
      for (const category of found) {
        const id = integer(category, 'id');
        if (id !== null)
          categories.set(id, {
            name: decodeEntities(text(category, 'name') ?? ''),
            parent: integer(category, 'parent') ?? 0,
          });
      }
    }
  } catch (error) {
    context.signal.throwIfAborted();
    if (error instanceof ConnectorError && (error.reason === 'credentials' || error.reason === 'unreachable'))
      throw error;
    context.log('WooCommerce product categories could not be read; products get their first category only', {
      reason: error instanceof Error ? error.message : String(error),
    });
    return new Map();
  }
  const paths = new Map<number, string[]>();
  const pathOf = (id: number, depth = 0): string[] => {
    const known = paths.get(id);
    if (known) return known;
    const category = categories.get(id);
    if (!category || depth > 20) return [];
    const path = [...(category.parent ? pathOf(category.parent, depth + 1) : []), category.name];
    paths.set(id, path);
    return path;
  };
  for (const id of categories.keys()) pathOf(id);
  return paths;
}

/** The deepest path among the product's categories (the first on a tie), without "Uncategorized". */
function categoryPath(product: Json, paths: ReadonlyMap<number, string[]>): string[] {
  let best: string[] = [];
  for (const category of objects(product, 'categories')) {
    if (text(category, 'slug') === 'uncategorized') continue;
    const id = integer(category, 'id');
    const name = text(category, 'name');
    const path = (id !== null ? paths.get(id) : undefined) ?? (name ? [decodeEntities(name)] : []);
    if (path.length > best.length) best = path;
  }
  return best.filter((level) => level.trim() !== '');
}

/** Runs `work` over `inputs`, at most `limit` at a time; the results keep the inputs' order. */
async function inParallel<T, R>(inputs: readonly T[], limit: number, work: (input: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(inputs.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < inputs.length && !failed) {
      const index = next++;
      try {
        results[index] = await work(inputs[index]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}
