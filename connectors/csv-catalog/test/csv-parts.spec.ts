import { columnAttribute, resolveColumns } from '../src/csv-columns.js';
import { googlePrice } from '../src/csv-price.js';
import { detectDelimiter, headerLine } from '../src/delimiter-detect.js';

describe('CSV delimiter detection', () => {
  it('takes the most frequent delimiter outside quotes in the header line', () => {
    expect(detectDelimiter('id;title;price')).toBe(';');
    expect(detectDelimiter('id\ttitle\tprice,with,commas')).toBe(',');
    expect(detectDelimiter('"a,b,c,d";title;price')).toBe(';');
    expect(detectDelimiter('id|title|price')).toBe('|');
    expect(detectDelimiter('id,title;price')).toBe(',');
    expect(detectDelimiter('id')).toBe(',');
  });

  it('finds the header line, skipping leading blank lines and quoted line breaks', () => {
    expect(headerLine('\r\n\r\nid,title\r\n1,a')).toBe('id,title');
    expect(headerLine('"multi\nline",id\n1,2')).toBe('"multi\nline",id');
    expect(headerLine('id,title')).toBeNull();
  });
});

describe('CSV price cells', () => {
  it('adds the configured currency to a bare amount and reads decimal commas', () => {
    expect(googlePrice('12.50', 'EUR')).toBe('12.50 EUR');
    expect(googlePrice(' 12,5 ', 'EUR')).toBe('12.5 EUR');
    expect(googlePrice('1.234,50', 'EUR')).toBe('1234.50 EUR');
    expect(googlePrice('USD 3', 'EUR')).toBe('3 USD');
    expect(googlePrice('15.00 GBP', 'EUR')).toBe('15.00 GBP');
  });

  it('leaves everything else for normalization to judge', () => {
    expect(googlePrice('12.50', undefined)).toBe('12.50');
    expect(googlePrice('1,234', 'EUR')).toBe('1,234 EUR');
    expect(googlePrice('twelve', 'EUR')).toBe('twelve');
    expect(googlePrice('12.50 €', 'EUR')).toBe('12.50 €');
  });
});

describe('CSV columns', () => {
  it('reads Google names in any case and spelling, and the aliases', () => {
    expect(columnAttribute(' Image Link ')).toBe('image_link');
    expect(columnAttribute('g:SALE_PRICE')).toBe('sale_price');
    expect(columnAttribute('item-group-id')).toBe('item_group_id');
    expect(['sku', 'name', 'url', 'image', 'stock', 'category', 'ean', 'upc', 'barcode'].map(columnAttribute)).toEqual([
      'id',
      'title',
      'link',
      'image_link',
      'quantity',
      'product_type',
      'gtin',
      'gtin',
      'gtin',
    ]);
    expect(columnAttribute('#row-error')).toBeNull();
  });

  it('uses the first column for an attribute and ignores later ones', () => {
    expect(resolveColumns(['sku', 'id', 'title', 'link', 'price', 'colour'])).toEqual({
      attributes: ['id', null, 'title', 'link', 'price', null],
      ignored: ['id', 'colour'],
      missing: [],
    });
  });
});
