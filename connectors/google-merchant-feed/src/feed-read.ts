import {
  ConnectorError,
  NotModified,
  inPages,
  type ConnectorContext,
  type RawItem,
  type ReadPage,
  type ReadRequest,
} from '#connector-sdk';
import { fetchFeed } from './feed-fetch.js';
import type { FeedRecord } from './feed-record.js';
import { feedRecords } from './feed-records.js';
import { bodyFailure } from './http-failure.js';
import type { FeedCheckpoint, FeedSecrets, FeedSettings } from './settings.js';

/** Reads the whole feed (fetched, or the uploaded file) in pages; NotModified when the server says 304. */
export async function* readFeed(
  context: ConnectorContext<FeedSettings, FeedSecrets>,
  request: ReadRequest<FeedCheckpoint>,
): AsyncGenerator<ReadPage<FeedCheckpoint>, NotModified | void> {
  const { settings, signal } = context;
  signal.throwIfAborted();
  if (settings.source === 'upload') {
    if (!request.upload)
      throw new ConnectorError('This feed is uploaded, and no file was uploaded for this run.', 'settings');
    yield* inPages(toRawItems(feedRecords(request.upload(), settings.format), signal), null, () => null);
    return;
  }
  const url = settings.url ?? '';
  const response = await fetchFeed(context, request.checkpoint);
  if (response.status === 304) return new NotModified(request.checkpoint);
  const bytes = guardBody(response.body, url, signal);
  yield* inPages(
    toRawItems(feedRecords(bytes, settings.format), signal),
    request.checkpoint,
    () => response.checkpoint,
  );
}

async function* toRawItems(records: AsyncIterable<FeedRecord>, signal: AbortSignal): AsyncGenerator<RawItem> {
  for await (const { fields, line } of records) {
    signal.throwIfAborted();
    const id = typeof fields.id === 'string' ? fields.id : undefined;
    yield { ref: id === undefined ? { line } : { id, line }, data: fields };
  }
}

/** A connection that breaks mid-body fails the run as "unreachable", not as a broken feed. */
async function* guardBody(
  body: AsyncIterable<Uint8Array>,
  url: string,
  signal: AbortSignal,
): AsyncGenerator<Uint8Array> {
  try {
    yield* body;
  } catch (error) {
    throw signal.aborted ? error : bodyFailure(error, url);
  }
}
