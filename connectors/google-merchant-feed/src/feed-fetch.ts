import type { Readable } from 'node:stream';
import type { AxiosRequestConfig } from 'axios';
import type { ConnectorContext } from '#connector-sdk';
import { httpFailure } from './http-failure.js';
import type { FeedCheckpoint, FeedSecrets, FeedSettings } from './settings.js';

export type FeedResponse =
  { readonly status: 304 } | { readonly status: 200; readonly body: Readable; readonly checkpoint: FeedCheckpoint };

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, ' +
  'text/tab-separated-values;q=0.9, text/plain;q=0.8, */*;q=0.5';

/**
 * GETs the feed as a stream. With a checkpoint the request is conditional (If-None-Match,
 * If-Modified-Since), and a 304 comes back without a body.
 */
export async function fetchFeed(
  context: ConnectorContext<FeedSettings, FeedSecrets>,
  checkpoint: FeedCheckpoint,
  signal: AbortSignal = context.signal,
): Promise<FeedResponse> {
  const url = context.settings.url ?? '';
  const headers: Record<string, string> = { Accept: ACCEPT };
  if (checkpoint?.etag) headers['If-None-Match'] = checkpoint.etag;
  if (checkpoint?.lastModified) headers['If-Modified-Since'] = checkpoint.lastModified;
  const config: AxiosRequestConfig = {
    method: 'GET',
    url,
    headers,
    responseType: 'stream',
    validateStatus: (status) => status === 200 || status === 304,
    signal,
  };
  const { username, password, bearerToken } = context.secrets;
  if (username !== undefined) config.auth = { username, password: password ?? '' };
  if (bearerToken !== undefined) headers.Authorization = `Bearer ${bearerToken}`;

  let response;
  try {
    response = await context.http.request<Readable>(config);
  } catch (error) {
    if (signal.aborted) throw error;
    throw httpFailure(error, url);
  }
  if (response.status === 304) {
    response.data?.destroy();
    return { status: 304 };
  }
  const etag = headerValue(response.headers.etag);
  const lastModified = headerValue(response.headers['last-modified']);
  return {
    status: 200,
    body: response.data,
    checkpoint: etag || lastModified ? { ...(etag && { etag }), ...(lastModified && { lastModified }) } : null,
  };
}

function headerValue(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
