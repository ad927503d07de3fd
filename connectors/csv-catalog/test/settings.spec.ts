import { csvCatalogConnector as connector } from '../src/index.js';

const { settings, secrets } = connector.spec;

function messages(result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }): string[] {
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('csv-catalog settings', () => {
  it('has the spec the connector configs rely on', () => {
    expect(connector.spec).toMatchObject({
      id: 'csv-catalog',
      capabilities: ['catalog'],
      incremental: false,
      acceptsUpload: true,
    });
  });

  it('defaults to auto delimiter and UTF-8', () => {
    expect(settings.parse({})).toEqual({ delimiter: 'auto', encoding: 'utf-8' });
    expect(settings.parse({ delimiter: '\t', encoding: 'windows-1252', currency: 'chf', language: 'DE' })).toEqual({
      delimiter: '\t',
      encoding: 'windows-1252',
      currency: 'CHF',
      language: 'de',
    });
    expect(secrets.parse(undefined)).toEqual({});
  });

  it('explains what is wrong, field by field', () => {
    expect(messages(settings.safeParse({ delimiter: ':' }))).toEqual([
      'delimiter: delimiter must be "auto", ",", ";", a tab or "|"',
    ]);
    expect(messages(settings.safeParse({ encoding: 'utf-16' }))).toEqual([
      'encoding: encoding must be "utf-8", "windows-1252" or "iso-8859-1"',
    ]);
    expect(messages(settings.safeParse({ currency: 'EURO' }))).toEqual([
      'currency: currency must be an ISO 4217 code such as "EUR" or "USD"',
    ]);
    expect(messages(settings.safeParse({ language: 'french' }))).toEqual([
      'language: language must be a two-letter ISO 639-1 code such as "en" or "fr"',
    ]);
  });
});
