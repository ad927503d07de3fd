import type { RawItem } from '#connector-sdk';
import { woocommerceConnector as connector } from '../src/index.js';
import type { WooRawItem } from '../src/wc-item.js';
import { wooContext } from './support/woo-context.js';

const context = wooContext({ siteUrl: 'https://shop.example', language: 'nl' });

function product(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 101,
    name: 'Ship Your Idea &amp; More',
    type: 'simple',
    status: 'publish',
    permalink: 'https://shop.example/product/ship-your-idea/',
    description: '<p>Our <strong>best</strong> hoodie.</p><script>track()</script>',
    short_description: '<p>Short.</p>',
    sku: 'HOOD-1',
    global_unique_id: '',
    price: '19.90',
    regular_price: '19.90',
    sale_price: '',
    date_on_sale_from_gmt: null,
    date_on_sale_to_gmt: null,
    on_sale: false,
    manage_stock: true,
    stock_quantity: 7,
    stock_status: 'instock',
    images: [
      { id: 1, src: 'https://shop.example/wp-content/uploads/hoodie.jpg', alt: '' },
      { id: 2, src: 'https://shop.example/wp-content/uploads/hoodie-back.jpg', alt: '' },
    ],
    categories: [{ id: 5, name: 'Hoodies', slug: 'hoodies' }],
    attributes: [],
    brands: [],
    ...overrides,
  };
}

const simple = (overrides: Record<string, unknown> = {}, categoryPath = ['Clothing', 'Hoodies']): RawItem => ({
  ref: { id: String(overrides.id ?? 101) },
  data: { kind: 'product', product: product(overrides), categoryPath } satisfies WooRawItem,
});

const map = (item: RawItem) => connector.map(item, context);

describe('woocommerce map', () => {
  it('maps a simple product: id, plain-text description, link, images, category path, stock, language', () => {
    const { offer, issues } = map(simple());
    expect(issues).toEqual([]);
    expect(offer).toMatchObject({
      retailerItemId: '101',
      title: 'Ship Your Idea & More',
      description: 'Our best hoodie.',
      link: 'https://shop.example/product/ship-your-idea/',
      imageLink: 'https://shop.example/wp-content/uploads/hoodie.jpg',
      additionalImageLinks: ['https://shop.example/wp-content/uploads/hoodie-back.jpg'],
      price: { amountMinor: 1990, currency: 'EUR' },
      salePrice: null,
      availability: 'in_stock',
      stockQuantity: 7,
      categoryPath: ['Clothing', 'Hoodies'],
      mpn: 'HOOD-1',
      gtin: null,
      itemGroupId: null,
      language: 'nl',
    });
  });

  it.each([
    ['"216"', '216', 21600],
    ['"19.9"', '19.9', 1990],
    ['a number', 216, 21600],
    ['a decimal comma', '12,50', 1250],
  ])('reads a price written as %s in the retailer currency, in minor units', (_label, regularPrice, minor) => {
    expect(map(simple({ regular_price: regularPrice, price: regularPrice })).offer?.price).toEqual({
      amountMinor: minor,
      currency: 'EUR',
    });
  });

  it.each([
    ['empty', ''],
    ['null', null],
    ['absent', undefined],
  ])('drops an item whose price is %s, with the error "price is missing"', (_label, value) => {
    const { offer, issues } = map(simple({ regular_price: value, price: value }));
    expect(offer).toBeNull();
    expect(issues).toContainEqual({ severity: 'error', field: 'price', message: 'price is missing' });
  });

  it('falls back to price when regular_price is empty, and reports a price that is not a number', () => {
    expect(map(simple({ regular_price: '', price: '5' })).offer?.price.amountMinor).toBe(500);
    const { offer, issues } = map(simple({ regular_price: 'call us', price: '' }));
    expect(offer).toBeNull();
    expect(issues[0]).toMatchObject({ severity: 'error', field: 'price' });
  });

  it.each([
    ['instock', 'in_stock'],
    ['outofstock', 'out_of_stock'],
    ['onbackorder', 'backorder'],
  ])('maps stock_status %s to %s', (status, availability) => {
    expect(map(simple({ stock_status: status })).offer?.availability).toBe(availability);
  });

  it('keeps a negative stock (backorders) as 0, and no quantity when stock is not managed', () => {
    expect(map(simple({ stock_status: 'onbackorder', stock_quantity: -3 })).offer?.stockQuantity).toBe(0);
    expect(map(simple({ manage_stock: false, stock_quantity: null })).offer?.stockQuantity).toBeNull();
  });

  it('takes a sale with its window, a running sale without one, and no sale that has not started', () => {
    const windowed = map(
      simple({
        sale_price: '15.00',
        on_sale: true,
        date_on_sale_from_gmt: '2026-11-20T00:00:00',
        date_on_sale_to_gmt: '2026-11-30T23:59:59',
      }),
    ).offer!;
    expect(windowed).toMatchObject({
      salePrice: { amountMinor: 1500, currency: 'EUR' },
      saleStartsAt: '2026-11-20T00:00:00.000Z',
      saleEndsAt: '2026-11-30T23:59:59.000Z',
    });
    expect(map(simple({ sale_price: '15', on_sale: true })).offer).toMatchObject({
      salePrice: { amountMinor: 1500 },
      saleStartsAt: null,
      saleEndsAt: null,
    });
    expect(
      map(simple({ sale_price: '15', on_sale: false, date_on_sale_from_gmt: '2099-01-01T00:00:00' })).offer?.salePrice,
    ).toBeNull();
  });

  it('uses global_unique_id as GTIN, a SKU that is an EAN as GTIN rather than MPN, and any other SKU as MPN', () => {
    expect(map(simple({ global_unique_id: '4006381333931' })).offer).toMatchObject({
      gtin: '04006381333931',
      mpn: 'HOOD-1',
    });
    expect(map(simple({ sku: '5901234123457' })).offer).toMatchObject({ gtin: '05901234123457', mpn: null });
    // An eight-digit number is more likely an internal SKU than a GTIN-8.
    expect(map(simple({ sku: '96385074' })).offer).toMatchObject({ gtin: null, mpn: '96385074' });
  });

  it('maps a variation: parent-variation id, item group, title with the options, variant attributes, own image and price', () => {
    const parent = product({
      id: 200,
      type: 'variable',
      name: 'Logo Hoodie',
      regular_price: '',
      price: '20.00',
      attributes: [
        { id: 1, name: 'Color', options: ['Blue', 'Red'], variation: true },
        { id: 0, name: 'Size', options: ['S', 'M'], variation: true },
        { id: 0, name: 'Material', options: ['Cotton &amp; Linen'], variation: false },
        { id: 0, name: 'Fit', options: ['Loose'], variation: false },
      ],
      brands: [{ id: 3, name: 'Nord &amp; Co', slug: 'nord-co' }],
    });
    const variation = {
      id: 201,
      permalink: 'https://shop.example/product/logo-hoodie/?attribute_pa_color=blue&attribute_size=m',
      description: '',
      sku: 'HOOD-2-BLUE-M',
      price: '22.00',
      regular_price: '22.00',
      sale_price: '',
      on_sale: false,
      status: 'publish',
      manage_stock: 'parent',
      stock_quantity: 4,
      stock_status: 'outofstock',
      image: { id: 9, src: 'https://shop.example/wp-content/uploads/hoodie-blue.jpg' },
      attributes: [
        { id: 1, name: 'Color', option: 'Blue' },
        { id: 0, name: 'Size', option: 'M' },
      ],
    };
    const { offer, issues } = map({
      ref: { id: '200-201' },
      data: { kind: 'variation', product: parent, variation, categoryPath: ['Clothing'] } satisfies WooRawItem,
    });
    expect(issues).toEqual([]);
    expect(offer).toMatchObject({
      retailerItemId: '200-201',
      itemGroupId: '200',
      title: 'Logo Hoodie - Blue, M',
      description: 'Our best hoodie.',
      link: variation.permalink,
      imageLink: 'https://shop.example/wp-content/uploads/hoodie-blue.jpg',
      additionalImageLinks: [
        'https://shop.example/wp-content/uploads/hoodie.jpg',
        'https://shop.example/wp-content/uploads/hoodie-back.jpg',
      ],
      price: { amountMinor: 2200, currency: 'EUR' },
      availability: 'out_of_stock',
      stockQuantity: 4,
      brand: 'Nord & Co',
      mpn: 'HOOD-2-BLUE-M',
      variantAttributes: { color: 'Blue', size: 'M', material: 'Cotton & Linen' },
    });
  });

  it.each([
    ['0', 0],
    ['false', false],
    ['an empty string', ''],
    ['a relative path', '/?p=201'],
    ['missing', undefined],
  ])("links a variation whose permalink is %s to its parent's page", (_case, permalink) => {
    const parent = product({ id: 200, type: 'variable', name: 'Logo Hoodie' });
    const variation = { id: 201, permalink, price: '22.00', regular_price: '22.00', stock_status: 'instock' };
    const { offer, issues } = map({
      ref: { id: '200-201' },
      data: { kind: 'variation', product: parent, variation, categoryPath: [] } satisfies WooRawItem,
    });
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(offer?.link).toBe('https://shop.example/product/ship-your-idea/');
  });

  it('reports an unsupported product type as an error, and a product without a title', () => {
    const unsupported: RawItem = {
      ref: { id: '7' },
      data: {
        kind: 'unsupported',
        product: product({ id: 7, type: 'bundle' }),
        message: 'type "bundle" is not supported',
      },
    };
    expect(map(unsupported)).toEqual({
      offer: null,
      issues: [{ severity: 'error', field: 'type', message: 'type "bundle" is not supported' }],
    });
    const untitled = map(simple({ name: '' }));
    expect(untitled.offer).toBeNull();
    expect(untitled.issues).toContainEqual(expect.objectContaining({ severity: 'error', field: 'title' }));
    expect(map({ ref: { id: '1' }, data: null })).toMatchObject({ offer: null, issues: [{ severity: 'error' }] });
  });

  it('prices in the retailer currency of the context', () => {
    const yen = wooContext({ siteUrl: 'https://shop.example' }, { currency: 'JPY' });
    expect(connector.map(simple({ regular_price: '1500' }), yen).offer?.price).toEqual({
      amountMinor: 1500,
      currency: 'JPY',
    });
  });
});
