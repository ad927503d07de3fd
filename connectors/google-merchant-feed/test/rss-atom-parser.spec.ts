import { ConnectorError } from '#connector-sdk';
import { parseRssAtom } from '../src/rss-atom-parser.js';
import type { FeedRecord } from '../src/feed-record.js';
import { fixture } from './support/fixture-server.js';

/** Feeds the text in small pieces, so that elements, entities and CDATA are split across chunks. */
async function* pieces(text: string, size = 7): AsyncGenerator<string> {
  for (let index = 0; index < text.length; index += size) yield text.slice(index, index + size);
}

async function parse(text: string, expected: 'rss' | 'atom' | 'auto' = 'auto'): Promise<FeedRecord[]> {
  const records: FeedRecord[] = [];
  for await (const record of parseRssAtom(pieces(text), expected)) records.push(record);
  return records;
}

describe('parseRssAtom', () => {
  it('reads RSS items: g: attributes, plain title/link/description, repeated elements as arrays', async () => {
    const records = await parse(fixture('products.rss.xml').toString('utf8'));
    expect(records.map((record) => record.line)).toEqual([7, 30, 44]);
    expect(records[0].fields).toEqual({
      id: 'SKU-1',
      title: 'Trail Running Shoe',
      link: 'https://shop.example/p/sku-1',
      description: 'Lightweight shoe for rocky trails.',
      image_link: 'https://shop.example/i/sku-1.jpg',
      additional_image_link: ['https://shop.example/i/sku-1-b.jpg', 'https://shop.example/i/sku-1-c.jpg'],
      availability: 'in_stock',
      price: '89.90 EUR',
      sale_price: '79.90 EUR',
      brand: 'Stride',
      gtin: '4006381333931',
      condition: 'new',
      product_type: 'Sports > Running > Shoes',
      item_group_id: 'SHOE-1',
      color: 'Blue',
      size: '42',
    });
  });

  it('ignores structured attributes such as g:shipping, and their children', async () => {
    const [first] = await parse(fixture('products.rss.xml').toString('utf8'));
    expect(first.fields).not.toHaveProperty('shipping');
    expect(first.fields).not.toHaveProperty('country');
    expect(first.fields.price).toBe('89.90 EUR');
  });

  it('prefers a g: value over the plain RSS element, and decodes CDATA and entities', async () => {
    const [, second, third] = await parse(fixture('products.rss.xml').toString('utf8'));
    expect(second.fields.title).toBe('Wool Beanie');
    expect(second.fields.link).toBe('https://shop.example/p/sku-2');
    expect(second.fields.description).toBe('Warm & soft <b>merino</b> beanie.');
    expect(third.fields.description).toBe('Rechargeable lantern, 300 lumens \u2014 lasts 20 hours.');
  });

  it('reads Atom entries, matching Google attributes by namespace URI whatever the prefix', async () => {
    const records = await parse(fixture('products.atom.xml').toString('utf8'), 'atom');
    expect(records.map((record) => record.fields.id)).toEqual(['SKU-1', 'SKU-2', 'SKU-3']);
    expect(records.map((record) => record.line)).toEqual([6, 27, 41]);
    // The alternate link, not rel="self"; summary or content as the description.
    expect(records[0].fields.link).toBe('https://shop.example/p/sku-1');
    expect(records[0].fields.description).toBe('Lightweight shoe for rocky trails.');
    expect(records[1].fields.description).toBe('Warm & soft merino beanie.');
    expect(records[0].fields).not.toHaveProperty('id', 'tag:shop.example,2026:sku-1');
  });

  it('gives nothing for a feed without items', async () => {
    expect(await parse(fixture('empty.rss.xml').toString('utf8'))).toEqual([]);
  });

  it('yields the items before a break in the XML, then fails with the line of the break', async () => {
    const records: FeedRecord[] = [];
    let failure: unknown;
    try {
      for await (const record of parseRssAtom(pieces(fixture('broken-middle.rss.xml').toString('utf8')), 'auto'))
        records.push(record);
    } catch (error) {
      failure = error;
    }
    expect(records.map((record) => record.fields.id)).toEqual(['OK-1', 'OK-2']);
    expect(failure).toBeInstanceOf(ConnectorError);
    expect(failure).toMatchObject({
      reason: 'format',
      message: expect.stringMatching(/^The feed is not well-formed XML at line 19: /),
    });
  });

  it('fails for a document cut short', async () => {
    const text = fixture('products.rss.xml').toString('utf8');
    await expect(parse(text.slice(0, text.indexOf('<item>', 400)))).rejects.toMatchObject({
      reason: 'format',
      message: expect.stringContaining('not well-formed XML'),
    });
  });

  it('fails for an XML document that is not a feed, and for RSS when Atom was asked for', async () => {
    await expect(parse(fixture('not-a-feed.xml').toString('utf8'))).rejects.toThrow('root element is <html>');
    await expect(parse(fixture('products.rss.xml').toString('utf8'), 'atom')).rejects.toMatchObject({
      reason: 'format',
      message: expect.stringContaining('set format to "auto" or "rss"'),
    });
  });

  it('matches the Google namespace by URI, not by the g prefix', async () => {
    const text = `<rss version="2.0" xmlns:g="http://example.com/not-google" xmlns:x="http://base.google.com/ns/1.0"><channel><item><g:id>wrong</g:id><x:id>right</x:id></item></channel></rss>`;
    const [record] = await parse(text);
    expect(record.fields).toEqual({ id: 'right' });
  });
});
