import { parse as parseSync } from 'csv-parse/sync';
import { DELIMITED_OPTIONS, parseDelimited, type DelimitedRow } from '#connector-sdk';
import type { CsvDelimiter } from './settings.js';

/** The cells of a header line. */
export function parseHeaderLine(line: string, delimiter: CsvDelimiter): string[] {
  const [header] = parseSync(line, { ...DELIMITED_OPTIONS, delimiter }) as string[][];
  return header ?? [];
}

/** Parses decoded CSV text as a stream, header row included. Rows may have any number of cells. */
export function parseCsv(text: AsyncIterable<string>, delimiter: CsvDelimiter): AsyncGenerator<DelimitedRow> {
  return parseDelimited(text, delimiter, 'The CSV file');
}
