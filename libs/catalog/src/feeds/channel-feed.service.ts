import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ChannelFeedFormat } from '#channels';
import { ChannelFeedAccess, type FeedChannel } from './channel-feed-access.js';
import { acceptsGzip, feedEtags, ifNoneMatchHits } from './feed-conditions.js';
import { feedItem } from './feed-item.js';
import { feedFingerprint, visibleFeedOffers } from './feed-offers.js';
import { rssHead, rssItem, rssTail } from './rss-feed.js';
import { tsvHeader, tsvRow } from './tsv-feed.js';

/** Raised whenever what the feed writes for the same offers changes, so that every cached copy is fetched again. */
const FEED_FORMAT_VERSION = 1;

const CONTENT_TYPES: Record<ChannelFeedFormat, string> = {
  tsv: 'text/tab-separated-values; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
};

export interface ChannelFeedRequest {
  readonly channelId: string;
  readonly token: string | undefined;
  readonly format: ChannelFeedFormat;
  /** Where the caller reached Souk; the RSS channel links to it. */
  readonly baseUrl: string;
  readonly ifNoneMatch: string | undefined;
  readonly acceptEncoding: string | undefined;
}

export type ChannelFeedAnswer =
  | { readonly status: 304; readonly etag: string }
  | {
      readonly status: 200;
      readonly etag: string;
      readonly contentType: string;
      readonly gzip: boolean;
      readonly body: Readable;
    };

/**
 * A channel's catalog feed: the offers it may see (exactly the channel API's visibility), written
 * as TSV or RSS while they are read from the database a page at a time, gzip-encoded when the
 * client takes it; 304 when If-None-Match names the current ETag.
 */
@Injectable()
export class ChannelFeeds {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ChannelFeedAccess,
  ) {}

  async open(request: ChannelFeedRequest): Promise<ChannelFeedAnswer> {
    const channel = await this.access.open(request.channelId, request.token);
    const fingerprint = await feedFingerprint(this.dataSource, channel.id);
    const etags = feedEtags([
      FEED_FORMAT_VERSION,
      request.format,
      channel.name,
      request.baseUrl,
      fingerprint.offers,
      fingerprint.digest,
    ]);
    const gzip = acceptsGzip(request.acceptEncoding);
    const etag = gzip ? etags.gzip : etags.identity;
    if (ifNoneMatchHits(request.ifNoneMatch, [etags.identity, etags.gzip])) return { status: 304, etag };
    const text = Readable.from(this.write(channel, request.format, request.baseUrl), { objectMode: false });
    return { status: 200, etag, contentType: CONTENT_TYPES[request.format], gzip, body: gzip ? gzipped(text) : text };
  }

  /** The feed's text, an item at a time; the next page of offers is read only when the reader has taken the last. */
  private async *write(channel: FeedChannel, format: ChannelFeedFormat, baseUrl: string): AsyncGenerator<string> {
    yield format === 'tsv' ? tsvHeader() : rssHead(channel.name, baseUrl);
    for await (const row of visibleFeedOffers(this.dataSource, channel.id)) {
      const item = feedItem(row);
      yield format === 'tsv' ? tsvRow(item) : rssItem(item);
    }
    if (format === 'rss') yield rssTail();
  }
}

/**
 * The text gzip-encoded; when the client goes away mid-feed, the text stops too (pipe alone would leave it waiting).
 */
function gzipped(text: Readable): Readable {
  const gzip = createGzip();
  gzip.once('close', () => text.destroy());
  return text.pipe(gzip);
}
