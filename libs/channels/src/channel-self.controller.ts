import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor, PageQuery, ParseId, type Actor, type Page } from '#platform';
import { ChannelView } from './channel.dto.js';
import { ChannelService } from './channel.service.js';
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

  @Post('webhook-test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Ask for a signed test event at this channel\'s webhook URL.' })
  @ApiAcceptedResponse({ type: WebhookDeliveryView })
  sendTestEvent(@CurrentActor() actor: Actor): Promise<WebhookDeliveryView> {
    return this.webhooks.sendTestEvent(actor.channelId as string);
  }

  @Get('webhook-deliveries')
  @ApiOperation({ summary: 'This channel\'s webhook events and their delivery attempts, newest first.' })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  deliveries(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<WebhookDeliveryView>> {
    return this.webhooks.list(actor.channelId as string, query);
  }

  @Post('webhook-deliveries/:id/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivered or failed webhook event again, with the same webhook-id and body.' })
  @ApiAcceptedResponse({ type: WebhookDeliveryView })
  replay(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<WebhookDeliveryView> {
    return this.webhooks.replay(actor.channelId as string, id);
  }
}
