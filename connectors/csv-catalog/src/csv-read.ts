import {
  ConnectorError,
  inPages,
  type ConnectorContext,
  type RawItem,
  type ReadPage,
  type ReadRequest,
} from '#connector-sdk';
import { requireColumns, type CsvColumns } from './csv-columns.js';
import { openCsv } from './csv-file.js';
import { parseCsv } from './csv-parser.js';
import { rowFields } from './csv-row-fields.js';
import type { CsvSecrets, CsvSettings } from './settings.js';

/** Reads the uploaded CSV in pages; each row after the header is one item. */
export async function* readCsv(
  context: ConnectorContext<CsvSettings, CsvSecrets>,
  request: ReadRequest<null>,
): AsyncGenerator<ReadPage<null>, void> {
  context.signal.throwIfAborted();
  if (!request.upload) throw new ConnectorError('No CSV file was uploaded for this run.', 'settings');
  yield* inPages(csvItems(request.upload(), context), null, () => null);
}

async function* csvItems(
  bytes: AsyncIterable<Uint8Array>,
  context: ConnectorContext<CsvSettings, CsvSecrets>,
): AsyncGenerator<RawItem> {
  const file = await openCsv(bytes, context.settings);
  try {
    let columns: CsvColumns | null = null;
    for await (const { cells, line } of parseCsv(file.text, file.delimiter)) {
      context.signal.throwIfAborted();
      if (columns === null) {
        columns = requireColumns(cells);
        if (columns.ignored.length > 0) context.log('CSV columns ignored', { columns: columns.ignored });
        continue;
      }
      const data = rowFields(cells, columns, context.settings.currency);
      const id = typeof data.id === 'string' ? data.id : undefined;
      yield { ref: id === undefined ? { line } : { id, line }, data };
    }
  } finally {
    await file.close();
  }
}
