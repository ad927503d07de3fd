import type { RawItem } from '#connector-sdk';
import { ShopifySandbox, type ProductInput, type ShopifyProduct } from '#sandbox-shopify';
import { shopifyConnector as connector } from '../src/index.js';
import type { VariantItem } from '../src/shopify-types.js';
import { ACCESS_TOKEN, shopifyContext, WEBHOOK_SECRET } from './support/shopify-context.js';

// The products come from the sandbox's builder, so they have Shopify's full JSON shape; no server is needed.
const sandbox = new ShopifySandbox({ accessToken: ACCESS_TOKEN, webhookSecret: WEBHOOK_SECRET, products: 0 });
const context = shopifyContext({ shopUrl: 'https://souk-sandbox.myshopify.com', language: 'en' });

function product(input: Partial<ProductInput>): ShopifyProduct {
  return sandbox.createProduct({
    title: 'Merino Beanie',
    handle: 'merino-beanie',
    vendor: 'Northwind',
    images: [{ src: 'https://cdn.shopify.com/product.jpg' }],
    ...input,
  });
}

function item(from: ShopifyProduct, index = 0): RawItem {
  const data: VariantItem = { product: from, variant: from.variants[index]! };
  return { ref: { id: String(from.variants[index]!.id) }, data };
}

const mapped = (from: ShopifyProduct, index = 0, on = context) => connector.map(item(from, index), on);

describe('shopify map', () => {
  it('maps a variant with options to an offer, as the README table says', () => {
    const beanie = product({
      body_html: '<p>Warm &amp; <strong>soft</strong>.</p><script>alert(1)</script><ul><li>100% merino</li></ul>',
      product_type: 'Accessories',
      tags: 'winter,  gift ideas, ',
      options: ['Color', 'Size'],
      images: [
        { src: 'https://cdn.shopify.com/beanie-1.jpg' },
        { src: 'https://cdn.shopify.com/beanie-2.jpg' },
        { src: 'https://cdn.shopify.com/beanie-3.jpg' },
      ],
      variants: [
        {
          option1: 'Forest Green',
          option2: 'M',
          price: '19.99',
          sku: 'BEANIE-GRN-M',
          barcode: '4006381333931',
          inventory_quantity: 7,
          image_index: 1,
        },
        {
          option1: 'Navy',
          option2: 'L',
          price: '19.99',
          sku: 'BEANIE-NVY-L',
          barcode: '036000291452',
          inventory_quantity: 2,
        },
      ],
    });

    const result = mapped(beanie);

    expect(result.issues).toEqual([]);
    expect(result.offer).toEqual({
      retailerItemId: String(beanie.variants[0]!.id),
      title: 'Merino Beanie - Forest Green / M',
      description: 'Warm & soft.\n\n* 100% merino',
      link: `https://souk-sandbox.myshopify.com/products/merino-beanie?variant=${beanie.variants[0]!.id}`,
      imageLink: 'https://cdn.shopify.com/beanie-2.jpg',
      additionalImageLinks: ['https://cdn.shopify.com/beanie-1.jpg', 'https://cdn.shopify.com/beanie-3.jpg'],
      availability: 'in_stock',
      availabilityDate: null,
      price: { amountMinor: 1999, currency: 'EUR' },
      salePrice: null,
      saleStartsAt: null,
      saleEndsAt: null,
      brand: 'Northwind',
      gtin: '04006381333931',
      mpn: 'BEANIE-GRN-M',
      condition: 'new',
      categoryPath: ['Accessories'],
      googleProductCategory: null,
      itemGroupId: String(beanie.id),
      variantAttributes: { color: 'Forest Green', size: 'M' },
      stockQuantity: 7,
      language: 'en',
    });
    // No variant image: the product's first.
    expect(mapped(beanie, 1).offer).toMatchObject({
      imageLink: 'https://cdn.shopify.com/beanie-1.jpg',
      gtin: '00036000291452',
      variantAttributes: { color: 'Navy', size: 'L' },
    });
  });

  it('keeps the product title alone for Shopify\'s "Default Title" variant, with no variant attributes', () => {
    const mug = product({
      title: 'Enamel Mug',
      handle: 'enamel-mug',
      variants: [{ price: '12.00', inventory_quantity: 3 }],
    });
    expect(mug.variants[0]!.title).toBe('Default Title');
    expect(mug.options).toEqual([expect.objectContaining({ name: 'Title', values: ['Default Title'] })]);
    expect(mapped(mug).offer).toMatchObject({
      title: 'Enamel Mug',
      variantAttributes: {},
      link: `https://souk-sandbox.myshopify.com/products/enamel-mug?variant=${mug.variants[0]!.id}`,
    });
  });

  it('reads a lone option named "Title" whose value is the product\'s name as no option: the name once, no attribute', () => {
    const mug = product({
      title: 'Enamel Mug',
      handle: 'enamel-mug',
      options: ['Title'],
      variants: [{ option1: 'Enamel Mug', price: '12.00', inventory_quantity: 3 }],
    });
    expect(mug.variants[0]!.title).toBe('Enamel Mug');
    expect(mapped(mug).offer).toMatchObject({ title: 'Enamel Mug', variantAttributes: {} });
  });

  it('keeps an option named "Title" whose values are real choices', () => {
    const print = product({
      title: 'Art Print',
      options: ['Title'],
      variants: [
        { option1: 'Sunrise', price: '20.00' },
        { option1: 'Sunset', price: '20.00' },
      ],
    });
    expect(mapped(print, 1).offer).toMatchObject({
      title: 'Art Print - Sunset',
      variantAttributes: { title: 'Sunset' },
    });
  });

  it.each([
    ['a higher compare_at_price: a sale, price is compare_at_price', '19.99', '24.99', 2499, 1999],
    ['compare_at_price null', '19.99', null, 1999, null],
    ['compare_at_price "0.00"', '19.99', '0.00', 1999, null],
    ['compare_at_price equal to price', '19.99', '19.99', 1999, null],
    ['compare_at_price below price', '19.99', '9.99', 1999, null],
    ['compare_at_price ""', '5', '', 500, null],
    ['prices that float arithmetic gets wrong', '0.29', '1.15', 115, 29],
  ])('reads prices as exact strings: %s', (_case, price, compareAt, expectedPrice, expectedSale) => {
    const offer = mapped(product({ variants: [{ price, compare_at_price: compareAt, inventory_quantity: 1 }] })).offer!;
    expect(offer.price).toEqual({ amountMinor: expectedPrice, currency: 'EUR' });
    expect(offer.salePrice).toEqual(expectedSale === null ? null : { amountMinor: expectedSale, currency: 'EUR' });
  });

  it("prices in the retailer's currency, with its minor units", () => {
    const yen = shopifyContext({ shopUrl: 'https://souk-sandbox.myshopify.com' }, { currency: 'JPY' });
    const dinar = shopifyContext({ shopUrl: 'https://souk-sandbox.myshopify.com' }, { currency: 'KWD' });
    expect(mapped(product({ variants: [{ price: '1500', inventory_quantity: 1 }] }), 0, yen).offer!.price).toEqual({
      amountMinor: 1500,
      currency: 'JPY',
    });
    expect(mapped(product({ variants: [{ price: '1.235', inventory_quantity: 1 }] }), 0, dinar).offer!.price).toEqual({
      amountMinor: 1235,
      currency: 'KWD',
    });
  });

  it('drops an empty, null or invalid barcode, warning only about the invalid one', () => {
    const shirt = product({
      options: ['Size'],
      variants: [
        { option1: 'S', barcode: '', price: '1.00' },
        { option1: 'M', barcode: null, price: '1.00' },
        { option1: 'L', barcode: '4006381333932', price: '1.00' },
      ],
    });
    expect(mapped(shirt, 0)).toMatchObject({ offer: { gtin: null }, issues: [] });
    expect(mapped(shirt, 1)).toMatchObject({ offer: { gtin: null }, issues: [] });
    expect(mapped(shirt, 2).offer!.gtin).toBeNull();
    expect(mapped(shirt, 2).issues).toEqual([
      { severity: 'warning', field: 'gtin', message: expect.stringContaining('4006381333932') },
    ]);
  });

  it('derives availability and stock from inventory_quantity, inventory_policy and inventory_management', () => {
    const stock = product({
      options: ['Size'],
      variants: [
        { option1: 'A', price: '1.00', inventory_quantity: 4, inventory_policy: 'deny' },
        { option1: 'B', price: '1.00', inventory_quantity: 0, inventory_policy: 'continue' },
        { option1: 'C', price: '1.00', inventory_quantity: 0, inventory_policy: 'deny' },
        { option1: 'D', price: '1.00', inventory_quantity: -3, inventory_policy: 'continue' },
        { option1: 'E', price: '1.00', inventory_quantity: 0, inventory_policy: 'deny', inventory_management: null },
      ],
    });
    expect(
      [0, 1, 2, 3, 4].map((index) => [
        mapped(stock, index).offer!.availability,
        mapped(stock, index).offer!.stockQuantity,
      ]),
    ).toEqual([
      ['in_stock', 4],
      ['backorder', 0],
      ['out_of_stock', 0],
      ['backorder', 0],
      ['in_stock', null],
    ]);
  });

  it('has an empty category path for an empty product_type, and no description for null body_html', () => {
    const plain = product({ product_type: '', tags: '', body_html: null, variants: [{ price: '3.50' }] });
    expect(mapped(plain).offer).toMatchObject({ categoryPath: [], description: null });
  });

  it('takes the category path from product_type alone: tags are labels, not levels of a hierarchy', () => {
    const toy = product({
      product_type: 'TOYS',
      tags: 'digimon, egnition-sample-data, stuffed-toys',
      variants: [{ price: '9.99' }],
    });
    expect(mapped(toy).offer!.categoryPath).toEqual(['TOYS']);
    expect(
      mapped(product({ product_type: '', tags: 'sale', variants: [{ price: '3.50' }] })).offer!.categoryPath,
    ).toEqual([]);
  });

  it('uses no image and warns when the product has none', () => {
    const result = mapped(product({ images: [], variants: [{ price: '3.50' }] }));
    expect(result.offer!.imageLink).toBeNull();
    expect(result.issues).toEqual([{ severity: 'warning', field: 'image_link', message: expect.any(String) }]);
  });

  it('reports a variant without a price, or of a draft or archived product, as an item error', () => {
    const noPrice = product({ variants: [{ price: '' }] });
    expect(mapped(noPrice)).toEqual({
      offer: null,
      issues: [{ severity: 'error', field: 'price', message: 'price is missing' }],
    });
    const zero = mapped(product({ variants: [{ price: '0.00' }] }));
    expect(zero.offer).toBeNull();
    for (const status of ['draft', 'archived'] as const) {
      expect(mapped(product({ status, variants: [{ price: '3.50' }] }))).toEqual({
        offer: null,
        issues: [{ severity: 'error', field: 'status', message: expect.stringContaining(status) }],
      });
    }
  });

  it('never throws on odd JSON: numbers for prices, missing fields', () => {
    const odd = {
      ref: { id: '1' },
      data: { product: { id: 1, status: 'active', title: 'Odd', handle: 'odd' }, variant: { id: 1, price: 4.5 } },
    };
    expect(connector.map(odd, context).offer).toMatchObject({
      price: { amountMinor: 450, currency: 'EUR' },
      availability: 'in_stock',
      variantAttributes: {},
    });
    const bare = { ref: { id: '2' }, data: { product: { id: 2, status: 'active' }, variant: { id: 2 } } };
    expect(connector.map(bare, context).offer).toBeNull();
    expect(connector.map({ ref: { id: '3' }, data: { product: null, variant: { id: 3 } } }, context)).toMatchObject({
      offer: null,
      issues: [{ severity: 'error' }],
    });
  });
});
