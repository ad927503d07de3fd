import type { Readable } from 'node:stream';
import { ConnectorError, peekBytes, type CheckResult, type ConnectorContext } from '#connector-sdk';
import { createDecoder, detectEncoding } from './feed-encoding.js';
import { fetchFeed } from './feed-fetch.js';
import { sniffFormat } from './format-sniff.js';
import { RssAtomParser } from './rss-atom-parser.js';
import type { FeedFormat, FeedSecrets, FeedSettings } from './settings.js';
import { readTsvHeader } from './tsv-parser.js';

/** How much of the feed check reads before it stops the download. */
export const CHECK_BYTES = 16 * 1024;

/** Fetches (or opens the upload) and reads only the first few KB, enough to confirm the format. */
export async function checkFeed(
  context: ConnectorContext<FeedSettings, FeedSecrets>,
  upload?: () => Readable,
): Promise<CheckResult> {
  try {
    if (context.settings.source === 'upload') {
      if (!upload)
        return { ok: true, message: 'The settings are valid; the feed file is checked when it is uploaded.' };
      return { ok: true, message: await inspectHead(upload(), context.settings.format) };
    }
    const abort = new AbortController();
    const signal = AbortSignal.any([context.signal, abort.signal]);
    const response = await fetchFeed(context, null, signal);
    if (response.status === 304) return { ok: true, message: 'The feed server answered 304 Not Modified.' };
    try {
      return { ok: true, message: await inspectHead(response.body, context.settings.format) };
    } finally {
      abort.abort();
    }
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    return { ok: false, reason: error.reason === 'source' ? 'format' : error.reason, message: error.message };
  }
}

async function inspectHead(bytes: AsyncIterable<Uint8Array>, format: FeedFormat): Promise<string> {
  const peeked = await peekBytes(bytes, CHECK_BYTES);
  await peeked.close();
  const complete = peeked.head.length < CHECK_BYTES;
  const encoding = detectEncoding(peeked.head);
  const text = createDecoder(encoding).decode(peeked.head, { stream: !complete });
  const sniffed = sniffFormat(text);
  if (sniffed === 'empty') throw new ConnectorError('The feed is empty: the file has no content.', 'format');
  if (format === 'tsv' || (format === 'auto' && sniffed === 'tsv')) return describeTsv(text, complete);
  return describeXml(text, format === 'auto' ? 'auto' : format, complete);
}

/** Columns every Google product feed needs; the check names which of them are missing. */
const REQUIRED_TSV_COLUMNS = ['id', 'title', 'description', 'link', 'image_link', 'availability', 'price'] as const;

/**
 * Counts the columns and names the required ones that are missing, never the feed's own text:
 * Souk does not repeat what a server answered.
 */
function describeTsv(text: string, complete: boolean): string {
  if (!complete && !text.includes('\n'))
    throw new ConnectorError(`The TSV feed's header row is longer than ${CHECK_BYTES / 1024} KB.`, 'format');
  const columns = readTsvHeader(text).filter((name) => name !== null);
  const missing = REQUIRED_TSV_COLUMNS.filter((name) => !columns.includes(name));
  const required =
    missing.length === 0
      ? 'all the required columns are there'
      : `the required column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} ` +
        `${missing.length === 1 ? 'is' : 'are'} missing`;
  return `Found a TSV feed with ${columns.length} columns; ${required} (required: ${REQUIRED_TSV_COLUMNS.join(', ')}).`;
}

function describeXml(text: string, expected: 'rss' | 'atom' | 'auto', complete: boolean): string {
  const parser = new RssAtomParser(expected);
  parser.write(text);
  if (complete) parser.end();
  if (parser.kind === null)
    throw new ConnectorError(`The feed has no root element in its first ${CHECK_BYTES / 1024} KB.`, 'format');
  const items = parser.take();
  const name = parser.kind === 'rss' ? 'an RSS 2.0' : 'an Atom 1.0';
  const itemCount = complete ? `, with ${items.length} item${items.length === 1 ? '' : 's'}` : '';
  return `Found ${name} feed${itemCount}.`;
}
