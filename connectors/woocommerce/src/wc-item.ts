import { normalizeGoogleItem, type GoogleItemFields } from '#connector-sdk';
import { normalizeGtin, type NormalizeResult } from '#domain';
import { itemId } from './item-id.js';
import { absoluteUrl, decodeEntities, gmtIso, integer, isObject, objects, text, type Json } from './wc-json.js';

/** What `read` yields per item: a simple product, a variation with its parent, or a product Souk cannot sell. */
export type WooRawItem =
  | { readonly kind: 'product'; readonly product: Json; readonly categoryPath: readonly string[] }
  | {
      readonly kind: 'variation';
      readonly product: Json;
      readonly variation: Json;
      readonly categoryPath: readonly string[];
    }
  | { readonly kind: 'unsupported'; readonly product: Json; readonly message: string };

const STOCK_STATUSES: Readonly<Record<string, string>> = {
  instock: 'in_stock',
  outofstock: 'out_of_stock',
  onbackorder: 'backorder',
};

/** WooCommerce attribute names (labels or `pa_` slugs) that are Google variant attributes. */
const VARIANT_ATTRIBUTES: Readonly<Record<string, string>> = {
  color: 'color',
  colour: 'color',
  size: 'size',
  material: 'material',
  pattern: 'pattern',
  gender: 'gender',
  age_group: 'age_group',
};

export function mapWooItem(data: unknown, currency: string, language: string | null): NormalizeResult {
  if (!isObject(data) || !isObject(data.product))
    return {
      offer: null,
      issues: [{ severity: 'error', field: null, message: 'the item is not a WooCommerce product' }],
    };
  const item = data as unknown as WooRawItem;
  if (item.kind === 'unsupported')
    return { offer: null, issues: [{ severity: 'error', field: 'type', message: item.message }] };
  // WooCommerce descriptions are HTML by design.
  return normalizeGoogleItem(googleFields(item, currency), { defaultLanguage: language, descriptionIsHtml: true });
}

/**
 * A product or variation as Google attributes. For a variation, what the variation does not have
 * comes from its parent: description, link, images, brand; the title is the parent's name and the
 * variation's attribute values.
 */
export function googleFields(item: Exclude<WooRawItem, { kind: 'unsupported' }>, currency: string): GoogleItemFields {
  const { product } = item;
  const variation = item.kind === 'variation' ? item.variation : null;
  const source = variation ?? product;
  const productId = integer(product, 'id') ?? 0;
  const fields: Record<string, string | string[]> = {};
  const set = (name: string, value: string | null | undefined) => {
    if (value !== null && value !== undefined && value !== '') fields[name] = value;
  };

  set('id', variation ? itemId(productId, integer(variation, 'id') ?? 0) : itemId(productId));
  const options = variation
    ? objects(variation, 'attributes')
        .map((attribute) => text(attribute, 'option'))
        .filter((option) => option !== null)
    : [];
  const name = text(product, 'name');
  set(
    'title',
    name === null ? null : options.length > 0 ? `${name} - ${options.map(decodeEntities).join(', ')}` : name,
  );
  set(
    'description',
    text(variation, 'description') ?? text(product, 'description') ?? text(product, 'short_description'),
  );
  // A variation's own page when it has one, else its parent's: the parent's link is still checked as a link.
  set('link', absoluteUrl(variation, 'permalink') ?? text(product, 'permalink'));

  const productImages = objects(product, 'images')
    .map((image) => text(image, 'src'))
    .filter((src) => src !== null);
  const ownImage = variation && isObject(variation.image) ? text(variation.image, 'src') : null;
  const mainImage = ownImage ?? productImages[0] ?? null;
  set('image_link', mainImage);
  const additional = productImages.filter((src) => src !== mainImage);
  if (additional.length > 0) fields.additional_image_link = additional;

  const status = text(source, 'stock_status');
  set('availability', status === null ? null : (STOCK_STATUSES[status] ?? status));
  const quantity = integer(source, 'stock_quantity');
  if (source.manage_stock !== false && quantity !== null) set('quantity', String(Math.max(0, quantity)));

  const price = wooMoney(source.regular_price) ?? wooMoney(source.price);
  set('price', price === null ? null : `${price} ${currency}`);
  Object.assign(fields, sale(source, currency));

  const sku = text(source, 'sku');
  const skuIsGtin = sku !== null && /^\d{12,14}$/.test(sku) && 'gtin' in normalizeGtin(sku);
  set('gtin', text(source, 'global_unique_id') ?? (skuIsGtin ? sku : null));
  set('mpn', skuIsGtin ? null : sku);
  const brand = objects(product, 'brands')
    .map((each) => text(each, 'name'))
    .find((each) => each !== null);
  set('brand', brand === undefined ? null : decodeEntities(brand));
  if (item.categoryPath.length > 0) set('product_type', item.categoryPath.join(' > '));
  if (variation) set('item_group_id', String(productId));
  Object.assign(fields, variantAttributes(product, variation));
  return fields;
}

/**
 * A WooCommerce money value, leniently: "19.90", "216", 216, 19.9 and "19,90" are amounts; "",
 * null and a missing field are no amount. The amount stays decimal text: normalizeGoogleItem
 * turns it into integer minor units exactly (never through a float).
 */
export function wooMoney(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  const amount = value.trim();
  if (amount === '') return null;
  return /^\d+,\d{1,2}$/.test(amount) ? amount.replace(',', '.') : amount;
}

/**
 * The sale: with both window dates, the sale price and its window; with none or one of them, the
 * sale price only while WooCommerce says the product is on sale (`on_sale`). WooCommerce's
 * scheduled-sales job saves the product when a sale starts or ends, which changes its
 * date_modified, so the next incremental read picks the change up.
 */
function sale(source: Json, currency: string): Record<string, string> {
  const amount = wooMoney(source.sale_price);
  if (amount === null) return {};
  const from = text(source, 'date_on_sale_from_gmt');
  const to = text(source, 'date_on_sale_to_gmt');
  if (from !== null && to !== null)
    return { sale_price: `${amount} ${currency}`, sale_price_effective_date: `${gmtIso(from)}/${gmtIso(to)}` };
  return source.on_sale === false ? {} : { sale_price: `${amount} ${currency}` };
}

function attributeName(name: string): string | undefined {
  const key = decodeEntities(name)
    .trim()
    .toLowerCase()
    .replace(/^pa_/, '')
    .replace(/[\s-]+/g, '_');
  return VARIANT_ATTRIBUTES[key];
}

/** Single-valued attributes of the product (all its variations share them), then the variation's own values. */
function variantAttributes(product: Json, variation: Json | null): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const attribute of objects(product, 'attributes')) {
    const name = attributeName(text(attribute, 'name') ?? text(attribute, 'slug') ?? '');
    const values = Array.isArray(attribute.options)
      ? attribute.options.filter((option): option is string => typeof option === 'string' && option.trim() !== '')
      : [];
    if (name && values.length === 1) attributes[name] = decodeEntities(values[0]!);
  }
  for (const attribute of variation ? objects(variation, 'attributes') : []) {
    const name = attributeName(text(attribute, 'name') ?? text(attribute, 'slug') ?? '');
    const option = text(attribute, 'option');
    if (name && option !== null) attributes[name] = decodeEntities(option);
  }
  return attributes;
}
