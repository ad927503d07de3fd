import { csvCatalogConnector as connector } from '../src/index.js';
import { csvContext, fixture, readUpload } from './support/csv-context.js';

describe('csv-catalog map', () => {
  it('maps rows to offers, with the configured currency and language', async () => {
    const context = csvContext({ delimiter: ';', currency: 'EUR', language: 'fr' });
    const { items } = await readUpload(fixture('semicolon.csv'), context);
    const results = items.map((item) => connector.map(item, context));
    expect(results.map((result) => result.offer?.price)).toEqual([
      { amountMinor: 1250, currency: 'EUR' },
      { amountMinor: 123450, currency: 'EUR' },
      { amountMinor: 800, currency: 'EUR' },
    ]);
    expect(results[0].offer).toMatchObject({
      retailerItemId: 'P-100',
      title: 'Café filtre',
      salePrice: { amountMinor: 990, currency: 'EUR' },
      language: 'fr',
    });
  });

  it('gives the same offer for alias columns as for Google names', async () => {
    const context = csvContext();
    const [alias] = (await readUpload(fixture('aliases.csv'), context)).items;
    const [google] = (await readUpload(fixture('google-names.csv'), context)).items;
    const offer = connector.map(alias, context).offer;
    expect(offer).toMatchObject({
      retailerItemId: 'A-1',
      stockQuantity: 4,
      categoryPath: ['Camping', 'Cooking'],
      gtin: '04006381333931',
    });
    expect(offer).toEqual(connector.map(google, context).offer);
  });

  it('keeps the text decoded from windows-1252', async () => {
    const context = csvContext({ encoding: 'windows-1252', currency: 'EUR' });
    const { items } = await readUpload(fixture('windows-1252.csv'), context);
    expect(connector.map(items[0], context).offer).toMatchObject({
      title: 'Café crème',
      description: 'Prix spécial : 5 € seulement',
    });
  });

  it('reports a row with the wrong number of columns as an item error', async () => {
    const context = csvContext();
    const { items } = await readUpload(fixture('wrong-columns.csv'), context);
    const results = items.map((item) => connector.map(item, context));
    expect(results[1]).toEqual({
      offer: null,
      issues: [{ severity: 'error', field: null, message: 'row has 3 columns, the header has 4' }],
    });
    expect(results[2]).toEqual({
      offer: null,
      issues: [{ severity: 'error', field: null, message: 'row has 5 columns, the header has 4' }],
    });
    expect(results[0].offer).toMatchObject({ retailerItemId: 'C-1' });
    expect(results[3].offer).toMatchObject({ retailerItemId: 'C-4' });
  });

  it('reports a price without a currency as an item error when no currency is configured', async () => {
    const context = csvContext();
    const [item] = (await readUpload(fixture('no-currency.csv'), context)).items;
    const result = connector.map(item, context);
    expect(result.offer).toBeNull();
    expect(result.issues).toContainEqual({
      severity: 'error',
      field: 'price',
      message: expect.stringContaining('no currency code'),
    });
  });
});
