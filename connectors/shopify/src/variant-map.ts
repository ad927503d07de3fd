import { normalizeGoogleItem, type GoogleItemFields, type RawItem } from '#connector-sdk';
import { InvalidAmountError, OFFER_LIMITS, parseDecimalAmount, type NormalizeResult } from '#domain';
import type { ShopifyContext } from './admin-api.js';
import type { ShopifyProduct, ShopifyVariant, VariantItem } from './shopify-types.js';

const DEFAULT_TITLE = 'Default Title';

/**
 * One variant to a normalized offer, through the Google item normalizer (see README.md for the
 * mapping table). Shopify specifics handled here: the offer's price is compare_at_price and its
 * sale price the variant's price when compare_at_price is higher (Google's convention); variant
 * options become variant attributes named after the product's options; availability comes from
 * the stock and inventory_policy; body_html is always HTML, so its conversion is not a warning.
 */
export function mapVariant(item: RawItem, context: ShopifyContext): NormalizeResult {
  const data = item.data as Partial<VariantItem> | null;
  if (!data?.product || !data.variant)
    return {
      offer: null,
      issues: [{ severity: 'error', field: null, message: 'the item is not a Shopify variant with its product' }],
    };
  const { product, variant } = data as VariantItem;
  if (product.status !== 'active') {
    return {
      offer: null,
      issues: [
        {
          severity: 'error',
          field: 'status',
          message:
            `the product is ${product.status ?? 'not active'} in Shopify, so it is not offered; ` +
            `an offer it had is removed by the products/update webhook or the next full sync`,
        },
      ],
    };
  }
  const currency = context.retailer.defaultCurrency;
  const fields: Record<string, string | string[] | undefined> = {
    id: variant.id != null ? String(variant.id) : undefined,
    item_group_id: String(product.id),
    title: titleOf(product, variant),
    description: product.body_html ?? undefined,
    link: product.handle
      ? `${context.settings.shopUrl}/products/${encodeURIComponent(product.handle)}?variant=${variant.id}`
      : undefined,
    ...images(product, variant),
    ...prices(variant, currency),
    ...stock(variant),
    gtin: text(variant.barcode),
    mpn: text(variant.sku),
    brand: text(product.vendor),
    product_type: categoryPath(product),
    condition: 'new',
  };
  return normalizeGoogleItem(fields as GoogleItemFields, {
    defaultLanguage: context.settings.language ?? null,
    descriptionIsHtml: true,
    variantAttributes: variantAttributes(product, variant),
  });
}

function titleOf(product: ShopifyProduct, variant: ShopifyVariant): string | undefined {
  const title = text(product.title);
  const variantTitle = text(variant.title);
  if (title === undefined || variantTitle === undefined || isPlaceholder(product, 'Title', variantTitle)) return title;
  return `${title} - ${variantTitle}`;
}

/**
 * Shopify gives a product without options one option "Title" valued "Default Title"; shops that import
 * products often name that lone option "Title" and give it the product's name instead. Neither is a choice.
 */
function isPlaceholder(product: ShopifyProduct, optionName: string, value: string): boolean {
  if (value === DEFAULT_TITLE) return true;
  return optionName.trim().toLowerCase() === 'title' && value.trim() === text(product.title);
}

/** The variant's own image, else the product's first; the product's other images as additional ones. */
function images(
  product: ShopifyProduct,
  variant: ShopifyVariant,
): { image_link?: string; additional_image_link?: string[] } {
  const all = [...(product.images ?? [])]
    .filter((image) => text(image?.src) !== undefined)
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const main = all.find((image) => variant.image_id != null && image.id === variant.image_id) ?? all[0];
  if (!main) return {};
  const others = all.filter((image) => image !== main).map((image) => image.src);
  return { image_link: main.src, additional_image_link: others.slice(0, OFFER_LIMITS.additionalImages) };
}

/**
 * Google's price and sale_price in the retailer's currency. When compare_at_price is above price,
 * the item is on sale: price is compare_at_price (the regular price) and sale_price is price.
 * compare_at_price null, "", "0.00", equal to or below price means no sale. Compared exactly.
 */
function prices(variant: ShopifyVariant, currency: string): { price?: string; sale_price?: string } {
  const price = text(variant.price);
  if (price === undefined) return {};
  const compareAt = text(variant.compare_at_price);
  if (compareAt !== undefined) {
    const regular = minorUnits(compareAt, currency);
    const current = minorUnits(price, currency);
    if (regular !== null && current !== null && regular > current)
      return { price: `${compareAt} ${currency}`, sale_price: `${price} ${currency}` };
  }
  return { price: `${price} ${currency}` };
}

function minorUnits(amount: string, currency: string): number | null {
  try {
    return parseDecimalAmount(amount, currency).amountMinor;
  } catch (error) {
    if (error instanceof InvalidAmountError) return null;
    throw error;
  }
}

/**
 * Untracked stock (inventory_management null) can always be sold: in_stock, quantity unknown.
 * Tracked: above 0 is in_stock; 0 or below is backorder when inventory_policy is "continue"
 * (Shopify keeps selling), else out_of_stock. Negative stock counts as 0.
 */
function stock(variant: ShopifyVariant): { availability: string; quantity?: string } {
  if (
    variant.inventory_management === null ||
    (variant.inventory_management === undefined && variant.inventory_quantity == null)
  )
    return { availability: 'in_stock' };
  const quantity =
    typeof variant.inventory_quantity === 'number' && Number.isFinite(variant.inventory_quantity)
      ? Math.trunc(variant.inventory_quantity)
      : 0;
  if (quantity > 0) return { availability: 'in_stock', quantity: String(quantity) };
  return { availability: variant.inventory_policy === 'continue' ? 'backorder' : 'out_of_stock', quantity: '0' };
}

/**
 * The shop's product_type. Tags are not part of it: they are labels in no order ("digimon", "sale",
 * "egnition-sample-data"), not the levels of a hierarchy.
 */
function categoryPath(product: ShopifyProduct): string | undefined {
  return text(product.product_type);
}

/**
 * Option values by the product's option names, in option order ("Size" gives size); not Shopify's
 * placeholder "Title: Default Title".
 */
function variantAttributes(product: ShopifyProduct, variant: ShopifyVariant): Record<string, string> {
  const options = [...(product.options ?? [])].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const values = [variant.option1, variant.option2, variant.option3];
  const attributes: Record<string, string> = {};
  options.slice(0, 3).forEach((option, index) => {
    const value = values[index] ?? '';
    if (option?.name && !isPlaceholder(product, option.name, value)) attributes[option.name] = value;
  });
  return attributes;
}

/** A non-blank string (numbers written as strings); undefined otherwise. */
function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
