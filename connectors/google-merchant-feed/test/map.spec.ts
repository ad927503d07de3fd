import { Readable } from 'node:stream';
import type { NormalizeResult } from '#domain';
import type { RawItem } from '#connector-sdk';
import { googleMerchantFeedConnector as connector } from '../src/index.js';
import { feedContext, readAll } from './support/connector-context.js';
import { fixture } from './support/fixture-server.js';

const context = feedContext({ source: 'upload', language: 'en' });

async function uploadedItems(name: string): Promise<RawItem[]> {
  const { pages, error } = await readAll(
    connector.read(context, { mode: 'full', checkpoint: null, upload: () => Readable.from([fixture(name)]) }),
  );
  if (error) throw error;
  return pages.flatMap((page) => page.items);
}

async function mapped(name: string): Promise<Map<string, NormalizeResult>> {
  const items = await uploadedItems(name);
  return new Map(items.map((item) => [item.ref.id ?? `line ${item.ref.line}`, connector.map(item, context)]));
}

describe('google-merchant-feed map', () => {
  it('gives the same offers for the same products in RSS, Atom and TSV', async () => {
    const offers = await Promise.all(
      ['products.rss.xml', 'products.atom.xml', 'products.tsv'].map(async (name) =>
        [...(await mapped(name)).values()].map((result) => result.offer),
      ),
    );
    expect(offers[0]).toHaveLength(3);
    expect(offers[0].every((offer) => offer !== null)).toBe(true);
    expect(offers[1]).toEqual(offers[0]);
    expect(offers[2]).toEqual(offers[0]);
    expect(offers[0][0]).toMatchObject({
      retailerItemId: 'SKU-1',
      title: 'Trail Running Shoe',
      link: 'https://shop.example/p/sku-1',
      additionalImageLinks: ['https://shop.example/i/sku-1-b.jpg', 'https://shop.example/i/sku-1-c.jpg'],
      price: { amountMinor: 8990, currency: 'EUR' },
      salePrice: { amountMinor: 7990, currency: 'EUR' },
      gtin: '04006381333931',
      categoryPath: ['Sports', 'Running', 'Shoes'],
      variantAttributes: { color: 'Blue', size: '42' },
      language: 'en',
    });
    expect(offers[0][1]).toMatchObject({
      retailerItemId: 'SKU-2',
      availability: 'out_of_stock',
      description: 'Warm & soft merino beanie.',
    });
    expect(offers[0][2]).toMatchObject({
      retailerItemId: 'SKU-3',
      availability: 'preorder',
      stockQuantity: 12,
      condition: 'refurbished',
    });
  });

  it('reports a TSV row with the wrong number of columns as an item error, and maps the other rows', async () => {
    const results = await mapped('short-row.tsv');
    expect(results.get('SKU-2')).toEqual({
      offer: null,
      issues: [{ severity: 'error', field: null, message: 'row has 4 columns, the header has 6' }],
    });
    expect(results.get('SKU-3')).toEqual({
      offer: null,
      issues: [{ severity: 'error', field: null, message: 'row has 7 columns, the header has 6' }],
    });
    expect(results.get('SKU-1')?.offer).toMatchObject({ retailerItemId: 'SKU-1' });
    expect(results.get('SKU-4')?.offer).toMatchObject({ retailerItemId: 'SKU-4' });
  });

  it('yields both items of a duplicate id (the pipeline deals with duplicates)', async () => {
    const items = await uploadedItems('duplicate-id.rss.xml');
    expect(items.map((item) => item.ref)).toEqual([
      { id: 'DUP-1', line: 4 },
      { id: 'DUP-1', line: 10 },
    ]);
    expect(items.map((item) => connector.map(item, context).offer?.title)).toEqual(['Red mug', 'Green mug']);
  });

  it('drops scripts from descriptions, raw or entity-encoded', async () => {
    const results = await mapped('script-description.rss.xml');
    const first = results.get('XSS-1')!.offer!;
    expect(first.description).toContain('Holds 1 litre.');
    expect(first.description).toContain('Dishwasher safe.');
    for (const result of results.values()) {
      expect(result.offer?.description).not.toMatch(/script|document\.cookie|evil\.example|alert/);
    }
  });

  it('cuts a 10,000-character title, with a warning', async () => {
    const result = (await mapped('long-title.rss.xml')).get('LONG-1')!;
    expect(result.offer!.title.length).toBeLessThanOrEqual(150);
    expect(result.issues).toContainEqual({
      severity: 'warning',
      field: 'title',
      message: expect.stringContaining('10000'),
    });
  });

  it('reports prices without a currency, with an unknown currency or negative as item errors', async () => {
    const results = await mapped('bad-values.rss.xml');
    for (const id of ['NO-CURRENCY', 'UNKNOWN-CURRENCY', 'NEGATIVE']) {
      const result = results.get(id)!;
      expect(result.offer).toBeNull();
      expect(result.issues).toContainEqual({ severity: 'error', field: 'price', message: expect.any(String) });
    }
  });

  it('keeps an offer whose GTIN has a wrong check digit, without the GTIN, with a warning', async () => {
    const result = (await mapped('bad-values.rss.xml')).get('BAD-GTIN')!;
    expect(result.offer).toMatchObject({ retailerItemId: 'BAD-GTIN', gtin: null });
    expect(result.issues).toContainEqual({
      severity: 'warning',
      field: 'gtin',
      message: expect.stringContaining('4006381333932'),
    });
  });

  it('uses the settings language when an item has no content_language', async () => {
    const items = await uploadedItems('duplicate-id.rss.xml');
    const french = feedContext({ source: 'upload', language: 'fr' });
    expect(connector.map(items[0], french).offer?.language).toBe('fr');
    expect(connector.map(items[0], feedContext({ source: 'upload' })).offer?.language).toBeNull();
  });
});
