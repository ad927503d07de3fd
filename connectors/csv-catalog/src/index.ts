export { csvCatalogConnector } from './csv-catalog.connector.js';
export type { CsvSecrets, CsvSettings } from './settings.js';
