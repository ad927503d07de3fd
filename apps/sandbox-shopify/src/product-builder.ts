import { shopTime } from './shop-clock.js';
import type { ProductStatus, ShopifyImage, ShopifyOption, ShopifyProduct, ShopifyVariant } from './shopify-types.js';

export interface VariantInput {
  readonly title?: string;
  readonly price?: string;
  readonly compare_at_price?: string | null;
  readonly sku?: string | null;
  readonly barcode?: string | null;
  readonly option1?: string | null;
  readonly option2?: string | null;
  readonly option3?: string | null;
  readonly inventory_quantity?: number;
  readonly inventory_policy?: 'deny' | 'continue';
  readonly inventory_management?: 'shopify' | null;
  /** The index in the product's images of this variant's own picture. */
  readonly image_index?: number | null;
}

/** What createProduct takes: anything left out gets Shopify's default. */
export interface ProductInput {
  readonly title: string;
  readonly body_html?: string | null;
  readonly vendor?: string;
  readonly product_type?: string;
  readonly handle?: string;
  readonly status?: ProductStatus;
  readonly tags?: string;
  /** Option names, in order; without them a product with one plain variant has Shopify's "Title". */
  readonly options?: readonly string[];
  readonly images?: readonly { readonly src: string; readonly alt?: string | null }[];
  /** Without variants the product gets one "Default Title" variant priced "0.00". */
  readonly variants?: readonly VariantInput[];
}

const ID_STARTS = {
  product: 8_000_000_000_000,
  variant: 45_000_000_000_000,
  image: 36_000_000_000_000,
  option: 10_000_000_000_000,
  inventoryItem: 47_000_000_000_000,
  order: 5_500_000_000_000,
  lineItem: 14_000_000_000_000,
  customer: 7_200_000_000_000,
  fulfillment: 4_800_000_000_000,
} as const;

export type IdKind = keyof typeof ID_STARTS;

/** Shopify-sized ids (13-14 digits, below 2^53), increasing per kind, never reused. */
export class IdSequence {
  private readonly last = new Map<IdKind, number>();

  next(kind: IdKind): number {
    const id = (this.last.get(kind) ?? ID_STARTS[kind]) + 97;
    this.last.set(kind, id);
    return id;
  }
}

export function gid(type: string, id: number): string {
  return `gid://shopify/${type}/${id}`;
}

export function handleOf(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'product'
  );
}

/** A whole product as Shopify stores it, with fresh ids, created and updated at `at`. */
export function buildProduct(ids: IdSequence, input: ProductInput, at: number): ShopifyProduct {
  const time = shopTime(at);
  const productId = ids.next('product');
  const images: ShopifyImage[] = (input.images ?? []).map((image, index) => {
    const id = ids.next('image');
    return {
      id,
      product_id: productId,
      position: index + 1,
      src: image.src,
      alt: image.alt ?? null,
      width: 1024,
      height: 1024,
      variant_ids: [],
      created_at: time,
      updated_at: time,
      admin_graphql_api_id: gid('ProductImage', id),
    };
  });
  const variantInputs = input.variants && input.variants.length > 0 ? input.variants : [{}];
  const plain = !input.options && variantInputs.length === 1 && variantInputs[0]!.option1 == null;
  const variants = variantInputs.map((variant, index) =>
    buildVariant(ids, productId, variant, index, plain, images, time),
  );
  const optionNames =
    input.options ?? (plain ? ['Title'] : ['Option1', 'Option2', 'Option3'].slice(0, optionCount(variants)));
  const options: ShopifyOption[] = optionNames.map((name, index) => ({
    id: ids.next('option'),
    product_id: productId,
    name,
    position: index + 1,
    values: [
      ...new Set(
        variants.map((variant) => optionValue(variant, index)).filter((value): value is string => value !== null),
      ),
    ],
  }));
  return {
    id: productId,
    title: input.title,
    body_html: input.body_html === undefined ? '' : input.body_html,
    vendor: input.vendor ?? 'Sandbox Store',
    product_type: input.product_type ?? '',
    handle: input.handle ?? handleOf(input.title),
    status: input.status ?? 'active',
    tags: input.tags ?? '',
    template_suffix: null,
    published_scope: 'global',
    published_at: (input.status ?? 'active') === 'active' ? time : null,
    created_at: time,
    updated_at: time,
    options,
    images,
    image: images[0] ?? null,
    variants,
    admin_graphql_api_id: gid('Product', productId),
  };
}

function buildVariant(
  ids: IdSequence,
  productId: number,
  input: VariantInput,
  index: number,
  plain: boolean,
  images: ShopifyImage[],
  time: string,
): ShopifyVariant {
  const id = ids.next('variant');
  const option1 = plain ? 'Default Title' : (input.option1 ?? null);
  const option2 = input.option2 ?? null;
  const option3 = input.option3 ?? null;
  const image = input.image_index == null ? undefined : images[input.image_index];
  if (image) image.variant_ids.push(id);
  const quantity = input.inventory_quantity ?? 0;
  return {
    id,
    product_id: productId,
    title:
      input.title ?? ([option1, option2, option3].filter((value) => value !== null).join(' / ') || 'Default Title'),
    price: input.price ?? '0.00',
    compare_at_price: input.compare_at_price ?? null,
    sku: input.sku === undefined ? '' : input.sku,
    barcode: input.barcode === undefined ? null : input.barcode,
    position: index + 1,
    option1,
    option2,
    option3,
    inventory_quantity: quantity,
    old_inventory_quantity: quantity,
    inventory_policy: input.inventory_policy ?? 'deny',
    inventory_management: input.inventory_management === undefined ? 'shopify' : input.inventory_management,
    inventory_item_id: ids.next('inventoryItem'),
    fulfillment_service: 'manual',
    requires_shipping: true,
    taxable: true,
    grams: 500,
    weight: 0.5,
    weight_unit: 'kg',
    image_id: image?.id ?? null,
    created_at: time,
    updated_at: time,
    admin_graphql_api_id: gid('ProductVariant', id),
  };
}

function optionValue(variant: ShopifyVariant, index: number): string | null {
  return [variant.option1, variant.option2, variant.option3][index] ?? null;
}

function optionCount(variants: readonly ShopifyVariant[]): number {
  return Math.max(1, ...variants.map((variant) => (variant.option3 !== null ? 3 : variant.option2 !== null ? 2 : 1)));
}
