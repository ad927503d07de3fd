import { ConnectorError, decodeHead, decodeText, peekBytes } from '#connector-sdk';
import { detectDelimiter, headerLine } from './delimiter-detect.js';
import type { CsvDelimiter, CsvSettings } from './settings.js';

/** How far into the file the header row must end. */
export const HEADER_BYTES = 64 * 1024;

export interface CsvFile {
  readonly delimiter: CsvDelimiter;
  readonly encoding: string;
  /** The header row's text. */
  readonly header: string;
  /** True when the header bytes read hold some the encoding cannot decode (a windows-1252 file read as UTF-8). */
  readonly undecodable: boolean;
  /** The whole file as text, header row included. */
  readonly text: AsyncGenerator<string>;
  close(): Promise<void>;
}

/**
 * Opens an uploaded CSV: its encoding (a BOM wins over the settings) and delimiter (from the header row when "auto").
 */
export async function openCsv(
  bytes: AsyncIterable<Uint8Array>,
  settings: Pick<CsvSettings, 'delimiter' | 'encoding'>,
): Promise<CsvFile> {
  const peeked = await peekBytes(bytes, HEADER_BYTES);
  try {
    const encoding = fileEncoding(peeked.head, settings.encoding);
    const head = decodeHead(peeked.head, encoding);
    const complete = peeked.head.length < HEADER_BYTES;
    if (head.trim() === '') throw new ConnectorError('The CSV file is empty: it has no header row.', 'format');
    const header = headerLine(head) ?? (complete ? head.replace(/^[\r\n]+/, '') : null);
    if (header === null)
      throw new ConnectorError(
        `The CSV file's header row does not end within the first ${HEADER_BYTES / 1024} KB (is a quote left open?).`,
        'format',
      );
    const delimiter = settings.delimiter === 'auto' ? detectDelimiter(header) : settings.delimiter;
    const undecodable = head.includes('\uFFFD');
    return { delimiter, encoding, header, undecodable, text: decodeText(peeked.chunks, encoding), close: peeked.close };
  } catch (error) {
    await peeked.close();
    throw error;
  }
}

/** A UTF-8 byte order mark overrides the configured encoding: the file says what it is. */
function fileEncoding(head: Buffer, configured: string): string {
  return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 'utf-8' : configured;
}
