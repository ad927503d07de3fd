import { parse as parseSync } from 'csv-parse/sync';
import { ConnectorError, DELIMITED_OPTIONS, ROW_ERROR, columnCountMessage, parseDelimited } from '#connector-sdk';
import type { FeedFields, FeedRecord } from './feed-record.js';

/** `g:Image Link` -> `image_link`; names that cannot be Google attributes become null (ignored). */
export function tsvColumnName(header: string): string | null {
  const name = header.trim().toLowerCase().replace(/^g:/, '').replace(/\s+/g, '_');
  return name === '' || name.startsWith('#') ? null : name;
}

/** The header of a TSV feed: its column names, failing when there is no id column. */
export function tsvColumns(header: readonly string[]): (string | null)[] {
  const columns = header.map(tsvColumnName);
  if (!columns.includes('id')) {
    // The count, not the names: the header is the server's text, and Souk does not repeat what a server said.
    const count = columns.filter((name) => name !== null).length;
    throw new ConnectorError(
      `The TSV feed's header row has no id column (it has ${count} column${count === 1 ? '' : 's'}); ` +
        `the first row must name the columns, id among them.`,
      'format',
    );
  }
  return columns;
}

/** The column names of a TSV feed's first line, read from the beginning of the file. */
export function readTsvHeader(headText: string): (string | null)[] {
  const newline = headText.indexOf('\n');
  const line = newline === -1 ? headText : headText.slice(0, newline);
  let header: string[] | undefined;
  try {
    [header] = parseSync(line, { ...DELIMITED_OPTIONS, delimiter: '\t' }) as string[][];
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConnectorError(
      `The TSV feed's header row cannot be read${typeof code === 'string' ? ` (${code})` : ''}: ` +
        `check its quotes and tabs.`,
      'format',
      { cause: error },
    );
  }
  return tsvColumns(header ?? []);
}

/**
 * Parses a decoded TSV feed as a stream. A row that does not have as many cells as the header is
 * still yielded, marked with ROW_ERROR, so that it is reported as an item error.
 */
export async function* parseTsv(text: AsyncIterable<string>): AsyncGenerator<FeedRecord> {
  let columns: (string | null)[] | null = null;
  for await (const { cells, line } of parseDelimited(text, '\t', 'The TSV feed')) {
    if (columns === null) columns = tsvColumns(cells);
    else yield { fields: rowFields(cells, columns), line };
  }
}

function rowFields(record: readonly string[], columns: readonly (string | null)[]): FeedFields {
  const fields: FeedFields = {};
  record.forEach((cell, index) => {
    const name = columns[index];
    const value = cell.trim();
    if (!name || value === '') return;
    // A repeated column (two additional_image_link columns) gives an array, like a repeated XML element.
    const existing = fields[name];
    fields[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  });
  if (record.length !== columns.length) fields[ROW_ERROR] = columnCountMessage(record.length, columns.length);
  return fields;
}
