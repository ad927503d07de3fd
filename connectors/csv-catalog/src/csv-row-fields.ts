import { ROW_ERROR, columnCountMessage, type GoogleItemFields } from '#connector-sdk';
import type { CsvColumns } from './csv-columns.js';
import { googlePrice } from './csv-price.js';

const PRICE_ATTRIBUTES = new Set(['price', 'sale_price']);

/** One CSV row as Google attributes; a row that does not line up with the header is marked with ROW_ERROR. */
export function rowFields(
  cells: readonly string[],
  columns: CsvColumns,
  currency: string | undefined,
): GoogleItemFields {
  const fields: Record<string, string> = {};
  cells.forEach((cell, index) => {
    const attribute = columns.attributes[index];
    const value = cell.trim();
    if (!attribute || value === '') return;
    fields[attribute] = PRICE_ATTRIBUTES.has(attribute) ? googlePrice(value, currency) : value;
  });
  if (cells.length !== columns.attributes.length)
    fields[ROW_ERROR] = columnCountMessage(cells.length, columns.attributes.length);
  return fields;
}
