import type { Readable } from 'node:stream';
import { CsvError } from 'csv-parse';
import { ConnectorError, type CheckResult, type ConnectorContext } from '#connector-sdk';
import { missingColumnsMessage, resolveColumns } from './csv-columns.js';
import { openCsv } from './csv-file.js';
import { parseHeaderLine } from './csv-parser.js';
import type { CsvSecrets, CsvSettings } from './settings.js';

const DELIMITER_NAMES: Readonly<Record<string, string>> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** Reads only the header row of the uploaded file: the required columns must be there. */
export async function checkCsv(
  context: ConnectorContext<CsvSettings, CsvSecrets>,
  upload?: () => Readable,
): Promise<CheckResult> {
  if (!upload) return { ok: true, message: 'The settings are valid; the CSV file is checked when it is uploaded.' };
  let header: string[];
  let file;
  try {
    file = await openCsv(upload(), context.settings);
    await file.close();
    header = parseHeaderLine(file.header, file.delimiter);
  } catch (error) {
    if (error instanceof ConnectorError || error instanceof CsvError)
      return { ok: false, reason: 'format', message: error.message };
    throw error;
  }
  const columns = resolveColumns(header);
  const ignored = columns.ignored.length > 0 ? ` Ignored columns: ${columns.ignored.join(', ')}.` : '';
  if (columns.missing.length > 0)
    return { ok: false, reason: 'format', message: missingColumnsMessage(columns.missing) + ignored };
  const used = header.flatMap((name, index) => {
    const attribute = columns.attributes[index];
    if (!attribute) return [];
    return [name.trim().toLowerCase() === attribute ? attribute : `${attribute} (from "${name.trim()}")`];
  });
  const encoding =
    file.undecodable && file.encoding === 'utf-8'
      ? ' The file is not valid UTF-8: if it was saved by Excel, set the encoding to "windows-1252".'
      : '';
  return {
    ok: true,
    message:
      `Found ${header.length} columns separated by ${DELIMITER_NAMES[file.delimiter]}s. ` +
      `Used: ${used.join(', ')}.${ignored}${encoding}`,
  };
}
