import { ConnectorError, ROW_ERROR } from '#connector-sdk';
import { TextDecoder } from 'node:util';
import type { FeedRecord } from '../src/feed-record.js';
import { parseTsv, readTsvHeader, tsvColumnName } from '../src/tsv-parser.js';
import { fixture } from './support/fixture-server.js';

async function* pieces(bytes: Buffer, size = 5): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for (let index = 0; index < bytes.length; index += size)
    yield decoder.decode(bytes.subarray(index, index + size), { stream: true });
}

async function parse(bytes: Buffer): Promise<FeedRecord[]> {
  const records: FeedRecord[] = [];
  for await (const record of parseTsv(pieces(bytes))) records.push(record);
  return records;
}

describe('parseTsv', () => {
  it('reads rows by a header with any case, g: prefixes and spaces, without the BOM', async () => {
    const records = await parse(fixture('products.tsv'));
    expect(records.map((record) => record.line)).toEqual([2, 3, 4]);
    expect(records[0].fields).toEqual({
      id: 'SKU-1',
      title: 'Trail Running Shoe',
      description: 'Lightweight shoe for rocky trails.',
      link: 'https://shop.example/p/sku-1',
      image_link: 'https://shop.example/i/sku-1.jpg',
      additional_image_link: 'https://shop.example/i/sku-1-b.jpg,https://shop.example/i/sku-1-c.jpg',
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

  it('yields a row with too few or too many columns, marked, and reads the other rows', async () => {
    const records = await parse(fixture('short-row.tsv'));
    expect(records.map((record) => [record.fields.id, record.line, record.fields[ROW_ERROR]])).toEqual([
      ['SKU-1', 2, undefined],
      ['SKU-2', 3, 'row has 4 columns, the header has 6'],
      ['SKU-3', 4, 'row has 7 columns, the header has 6'],
      ['SKU-4', 5, undefined],
    ]);
  });

  it('counts a quoted line break in the lines of later rows', async () => {
    const text = 'id\ttitle\tprice\r\nA\t"two\r\nlines"\t1.00 EUR\r\nB\tone line\t2.00 EUR\r\n';
    const records = await parse(Buffer.from(text));
    expect(records.map((record) => [record.fields.id, record.line])).toEqual([
      ['A', 2],
      ['B', 4],
    ]);
    expect(records[0].fields.title).toBe('two\nlines');
  });

  it('keeps quotes inside values, and reads a quoted value whole', async () => {
    const records = await parse(fixture('quotes.tsv'));
    expect(records.map((record) => record.fields.title)).toEqual([
      '"Best" shoes',
      '12" pizza tray',
      'quoted, with\ttab',
    ]);
  });

  it('fails, naming where, when a quote is never closed, without reading the rest of the file into one value', async () => {
    const rows = Array.from({ length: 30_000 }, (_, n) => `R-${n}\tRow ${n}\t1.00 EUR\n`).join('');
    const failure = await parse(Buffer.from(`id\ttitle\tprice\nA\tfine\t1.00 EUR\nB\t"open\t2.00 EUR\n${rows}`)).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({
      reason: 'format',
      message: expect.stringContaining('the row after line 2 never ends (over 1,000,000 bytes'),
    });
  });

  it('gives nothing for a feed with only a header', async () => {
    expect(await parse(fixture('empty.tsv'))).toEqual([]);
  });

  it('fails when the header has no id column', async () => {
    const failure = await parse(fixture('no-id.tsv')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectorError);
    // The count, not the names: a server's own text is never repeated back.
    expect(failure).toMatchObject({
      reason: 'format',
      message:
        "The TSV feed's header row has no id column (it has 4 columns); the first row must name the columns, id among them.",
    });
  });

  it('names columns like Google does', () => {
    expect(tsvColumnName(' g:Image Link ')).toBe('image_link');
    expect(tsvColumnName('#row-error')).toBeNull();
    expect(readTsvHeader('ID\tTitle\tPrice\nx')).toEqual(['id', 'title', 'price']);
  });
});
