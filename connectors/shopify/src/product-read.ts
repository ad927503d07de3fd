import { ConnectorError, type RawItem, type ReadPage, type ReadRequest } from '#connector-sdk';
import { adminUrl, explainFailure, listPages, notShopify, type ShopifyContext } from './admin-api.js';
import type { ShopifyCheckpoint } from './settings.js';
import type { ShopifyProduct, VariantItem } from './shopify-types.js';

/** Shopify's largest page. */
export const PRODUCTS_PER_PAGE = 250;
const PRODUCT_FIELDS = 'id,title,body_html,handle,vendor,product_type,status,tags,options,images,variants,updated_at';
/** Shopify's times have whole seconds: the next read starts a second early so a change in the same second is not missed. */
const OVERLAP_MS = 1000;

/**
 * Reads products, 250 a page, following the Link header, and yields one raw item per variant
 * (ref id = variant id; data = { product, variant }), one ReadPage per Shopify page.
 *
 * Full: active products only (`status=active`); draft and archived products are never read, so
 * Souk removes their offers at the end of the full read. Incremental (from a checkpoint): every
 * product changed since `updated_at_min`, whatever its status, so that a product that became draft
 * or archived is reported (map gives it an error issue): the SDK has no way for `read` to remove
 * items, so its offers stay until the products/update webhook or the next full read removes them.
 *
 * Only the last page carries the new checkpoint (earlier ones repeat the previous one): pages come
 * in id order, not by time, so a read that stops halfway must start over from the old checkpoint.
 */
export async function* readProducts(context: ShopifyContext, request: ReadRequest<ShopifyCheckpoint>): AsyncGenerator<ReadPage<ShopifyCheckpoint>> {
  const { signal } = context;
  signal.throwIfAborted();
  const previous = request.checkpoint ?? null;
  const incremental = request.mode === 'incremental' && previous !== null;
  const query: Record<string, string | number> = { limit: PRODUCTS_PER_PAGE, fields: PRODUCT_FIELDS };
  if (incremental) query.updated_at_min = previous.updatedAtMin;
  else query.status = 'active';
  let readStartedAt: number | null = null;
  let newest: number | null = null;
  const pages = listPages<{ products?: unknown }>(context, 'products', query);
  for (;;) {
    let next;
    try {
      next = await pages.next();
    } catch (error) {
      if (signal.aborted) throw error;
      throw explainFailure(error, adminUrl(context.settings, 'products'));
    }
    if (next.done) return;
    const { body, response, last } = next.value;
    readStartedAt ??= dateHeader(response.headers.date);
    const products = body.products;
    if (!Array.isArray(products)) throw notShopify(adminUrl(context.settings, 'products'));
    const items: RawItem[] = [];
    for (const product of products as ShopifyProduct[]) {
      if (typeof product?.id !== 'number' && typeof product?.id !== 'string') throw new ConnectorError('Shopify answered with a product that has no id.', 'format');
      const updatedAt = Date.parse(product.updated_at ?? '');
      if (!Number.isNaN(updatedAt)) newest = Math.max(newest ?? updatedAt, updatedAt);
      for (const variant of product.variants ?? []) {
        const data: VariantItem = { product, variant };
        // A variant always has an id; should one not, the product's id still points the retailer at it.
        items.push({ ref: { id: variant?.id != null ? String(variant.id) : `product ${product.id}` }, data });
      }
      if ((product.variants ?? []).length === 0) context.log('Shopify product without variants skipped', { productId: product.id });
    }
    signal.throwIfAborted();
    yield { items, checkpoint: last ? nextCheckpoint(previous, newest, readStartedAt) : previous };
  }
}

/**
 * One second before the newest change seen, and never after the read started (a product changed
 * while the read was under way may sit on a page read earlier). Nothing seen: the old checkpoint.
 */
function nextCheckpoint(previous: ShopifyCheckpoint, newest: number | null, readStartedAt: number | null): ShopifyCheckpoint {
  if (newest === null) return previous;
  const upTo = readStartedAt === null ? newest : Math.min(newest, readStartedAt);
  return { updatedAtMin: new Date(upTo - OVERLAP_MS).toISOString() };
}

/** The server's Date header, to the second: the read's start in Shopify's clock. */
function dateHeader(value: unknown): number | null {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(time) ? null : time;
}
