import { SiteClock, parseCents } from './wp-rest.js';

/** A product as the sandbox stores it; rendered to WooCommerce's REST JSON by `renderProduct`. */
export interface StoredProduct {
  readonly id: number;
  name: string;
  slug: string;
  type: 'simple' | 'variable' | 'grouped' | 'external';
  status: 'publish' | 'draft' | 'private' | 'pending' | 'trash';
  catalogVisibility: 'visible' | 'catalog' | 'search' | 'hidden';
  description: string;
  shortDescription: string;
  sku: string;
  globalUniqueId: string;
  /** The raw meta values: "19.90", "216", "" and, from broken plugins, null. */
  regularPrice: string | null;
  salePrice: string | null;
  saleFromGmt: number | null;
  saleToGmt: number | null;
  manageStock: boolean;
  stockQuantity: number | null;
  stockStatus: 'instock' | 'outofstock' | 'onbackorder';
  categoryIds: number[];
  tags: { id: number; name: string; slug: string }[];
  images: StoredImage[];
  attributes: StoredAttribute[];
  variations: StoredVariation[];
  groupedProducts: number[];
  externalUrl: string;
  createdGmt: number;
  modifiedGmt: number;
}

export interface StoredImage {
  readonly id: number;
  readonly path: string;
  readonly alt: string;
  readonly name: string;
}

export interface StoredAttribute {
  readonly id: number;
  readonly name: string;
  readonly slug: string;
  readonly variation: boolean;
  readonly options: string[];
}

export interface StoredVariation {
  readonly id: number;
  readonly parentId: number;
  sku: string;
  globalUniqueId: string;
  regularPrice: string | null;
  salePrice: string | null;
  saleFromGmt: number | null;
  saleToGmt: number | null;
  /** Disabled variations are `private`. */
  status: 'publish' | 'private';
  manageStock: boolean | 'parent';
  stockQuantity: number | null;
  stockStatus: 'instock' | 'outofstock' | 'onbackorder';
  description: string;
  image: StoredImage | null;
  attributes: { id: number; name: string; option: string }[];
  menuOrder: number;
  createdGmt: number;
  modifiedGmt: number;
}

export interface StoredCategory {
  readonly id: number;
  /** As WordPress stores term names: "&" escaped as "&amp;". */
  readonly name: string;
  readonly slug: string;
  readonly parent: number;
}

export interface GeneratedCatalog {
  readonly categories: StoredCategory[];
  readonly products: StoredProduct[];
  /** The next free post id (products, variations, attachments and orders share them, as in wp_posts). */
  readonly nextId: number;
}

/** A small seeded PRNG (Mulberry32), so the same seed makes the same store. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORY_TREE: readonly [string, string, readonly [string, string][]][] = [
  [
    'Clothing',
    'clothing',
    [
      ['Hoodies', 'hoodies'],
      ['T-shirts', 't-shirts'],
      ['Accessories', 'accessories'],
    ],
  ],
  [
    'Electronics',
    'electronics',
    [
      ['Audio', 'audio'],
      ['Chargers &amp; Cables', 'chargers-cables'],
    ],
  ],
  [
    'Home &amp; Garden',
    'home-garden',
    [
      ['Kitchen', 'kitchen'],
      ['Lighting', 'lighting'],
    ],
  ],
];

const NOUNS = [
  'Hoodie',
  'T-Shirt',
  'Beanie',
  'Speaker',
  'Headphones',
  'Cable',
  'Mug',
  'Lamp',
  'Kettle',
  'Scarf',
  'Charger',
  'Cap',
];
const ADJECTIVES = [
  'Classic',
  'Organic',
  'Vintage',
  'Compact',
  'Deluxe',
  'Everyday',
  'Nordic',
  'Café',
  'Urban',
  'Soft',
];
const COLORS = ['Blue', 'Red', 'Black', 'Green', 'Grey'];
const SIZES = ['S', 'M', 'L', 'XL'];

/** Odd price meta that real stores hold, every now and then. */
const ODD_PRICES: readonly string[] = ['216', '19.9', '5', '1249.5'];

/** Valid EAN-13s, for the occasional SKU or GTIN field that holds one. */
const EANS = ['4006381333931', '5901234123457', '8712345678906', '4012345678901', '8711253001202'];

export interface CatalogOptions {
  readonly products: number;
  readonly variableShare: number;
  readonly seed: number;
  /** The epoch the generated dates spread back from. */
  readonly now: number;
}

/**
 * A deterministic store: a category tree (names with `&amp;` as WordPress stores them), and
 * products that are mostly simple or variable, with a few grouped and external ones, some drafts,
 * odd money strings ("216", "", null), sales with and without windows, the three stock statuses
 * and HTML descriptions.
 */
export function generateCatalog(options: CatalogOptions): GeneratedCatalog {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  let nextId = 10;
  const categories: StoredCategory[] = [];
  const leaves: StoredCategory[] = [];
  for (const [name, slug, children] of CATEGORY_TREE) {
    const parent = { id: nextId++, name, slug, parent: 0 };
    categories.push(parent);
    for (const [childName, childSlug] of children) {
      const child = { id: nextId++, name: childName, slug: childSlug, parent: parent.id };
      categories.push(child);
      leaves.push(child);
    }
  }
  const uncategorized = { id: nextId++, name: 'Uncategorized', slug: 'uncategorized', parent: 0 };
  categories.push(uncategorized);

  // Generated products were last modified over the year before `now`, in id order.
  const start = options.now - 365 * 24 * 3600_000;
  const step = Math.max(1000, Math.floor((300 * 24 * 3600_000) / Math.max(1, options.products)));
  const products: StoredProduct[] = [];
  for (let index = 0; index < options.products; index++) {
    const id = nextId++;
    const name = `${pick(ADJECTIVES)} ${pick(NOUNS)} ${index + 1}`;
    const slug = name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const type: StoredProduct['type'] =
      index % 97 === 50
        ? 'grouped'
        : index % 89 === 60
          ? 'external'
          : random() < options.variableShare
            ? 'variable'
            : 'simple';
    const leaf = pick(leaves);
    const modifiedGmt = Math.floor((start + index * step) / 1000) * 1000;
    const imageCount = index % 11 === 3 ? 0 : 1 + Math.floor(random() * 3);
    const images: StoredImage[] = Array.from({ length: imageCount }, (_, n) => ({
      id: nextId++,
      path: `/wp-content/uploads/2025/${String((index % 12) + 1).padStart(2, '0')}/${slug}-${n + 1}.jpg`,
      alt: n === 0 ? name : '',
      name: `${slug}-${n + 1}`,
    }));
    const cents = 500 + Math.floor(random() * 20000);
    const regularPrice =
      index % 31 === 30 ? null : index % 29 === 28 ? '' : index % 17 === 5 ? pick(ODD_PRICES) : formatPrice(cents);
    const onSale = index % 7 === 3 && regularPrice !== null && regularPrice !== '';
    const windowed = onSale && index % 2 === 1;
    const product: StoredProduct = {
      id,
      name,
      slug,
      type,
      status: index % 41 === 40 ? 'draft' : index % 53 === 20 ? 'private' : 'publish',
      catalogVisibility: index % 67 === 33 ? 'hidden' : 'visible',
      description:
        `<p>The <strong>${name}</strong> is one of our best sellers.</p>\n` +
        '<ul><li>Quality you can feel</li><li>Ships in 2 days</li></ul>' +
        (index % 23 === 7 ? '<script>trackView()</script>' : ''),
      shortDescription: `<p>${name} &#8211; made to last.</p>`,
      sku: index % 13 === 4 ? pick(EANS) : index % 19 === 9 ? '' : `SKU-${String(id).padStart(6, '0')}`,
      globalUniqueId: index % 10 === 0 ? pick(EANS) : '',
      regularPrice,
      salePrice: onSale ? formatPrice(Math.floor((parseCents(regularPrice) ?? cents) * 0.8)) : '',
      saleFromGmt: windowed ? options.now - 24 * 3600_000 : null,
      saleToGmt: windowed ? options.now + 14 * 24 * 3600_000 : null,
      manageStock: index % 2 === 0,
      stockQuantity: index % 2 === 0 ? (index % 13 === 6 ? -2 : Math.floor(random() * 40)) : null,
      stockStatus: index % 13 === 6 ? 'onbackorder' : index % 9 === 4 ? 'outofstock' : 'instock',
      categoryIds: index % 37 === 12 ? [uncategorized.id] : random() < 0.5 ? [leaf.parent, leaf.id] : [leaf.id],
      tags: index % 5 === 0 ? [{ id: 9000, name: 'New', slug: 'new' }] : [],
      images,
      attributes: [],
      variations: [],
      groupedProducts: [],
      externalUrl: type === 'external' ? `https://partner.example/item/${id}` : '',
      createdGmt: modifiedGmt - 30 * 24 * 3600_000,
      modifiedGmt,
    };
    if (type === 'variable') nextId = addVariations(product, nextId, random, index);
    if (type === 'grouped') product.groupedProducts = products.slice(-2).map((each) => each.id);
    products.push(product);
  }
  return { categories, products, nextId };
}

function addVariations(product: StoredProduct, firstId: number, random: () => number, index: number): number {
  let nextId = firstId;
  const colors = COLORS.slice(0, 1 + Math.floor(random() * 3));
  const sizes = index % 3 === 0 ? [] : SIZES.slice(0, 1 + Math.floor(random() * 3));
  product.attributes = [
    { id: 1, name: 'Color', slug: 'pa_color', variation: true, options: colors },
    ...(sizes.length > 0 ? [{ id: 0, name: 'Size', slug: 'size', variation: true, options: sizes }] : []),
    { id: 0, name: 'Material', slug: 'material', variation: false, options: ['Cotton'] },
  ];
  product.regularPrice = '';
  product.salePrice = '';
  product.saleFromGmt = null;
  product.saleToGmt = null;
  const combinations: [string, string | null][] = colors.flatMap((color) =>
    sizes.length > 0 ? sizes.map((size): [string, string | null] => [color, size]) : [[color, null]],
  );
  combinations.slice(0, 6).forEach(([color, size], order) => {
    const id = nextId++;
    const cents = 1000 + Math.floor(random() * 9000);
    const attributes = [
      { id: 1, name: 'Color', option: color },
      ...(size ? [{ id: 0, name: 'Size', option: size }] : []),
    ];
    product.variations.push({
      id,
      parentId: product.id,
      sku: order === 1 && index % 4 === 1 ? '' : `${`SKU-${String(product.id).padStart(6, '0')}`}-${order + 1}`,
      globalUniqueId: '',
      regularPrice: index % 43 === 21 && order === 0 ? '' : formatPrice(cents),
      salePrice: order === 0 && index % 5 === 2 ? formatPrice(Math.floor(cents * 0.9)) : '',
      saleFromGmt: null,
      saleToGmt: null,
      status: order === 2 && index % 6 === 1 ? 'private' : 'publish',
      // Even products manage stock: every fourth at the parent, the others per variation.
      manageStock: index % 4 === 0 ? 'parent' : index % 2 === 0,
      stockQuantity: index % 4 === 2 ? Math.floor(random() * 20) : null,
      stockStatus: order === 1 && index % 4 === 3 ? 'outofstock' : 'instock',
      description: order === 0 ? `<p>${color}${size ? `, size ${size}` : ''}.</p>` : '',
      image: order === 0 && product.images[0] ? { ...product.images[0], id: nextId++ } : null,
      attributes,
      menuOrder: order,
      createdGmt: product.createdGmt,
      modifiedGmt: product.modifiedGmt,
    });
  });
  return nextId;
}

function formatPrice(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Whether a sale applies at `now`: a sale price, and `now` inside its window when it has one. */
function saleActive(salePrice: string | null, from: number | null, to: number | null, now: number): boolean {
  if (parseCents(salePrice) === null) return false;
  return (from === null || from <= now) && (to === null || to >= now);
}

/** The price WooCommerce charges now (`price`): the sale price during a sale, else the regular price. */
export function activePrice(
  item: Pick<StoredVariation, 'regularPrice' | 'salePrice' | 'saleFromGmt' | 'saleToGmt'>,
  now: number,
): string | null {
  return saleActive(item.salePrice, item.saleFromGmt, item.saleToGmt, now) ? item.salePrice : item.regularPrice;
}

export interface RenderContext {
  readonly siteUrl: string;
  readonly clock: SiteClock;
  readonly categories: ReadonlyMap<number, StoredCategory>;
  readonly now: number;
}

function renderImage(image: StoredImage, context: RenderContext, product: { createdGmt: number; modifiedGmt: number }) {
  return {
    id: image.id,
    date_created: context.clock.local(product.createdGmt),
    date_created_gmt: context.clock.gmt(product.createdGmt),
    date_modified: context.clock.local(product.modifiedGmt),
    date_modified_gmt: context.clock.gmt(product.modifiedGmt),
    src: `${context.siteUrl}${image.path}`,
    name: image.name,
    alt: image.alt,
  };
}

function dates(prefix: 'date_on_sale_from' | 'date_on_sale_to', epoch: number | null, context: RenderContext) {
  return {
    [prefix]: epoch === null ? null : context.clock.local(epoch),
    [`${prefix}_gmt`]: epoch === null ? null : context.clock.gmt(epoch),
  };
}

/** A product as GET /wc/v3/products renders it. */
export function renderProduct(product: StoredProduct, context: RenderContext): Record<string, unknown> {
  const { clock } = context;
  const published = product.variations.filter((variation) => variation.status === 'publish');
  const variablePrices = published
    .map((variation) => activePrice(variation, context.now))
    .filter((price) => parseCents(price) !== null) as string[];
  const price =
    product.type === 'variable'
      ? (variablePrices.sort((a, b) => parseCents(a)! - parseCents(b)!)[0] ?? '')
      : activePrice(product, context.now);
  const onSale =
    product.type === 'variable'
      ? published.some((variation) =>
          saleActive(variation.salePrice, variation.saleFromGmt, variation.saleToGmt, context.now),
        )
      : saleActive(product.salePrice, product.saleFromGmt, product.saleToGmt, context.now);
  return {
    id: product.id,
    name: product.name,
    slug: product.slug,
    permalink: `${context.siteUrl}/product/${product.slug}/`,
    date_created: clock.local(product.createdGmt),
    date_created_gmt: clock.gmt(product.createdGmt),
    date_modified: clock.local(product.modifiedGmt),
    date_modified_gmt: clock.gmt(product.modifiedGmt),
    type: product.type,
    status: product.status,
    featured: false,
    catalog_visibility: product.catalogVisibility,
    description: product.description,
    short_description: product.shortDescription,
    sku: product.sku,
    global_unique_id: product.globalUniqueId,
    price,
    regular_price: product.regularPrice,
    sale_price: product.salePrice,
    ...dates('date_on_sale_from', product.saleFromGmt, context),
    ...dates('date_on_sale_to', product.saleToGmt, context),
    on_sale: onSale,
    purchasable: product.type !== 'external' && parseCents(price) !== null,
    total_sales: 0,
    virtual: false,
    downloadable: false,
    external_url: product.externalUrl,
    button_text: product.type === 'external' ? 'Buy at our partner' : '',
    tax_status: 'taxable',
    tax_class: '',
    manage_stock: product.manageStock,
    stock_quantity: product.stockQuantity,
    backorders: product.stockStatus === 'onbackorder' ? 'notify' : 'no',
    backorders_allowed: product.stockStatus === 'onbackorder',
    backordered: product.stockStatus === 'onbackorder',
    low_stock_amount: null,
    sold_individually: false,
    weight: '',
    dimensions: { length: '', width: '', height: '' },
    shipping_required: true,
    reviews_allowed: true,
    average_rating: '0',
    rating_count: 0,
    upsell_ids: [],
    cross_sell_ids: [],
    parent_id: 0,
    purchase_note: '',
    categories: product.categoryIds
      .map((id) => context.categories.get(id))
      .filter((each) => each !== undefined)
      .map(({ id, name, slug }) => ({ id, name, slug })),
    tags: product.tags,
    brands: [],
    images: product.images.map((image) => renderImage(image, context, product)),
    attributes: product.attributes.map((attribute, position) => ({
      id: attribute.id,
      name: attribute.name,
      slug: attribute.slug,
      position,
      visible: true,
      variation: attribute.variation,
      options: attribute.options,
    })),
    default_attributes: [],
    variations: product.variations.map((variation) => variation.id),
    grouped_products: product.groupedProducts,
    menu_order: 0,
    price_html: '',
    related_ids: [],
    meta_data: [],
    stock_status: product.stockStatus,
    has_options: product.type === 'variable',
    post_password: '',
    _links: {
      self: [{ href: `${context.siteUrl}/wp-json/wc/v3/products/${product.id}` }],
      collection: [{ href: `${context.siteUrl}/wp-json/wc/v3/products` }],
    },
  };
}

/** A variation as GET /wc/v3/products/{id}/variations renders it. */
export function renderVariation(
  product: StoredProduct,
  variation: StoredVariation,
  context: RenderContext,
): Record<string, unknown> {
  const { clock } = context;
  const price = activePrice(variation, context.now);
  const stockQuantity = variation.manageStock === 'parent' ? product.stockQuantity : variation.stockQuantity;
  const query = variation.attributes.map(
    (attribute) =>
      `attribute_${attribute.id ? 'pa_' : ''}${attribute.name.toLowerCase()}=` +
      `${encodeURIComponent(attribute.option.toLowerCase())}`,
  );
  return {
    id: variation.id,
    type: 'variation',
    parent_id: product.id,
    name: `${product.name} - ${variation.attributes.map((attribute) => attribute.option).join(', ')}`,
    date_created: clock.local(variation.createdGmt),
    date_created_gmt: clock.gmt(variation.createdGmt),
    date_modified: clock.local(variation.modifiedGmt),
    date_modified_gmt: clock.gmt(variation.modifiedGmt),
    description: variation.description,
    permalink: `${context.siteUrl}/product/${product.slug}/?${query.join('&')}`,
    sku: variation.sku,
    global_unique_id: variation.globalUniqueId,
    price,
    regular_price: variation.regularPrice,
    sale_price: variation.salePrice,
    ...dates('date_on_sale_from', variation.saleFromGmt, context),
    ...dates('date_on_sale_to', variation.saleToGmt, context),
    on_sale: saleActive(variation.salePrice, variation.saleFromGmt, variation.saleToGmt, context.now),
    status: variation.status,
    purchasable: variation.status === 'publish' && parseCents(price) !== null,
    virtual: false,
    downloadable: false,
    tax_status: 'taxable',
    tax_class: '',
    manage_stock: variation.manageStock,
    stock_quantity: stockQuantity,
    stock_status: variation.stockStatus,
    backorders: 'no',
    backorders_allowed: false,
    backordered: false,
    low_stock_amount: null,
    weight: '',
    dimensions: { length: '', width: '', height: '' },
    shipping_class: '',
    image: variation.image ? renderImage(variation.image, context, variation) : null,
    attributes: variation.attributes,
    menu_order: variation.menuOrder,
    meta_data: [],
    _links: {
      self: [{ href: `${context.siteUrl}/wp-json/wc/v3/products/${product.id}/variations/${variation.id}` }],
      up: [{ href: `${context.siteUrl}/wp-json/wc/v3/products/${product.id}` }],
    },
  };
}

export function renderCategory(category: StoredCategory, count: number): Record<string, unknown> {
  return {
    id: category.id,
    name: category.name,
    slug: category.slug,
    parent: category.parent,
    description: '',
    display: 'default',
    image: null,
    menu_order: 0,
    count,
  };
}
