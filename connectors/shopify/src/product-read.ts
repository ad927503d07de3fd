import { ConnectorError, UpdatedSince, type RawItem, type ReadPage, type ReadRequest } from '#connector-sdk';
import { adminUrl, explainFailure, listPages, notShopify, type ShopifyContext } from './admin-api.js';
import type { ShopifyCheckpoint } from './settings.js';
import type { ShopifyProduct, VariantItem } from './shopify-types.js';

/** Shopify's largest page. */
export const PRODUCTS_PER_PAGE = 250;
const PRODUCT_FIELDS = 'id,title,body_html,handle,vendor,product_type,status,tags,options,images,variants,updated_at';

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
 * The checkpoint follows the SDK's UpdatedSince rules: the newest `updated_at` read, never after
 * the read began in Shopify's clock, asked from a second early; only the last page carries it.
 */
export async function* readProducts(
  context: ShopifyContext,
  request: ReadRequest<ShopifyCheckpoint>,
): AsyncGenerator<ReadPage<ShopifyCheckpoint>> {
  const { signal } = context;
  signal.throwIfAborted();
  const previous = request.checkpoint ?? null;
  const incremental = request.mode === 'incremental' && previous !== null;
  const query: Record<string, string | number> = { limit: PRODUCTS_PER_PAGE, fields: PRODUCT_FIELDS };
  const since = new UpdatedSince();
  if (incremental) query.updated_at_min = new Date(since.askFrom(Date.parse(previous.updatedAtMin))).toISOString();
  else query.status = 'active';
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
    since.answered(response.headers.date);
    const products = body.products;
    if (!Array.isArray(products)) throw notShopify(adminUrl(context.settings, 'products'));
    const items: RawItem[] = [];
    for (const product of products as ShopifyProduct[]) {
      if (typeof product?.id !== 'number' && typeof product?.id !== 'string')
        throw new ConnectorError('Shopify answered with a product that has no id.', 'format');
      since.saw(Date.parse(product.updated_at ?? ''));
      for (const variant of product.variants ?? []) {
        const data: VariantItem = { product, variant };
        // A variant always has an id; should one not, the product's id still points the retailer at it.
        items.push({ ref: { id: variant?.id != null ? String(variant.id) : `product ${product.id}` }, data });
      }
      if ((product.variants ?? []).length === 0)
        context.log('Shopify product without variants skipped', { productId: product.id });
    }
    signal.throwIfAborted();
    const upTo = since.next();
    yield { items, checkpoint: last && upTo !== null ? { updatedAtMin: new Date(upTo).toISOString() } : previous };
  }
}
