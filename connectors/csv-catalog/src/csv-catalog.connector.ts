import { normalizeGoogleItem, rowErrorResult, type Connector, type GoogleItemFields } from '#connector-sdk';
import { checkCsv } from './csv-check.js';
import { readCsv } from './csv-read.js';
import { csvSecretsSchema, csvSettingsSchema, type CsvSecrets, type CsvSettings } from './settings.js';

/**
 * A catalog a small shop uploads as a CSV file, with Google attribute names or friendly aliases as columns (see
 * README.md).
 */
export const csvCatalogConnector: Connector<CsvSettings, CsvSecrets, null> = {
  spec: {
    id: 'csv-catalog',
    name: 'CSV catalog',
    description: 'A product catalog uploaded as a CSV file: one row per product, with a header row naming the columns.',
    settings: csvSettingsSchema,
    secrets: csvSecretsSchema,
    capabilities: ['catalog'],
    incremental: false,
    acceptsUpload: true,
  },
  check: (context, request) => checkCsv(context, request?.upload),
  read: readCsv,
  map(item, context) {
    return (
      rowErrorResult(item.data) ??
      normalizeGoogleItem(item.data as GoogleItemFields, { defaultLanguage: context.settings.language ?? null })
    );
  },
};
