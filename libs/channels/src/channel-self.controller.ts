import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  ApiProblemResponse,
  AllowRoles,
  CurrentActor,
  PageQuery,
  ParseId,
  requestBaseUrl,
  type Actor,
  type Page,
} from '#platform';
import { ChannelView } from './channel.dto.js';
import { ChannelService } from './channel.service.js';
import { ChannelFeedTokenView } from './feed-token.dto.js';
import { WebhookDeliveryPage, WebhookDeliveryView } from './channel-webhook.dto.js';
import { ChannelWebhookService } from './channel-webhook.service.js';

/** The channel API: a channel key sees its own channel and nothing else. */
@ApiTags('channel')
@ApiBearerAuth()
@AllowRoles('channel')
@Controller('v1/channel')
export class ChannelSelfController {
  constructor(
    private readonly channels: ChannelService,
    private readonly webhooks: ChannelWebhookService,
  ) {}

  @Get('me')
  @ApiOperation({ summary: 'Who am I: the channel this key belongs to.' })
  @ApiOkResponse({ type: ChannelView })
  me(@CurrentActor() actor: Actor): Promise<ChannelView> {
    return this.channels.get(actor.channelId as string);
  }

  @Post('feed-token/rotate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Make a new catalog feed token for this channel (the old one stops working at once); ' +
      'the token and the feed URLs are shown only in this answer.',
  })
  @ApiOkResponse({ type: ChannelFeedTokenView })
  rotateFeedToken(@CurrentActor() actor: Actor, @Req() request: FastifyRequest): Promise<ChannelFeedTokenView> {
    return this.channels.rotateFeedToken(actor, actor.channelId as string, requestBaseUrl(request));
  }

  @Post('webhook-test')
  @HttpCode(202)
  @ApiOperation({ summary: "Ask for a signed test event at this channel's webhook URL." })
  @ApiAcceptedResponse({ type: WebhookDeliveryView })
  @ApiProblemResponse(409, 'The channel has no webhook URL.')
  sendTestEvent(@CurrentActor() actor: Actor): Promise<WebhookDeliveryView> {
    return this.webhooks.sendTestEvent(actor.channelId as string);
  }

  @Get('webhook-deliveries')
  @ApiOperation({ summary: "This channel's webhook events and their delivery attempts, newest first." })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  deliveries(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<WebhookDeliveryView>> {
    return this.webhooks.list(actor.channelId as string, query);
  }

  @Post('webhook-deliveries/:id/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivered or failed webhook event again, with the same webhook-id and body.' })
  @ApiAcceptedResponse({ type: WebhookDeliveryView })
  @ApiProblemResponse(409, 'The delivery is still pending.')
  replay(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<WebhookDeliveryView> {
    return this.webhooks.replay(actor.channelId as string, id);
  }
}
