import { finished } from 'node:stream/promises';
import { CsvError, parse, type Options } from 'csv-parse';
import { ConnectorError } from '../connector.js';
import { toUnixLineEndings } from './line-endings.js';

/** Far above any real row; a longer one means a quote was left open. */
const MAX_ROW_BYTES = 1_000_000;

/** One delimited record and the 1-based line where it starts. */
export interface DelimitedRow {
  readonly cells: string[];
  readonly line: number;
}

export const DELIMITED_OPTIONS = {
  bom: true,
  relax_quotes: true,
  relax_column_count: true,
  skip_empty_lines: true,
  // Spreadsheets often end a file with rows of bare delimiters.
  skip_records_with_empty_values: true,
  // Bounds memory when a quote is left open: the rest of the file would otherwise become one value.
  max_record_size: MAX_ROW_BYTES,
} as const;

/**
 * Parses delimited text as a stream with csv-parse, a chunk at a time. Records are taken as
 * csv-parse finds them (on_record), so that all those before a broken row are delivered before
 * the error; a piped stream would drop the ones it had buffered. `file` names the file in errors.
 */
export async function* parseDelimited(
  text: AsyncIterable<string>,
  delimiter: string,
  file: string,
): AsyncGenerator<DelimitedRow> {
  const rows: DelimitedRow[] = [];
  let lastEnd = 0;
  const parser = parse({
    ...DELIMITED_OPTIONS,
    delimiter,
    on_record: (record: string[], context) => {
      rows.push({ cells: record, line: context.lines - lineBreaks(record) });
      lastEnd = context.lines;
      return null;
    },
  } satisfies Options);
  parser.on('error', () => undefined); // surfaced by write() and finished() below
  try {
    for await (const chunk of toUnixLineEndings(text)) {
      await new Promise<void>((resolve, reject) => parser.write(chunk, (error) => (error ? reject(error) : resolve())));
      yield* rows.splice(0, rows.length);
    }
    parser.end();
    await finished(parser, { readable: false });
  } catch (error) {
    yield* rows.splice(0, rows.length);
    if (!(error instanceof CsvError)) throw error;
    throw new ConnectorError(`${file} cannot be read: ${problem(error, lastEnd)}`, 'format', { cause: error });
  } finally {
    parser.destroy();
  }
  yield* rows.splice(0, rows.length);
}

function problem(error: CsvError, lastEnd: number): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED' || error.code === 'CSV_MAX_RECORD_SIZE') {
    return (
      `the row after line ${lastEnd} never ends (over ${MAX_ROW_BYTES.toLocaleString('en')} bytes, ` +
      'or to the end of the file): a quote is probably left open.'
    );
  }
  return error.message;
}

/** csv-parse gives the line a record ends on; each quoted line break moves its start up one. */
function lineBreaks(record: readonly string[]): number {
  return record.reduce((count, cell) => count + (cell.match(/\r\n?|\n/g)?.length ?? 0), 0);
}
