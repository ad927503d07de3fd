import { ConnectorError, decodeText, peekBytes } from '#connector-sdk';
import { createDecoder, detectEncoding } from './feed-encoding.js';
import type { FeedRecord } from './feed-record.js';
import { sniffFormat } from './format-sniff.js';
import { parseRssAtom } from './rss-atom-parser.js';
import type { FeedFormat } from './settings.js';
import { parseTsv } from './tsv-parser.js';

const SNIFF_BYTES = 1024;

/** The items of a feed file, streamed: the format and encoding come from the settings or the first bytes. */
export async function* feedRecords(bytes: AsyncIterable<Uint8Array>, format: FeedFormat): AsyncGenerator<FeedRecord> {
  const peeked = await peekBytes(bytes, SNIFF_BYTES);
  try {
    const encoding = detectEncoding(peeked.head);
    const sniffed = sniffFormat(createDecoder(encoding).decode(peeked.head, { stream: true }));
    if (sniffed === 'empty') throw new ConnectorError('The feed is empty: the file has no content.', 'format');
    const kind = format === 'auto' ? (sniffed === 'xml' ? 'auto' : 'tsv') : format;
    const text = decodeText(peeked.chunks, encoding);
    yield* kind === 'tsv' ? parseTsv(text) : parseRssAtom(text, kind);
  } finally {
    await peeked.close();
  }
}
