import { Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CHANNEL_FEED_FILES, CHANNEL_FEED_ROUTE, type ChannelFeedFormat } from '#channels';
import { ApiProblemResponse, ParseId, Public, requestBaseUrl } from '#platform';
import { ChannelFeedQuery } from './channel-feed.dto.js';
import { ChannelFeeds } from './channel-feed.service.js';

const ABOUT =
  "The offers this channel may show, for Meta's (or Google's) scheduled catalog fetch: one item per offer, " +
  "`id` = Souk's offer id (the channel API's `offerId`, " +
  'to send as `product_retailer_id`). No API key: the URL carries the feed token. ' +
  'Conditional (ETag, If-None-Match → 304) and gzip when accepted.';

/** Public routes whose URL carries the channel's feed token (checked in ChannelFeedAccess). */
@ApiTags('channel feeds')
@Public()
@Controller(CHANNEL_FEED_ROUTE)
export class ChannelFeedController {
  constructor(private readonly feeds: ChannelFeeds) {}

  @Get(CHANNEL_FEED_FILES.tsv)
  @ApiOperation({
    summary: "The channel's catalog feed as tab-separated values with a header row.",
    description: ABOUT,
  })
  @ApiProduces('text/tab-separated-values')
  @ApiOkResponse({ description: 'The feed.' })
  @ApiProblemResponse(404, 'No such channel, a paused one, or a wrong or missing token: the same answer for each.')
  tsv(
    @Param('channelId', ParseId) channelId: string,
    @Query() query: ChannelFeedQuery,
    @Headers() headers: Record<string, string | undefined>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.answer('tsv', channelId, query, headers, request, reply);
  }

  @Get(CHANNEL_FEED_FILES.rss)
  @ApiOperation({ summary: "The channel's catalog feed as RSS 2.0 with the Google namespace.", description: ABOUT })
  @ApiProduces('application/rss+xml')
  @ApiOkResponse({ description: 'The feed.' })
  @ApiProblemResponse(404, 'No such channel, a paused one, or a wrong or missing token: the same answer for each.')
  rss(
    @Param('channelId', ParseId) channelId: string,
    @Query() query: ChannelFeedQuery,
    @Headers() headers: Record<string, string | undefined>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.answer('rss', channelId, query, headers, request, reply);
  }

  private async answer(
    format: ChannelFeedFormat,
    channelId: string,
    query: ChannelFeedQuery,
    headers: Record<string, string | undefined>,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const feed = await this.feeds.open({
      channelId,
      token: query.token,
      format,
      baseUrl: requestBaseUrl(request),
      ifNoneMatch: headers['if-none-match'],
      acceptEncoding: headers['accept-encoding'],
    });
    void reply.header('etag', feed.etag).header('vary', 'accept-encoding').header('cache-control', 'no-cache');
    if (feed.status === 304) {
      void reply.status(304);
      return undefined;
    }
    void reply.header('content-type', feed.contentType);
    if (feed.gzip) void reply.header('content-encoding', 'gzip');
    return feed.body;
  }
}
