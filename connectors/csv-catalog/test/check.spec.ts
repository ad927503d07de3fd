import { csvCatalogConnector as connector } from '../src/index.js';
import { csvContext, fixture, upload } from './support/csv-context.js';

describe('csv-catalog check', () => {
  it('confirms the header and lists the columns used and ignored', async () => {
    expect(await connector.check(csvContext(), { upload: upload(fixture('aliases.csv')) })).toEqual({
      ok: true,
      message:
        'Found 10 columns separated by commas. Used: id (from "SKU"), title (from "Name"), link (from "URL"), image_link (from "Image"), quantity (from "Stock"), ' +
        'product_type (from "Category"), gtin (from "EAN"), price. Ignored columns: Supplier, Internal Note.',
    });
    expect(await connector.check(csvContext(), { upload: upload(fixture('semicolon.csv')) })).toEqual({
      ok: true,
      message:
        'Found 9 columns separated by semicolons. Used: id, title, description, link, image_link, availability, price, sale_price, brand.',
    });
  });

  it('suggests windows-1252 for a file that is not valid UTF-8', async () => {
    expect(await connector.check(csvContext(), { upload: upload(fixture('windows-1252.csv')) })).toEqual({
      ok: true,
      message:
        'Found 5 columns separated by semicolons. Used: id, title, description, link, price. The file is not valid UTF-8: if it was saved by Excel, set the encoding to "windows-1252".',
    });
    expect(
      await connector.check(csvContext({ encoding: 'windows-1252' }), { upload: upload(fixture('windows-1252.csv')) }),
    ).toEqual({
      ok: true,
      message: 'Found 5 columns separated by semicolons. Used: id, title, description, link, price.',
    });
  });

  it('reports missing required columns by name', async () => {
    expect(await connector.check(csvContext(), { upload: upload(fixture('missing-columns.csv')) })).toEqual({
      ok: false,
      reason: 'format',
      message:
        'The CSV file has no id (or sku), price columns; the header row must name the columns id, title, link and price.',
    });
  });

  it('reports an empty file', async () => {
    expect(await connector.check(csvContext(), { upload: upload(fixture('empty.csv')) })).toMatchObject({
      ok: false,
      reason: 'format',
      message: expect.stringContaining('empty'),
    });
  });

  it('accepts the settings alone when no file is given', async () => {
    expect(await connector.check(csvContext())).toMatchObject({ ok: true });
  });
});
