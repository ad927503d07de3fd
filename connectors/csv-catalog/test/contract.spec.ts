// The kit imports @jest/globals, so #connector-sdk does not export it; it is test code of the SDK.
import { describeConnectorContract } from '#connector-sdk/testing';
import { csvCatalogConnector } from '../src/index.js';
import type { CsvSecrets, CsvSettings } from '../src/settings.js';
import { fixture, upload } from './support/csv-context.js';

describeConnectorContract<CsvSettings, CsvSecrets, null>({
  connector: csvCatalogConnector,
  specId: 'csv-catalog',
  validSettings: { delimiter: 'auto', encoding: 'utf-8', currency: 'EUR' },
  validSecrets: {},
  invalidSettings: { delimiter: ':', encoding: 'utf-8' },
  goodSource: async () => ({ upload: upload(fixture('wrong-columns.csv')) }),
  brokenSource: async () => ({ upload: upload(fixture('missing-columns.csv')) }),
  expectedItemCount: 4,
});
