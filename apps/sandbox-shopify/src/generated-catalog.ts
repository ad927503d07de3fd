import { gtinCheckDigit } from '#domain';
import { fromCents, shopTime } from './shop-clock.js';
import { buildProduct, handleOf, type IdSequence, type ProductInput, type VariantInput } from './product-builder.js';
import { SeededRandom } from './random.js';
import type { ProductStatus, ShopifyProduct } from './shopify-types.js';

const ADJECTIVES = [
  'Classic',
  'Organic',
  'Vintage',
  'Everyday',
  'Café Crème',
  'Merino',
  'Trail',
  'Linen',
  'Bamboo',
  'Recycled',
  'Heavy-Duty',
  'Mini',
];
const NOUNS = [
  'T-Shirt',
  'Hoodie',
  'Mug',
  'Backpack',
  'Candle',
  'Sneaker',
  'Notebook',
  'Water Bottle',
  'Beanie',
  'Tote Bag',
  'Desk Lamp',
  'Scarf',
];
const VENDORS = ['Northwind', 'Acme Goods', 'Lumen & Co', 'Fjällräven-ish', 'Sandbox Store'];
/** "" is a product without a type, as many shops have. */
const PRODUCT_TYPES = ['Apparel', 'Home & Kitchen', 'Accessories', 'Stationery', ''];
const TAG_SETS = ['', 'summer, sale', 'new', 'eco,  gift ideas', 'bestseller, limited edition, sale'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
const COLORS = ['Black', 'White', 'Navy', 'Forest Green', 'Sand'];
const START = Date.UTC(2024, 0, 8, 9, 0, 0);

export interface GeneratedCatalogOptions {
  readonly products: number;
  readonly variantsPerProduct: number;
  readonly seed: number;
}

/**
 * A shop's catalog, the same for the same options on every machine, with the odd values real
 * shops have: about 80% active, 10% draft, 10% archived products; every 7th product has one
 * "Default Title" variant; a fifth have no images; prices as strings with compare_at_price null,
 * higher, equal, lower or "0.00"; barcodes that are valid GTIN-13 or UPC-12, "", null or have a
 * wrong check digit; zero and negative stock; inventory_policy continue; untracked inventory;
 * product_type ""; tags with odd spacing; HTML descriptions with entities, or none. Products are
 * created an hour apart from 2024-01-08 on and last updated up to 30 days later.
 */
export function generateCatalog(ids: IdSequence, options: GeneratedCatalogOptions): ShopifyProduct[] {
  const random = new SeededRandom(options.seed);
  const products: ShopifyProduct[] = [];
  for (let n = 0; n < options.products; n++) {
    const createdAt = START + n * 3_600_000;
    const product = buildProduct(ids, productInput(random, n, options.variantsPerProduct), createdAt);
    const updatedAt = shopTime(createdAt + random.int(0, 30 * 24 * 3600) * 1000);
    product.updated_at = updatedAt;
    for (const variant of product.variants) variant.updated_at = updatedAt;
    products.push(product);
  }
  return products;
}

function productInput(random: SeededRandom, n: number, variantsPerProduct: number): ProductInput {
  const title = `${random.pick(ADJECTIVES)} ${random.pick(NOUNS)} ${n + 1}`;
  const handle = handleOf(title);
  const vendor = random.pick(VENDORS);
  const statusDraw = random.next();
  const status: ProductStatus = n === 0 || statusDraw < 0.8 ? 'active' : statusDraw < 0.9 ? 'draft' : 'archived';
  const imageCount = n % 5 === 4 ? 0 : random.int(1, 3);
  const images = Array.from({ length: imageCount }, (_, k) => ({
    src: `https://cdn.shopify.com/s/files/1/0000/0001/products/${handle}-${k + 1}.jpg?v=1704700800`,
    alt: k === 0 ? title : null,
  }));
  const single = n % 7 === 3 || variantsPerProduct <= 1;
  const twoOptions = !single && variantsPerProduct > SIZES.length;
  const variants: VariantInput[] = Array.from({ length: single ? 1 : variantsPerProduct }, (_, index) => ({
    ...(single
      ? {}
      : twoOptions
        ? { option1: COLORS[Math.floor(index / SIZES.length) % COLORS.length], option2: SIZES[index % SIZES.length] }
        : { option1: SIZES[index % SIZES.length] }),
    ...priceFields(random),
    sku: skuOf(random, n, index),
    barcode: barcodeOf(random, n * 100 + index),
    ...stockFields(random),
    image_index: imageCount > 1 && random.next() < 0.5 ? index % imageCount : null,
  }));
  return {
    title,
    handle,
    body_html: descriptionOf(random, title, vendor),
    vendor,
    product_type: random.pick(PRODUCT_TYPES),
    status,
    tags: random.pick(TAG_SETS),
    ...(single ? {} : { options: twoOptions ? ['Color', 'Size'] : ['Size'] }),
    images,
    variants,
  };
}

function priceFields(random: SeededRandom): Pick<VariantInput, 'price' | 'compare_at_price'> {
  const cents = random.int(5, 250) * 100 - (random.next() < 0.7 ? 1 : 0);
  const draw = random.next();
  const compareAt =
    draw < 0.5
      ? null
      : draw < 0.7
        ? fromCents(cents + random.int(1, 40) * 100)
        : draw < 0.8
          ? fromCents(cents)
          : draw < 0.85
            ? '0.00'
            : draw < 0.9
              ? fromCents(Math.max(1, cents - 500))
              : null;
  return { price: fromCents(cents), compare_at_price: compareAt };
}

function skuOf(random: SeededRandom, n: number, index: number): string | null {
  const draw = random.next();
  if (draw < 0.08) return '';
  if (draw < 0.12) return null;
  return `SBX-${String(n + 1).padStart(5, '0')}-${index + 1}`;
}

function barcodeOf(random: SeededRandom, serial: number): string | null {
  const draw = random.next();
  if (draw < 0.5) return gtin(`400638${String(serial).padStart(6, '0')}`);
  if (draw < 0.65) return '';
  if (draw < 0.8) return null;
  if (draw < 0.9) {
    const valid = gtin(`871234${String(serial).padStart(6, '0')}`);
    return valid.slice(0, -1) + String((Number(valid.at(-1)) + 1) % 10);
  }
  return gtin(`03600${String(serial).padStart(6, '0')}`);
}

function gtin(body: string): string {
  return body + gtinCheckDigit(body);
}

function stockFields(
  random: SeededRandom,
): Pick<VariantInput, 'inventory_quantity' | 'inventory_policy' | 'inventory_management'> {
  const draw = random.next();
  const inventory_quantity = draw < 0.2 ? 0 : draw < 0.25 ? -random.int(1, 3) : random.int(1, 120);
  const inventory_policy = random.next() < 0.2 ? 'continue' : 'deny';
  const inventory_management = random.next() < 0.1 ? null : 'shopify';
  return { inventory_quantity, inventory_policy, inventory_management };
}

function descriptionOf(random: SeededRandom, title: string, vendor: string): string | null {
  const draw = random.next();
  if (draw < 0.05) return null;
  if (draw < 0.1) return '';
  const escapedVendor = vendor.replace(/&/g, '&amp;');
  return (
    `<p>The <strong>${title}</strong> from ${escapedVendor}.</p>\n` +
    '<ul><li>Made to last</li><li>Ships in 2&ndash;3 days</li></ul>'
  );
}
