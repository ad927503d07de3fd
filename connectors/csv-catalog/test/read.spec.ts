import { ConnectorError, ROW_ERROR } from '#connector-sdk';
import { csvCatalogConnector as connector } from '../src/index.js';
import { csvContext, fixture, readUpload } from './support/csv-context.js';

describe('csv-catalog read', () => {
  it('reads a UTF-8 file with a BOM, CRLF line ends, quoted commas and quotes, and trailing empty lines', async () => {
    const { pages, items, error } = await readUpload(fixture('products.csv'));
    expect(error).toBeUndefined();
    expect(pages).toEqual([{ items: expect.any(Array), checkpoint: null }]);
    expect(items.map((item) => item.ref)).toEqual([
      { id: 'SKU-1', line: 2 },
      { id: 'SKU-2', line: 3 },
    ]);
    expect(items[0].data).toEqual({
      id: 'SKU-1',
      title: 'Trail Running Shoe',
      description: 'Light, grippy shoe for trails.',
      link: 'https://shop.example/p/sku-1',
      image_link: 'https://shop.example/i/sku-1.jpg',
      additional_image_link: 'https://shop.example/i/sku-1-b.jpg,https://shop.example/i/sku-1-c.jpg',
      availability: 'in stock',
      price: '89.90 EUR',
      sale_price: '79.90 EUR',
      brand: 'Stride',
      gtin: '4006381333931',
      condition: 'new',
      product_type: 'Sports > Running > Shoes',
      color: 'Blue',
      size: '42',
      quantity: '7',
    });
    expect(items[1].data).toMatchObject({ title: 'Wool Beanie, "Merino"', quantity: '0' });
  });

  it('detects semicolons, skips rows of bare delimiters, and gives bare prices the configured currency', async () => {
    const { items, error } = await readUpload(fixture('semicolon.csv'), csvContext({ currency: 'eur' }));
    expect(error).toBeUndefined();
    expect(items.map((item) => [item.ref.id, item.ref.line])).toEqual([
      ['P-100', 2],
      ['P-101', 3],
      ['P-102', 4],
    ]);
    expect(items[0].data).toMatchObject({
      title: 'Café filtre',
      description: 'Moulu; 250 g',
      price: '12.50 EUR',
      sale_price: '9.90 EUR',
    });
    expect(items[1].data).toMatchObject({
      title: 'Thé vert; bio',
      description: 'Sachets "fraîcheur"',
      price: '1234.50 EUR',
    });
    expect(items[2].data).toMatchObject({ price: '8 EUR' });
    expect(items[2].data).not.toHaveProperty('image_link');
  });

  it('keeps quoted line breaks in a value and gives each row the line it starts on', async () => {
    const { items } = await readUpload(fixture('quoted-newline.csv'));
    expect(items.map((item) => item.ref)).toEqual([
      { id: 'Q-1', line: 2 },
      { id: 'Q-2', line: 4 },
      { id: 'Q-3', line: 7 },
    ]);
    expect(items[0].data).toMatchObject({ description: 'Bright.\nLasts 20 hours, on one charge.' });
    expect(items[1].data).toMatchObject({ description: 'Two rooms:\n- sleeping\n- living' });
  });

  it.each(['windows-1252', 'iso-8859-1'])('decodes a %s file ("€", "é", "—")', async (encoding) => {
    const { items, error } = await readUpload(fixture('windows-1252.csv'), csvContext({ encoding, currency: 'EUR' }));
    expect(error).toBeUndefined();
    expect(items.map((item) => item.data)).toEqual([
      expect.objectContaining({ title: 'Café crème', description: 'Prix spécial : 5 € seulement', price: '5.00 EUR' }),
      expect.objectContaining({
        title: 'Crêpe à l\u2019érable',
        description: 'Sucrée \u2014 délicieuse',
        price: '3.20 EUR',
      }),
    ]);
  });

  it('reads the friendly column aliases as Google attributes and ignores unknown columns', async () => {
    const context = csvContext();
    const { items } = await readUpload(fixture('aliases.csv'), context);
    expect(items[0].data).toEqual({
      id: 'A-1',
      title: 'Camping Stove',
      link: 'https://shop.example/p/a-1',
      image_link: 'https://shop.example/i/a-1.jpg',
      quantity: '4',
      product_type: 'Camping > Cooking',
      gtin: '4006381333931',
      price: '45.00 EUR',
    });
    expect(context.logs).toEqual([
      { message: 'CSV columns ignored', details: { columns: ['Supplier', 'Internal Note'] } },
    ]);
  });

  it('fails, naming them, when required columns are missing', async () => {
    const { items, error } = await readUpload(fixture('missing-columns.csv'));
    expect(items).toEqual([]);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      reason: 'format',
      message:
        'The CSV file has no id (or sku), price columns; the header row must name the columns id, title, link and price.',
    });
  });

  it('fails, naming where, when a quote is never closed; the rows before it are yielded', async () => {
    const { items, error } = await readUpload(fixture('unclosed-quote.csv'));
    expect(items.map((item) => item.ref)).toEqual([{ id: 'U-1', line: 2 }]);
    expect(error).toMatchObject({
      reason: 'format',
      message: expect.stringContaining('the row after line 2 never ends'),
    });
  });

  it('fails for an empty file', async () => {
    const { error } = await readUpload(fixture('empty.csv'));
    expect(error).toMatchObject({ reason: 'format', message: 'The CSV file is empty: it has no header row.' });
  });

  it('yields a row with the wrong number of columns as a marked item, and the other rows as usual', async () => {
    const { items, error } = await readUpload(fixture('wrong-columns.csv'));
    expect(error).toBeUndefined();
    expect(items.map((item) => [item.ref.id, (item.data as Record<string, string>)[ROW_ERROR]])).toEqual([
      ['C-1', undefined],
      ['C-2', 'row has 3 columns, the header has 4'],
      ['C-3', 'row has 5 columns, the header has 4'],
      ['C-4', undefined],
    ]);
  });

  it('uses the delimiter set in the settings instead of guessing', async () => {
    const { error } = await readUpload(fixture('products.csv'), csvContext({ delimiter: ';' }));
    expect(error).toMatchObject({ reason: 'format', message: expect.stringContaining('has no id (or sku)') });
  });

  it('yields pages of 1000 rows, streaming a large file', async () => {
    const rows = Array.from(
      { length: 2500 },
      (_, n) => `G-${n},Item ${n},https://shop.example/p/${n},${n + 1}.00 EUR\n`,
    );
    const { pages } = await readUpload(Buffer.from(`id,title,link,price\n${rows.join('')}`));
    expect(pages.map((page) => page.items.length)).toEqual([1000, 1000, 500]);
    expect(pages.every((page) => page.checkpoint === null)).toBe(true);
    expect(pages[2].items.at(-1)!.ref).toEqual({ id: 'G-2499', line: 2501 });
  });

  it('fails with reason "settings" when no file was uploaded', async () => {
    const reading = connector.read(csvContext(), { mode: 'full', checkpoint: null });
    await expect(reading.next()).rejects.toMatchObject({ reason: 'settings' });
  });
});
