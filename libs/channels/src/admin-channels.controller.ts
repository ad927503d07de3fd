import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
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
import {
  ChannelListQuery,
  ChannelPage,
  ChannelView,
  ChannelWithSecretView,
  CreateChannelBody,
  UpdateChannelBody,
} from './channel.dto.js';
import { ChannelService } from './channel.service.js';
import { ChannelFeedTokenView } from './feed-token.dto.js';
import { WebhookDeliveryPage, WebhookDeliveryView } from './channel-webhook.dto.js';
import { ChannelWebhookService } from './channel-webhook.service.js';

@ApiTags('admin: channels')
@ApiBearerAuth()
@AllowRoles('operator')
@Controller('v1/admin/channels')
export class AdminChannelsController {
  constructor(
    private readonly channels: ChannelService,
    private readonly webhooks: ChannelWebhookService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Onboard a chat front end; the answer holds its webhook secret, shown only this once.' })
  @ApiCreatedResponse({ type: ChannelWithSecretView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateChannelBody): Promise<ChannelWithSecretView> {
    return this.channels.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'List channels, newest first.' })
  @ApiOkResponse({ type: ChannelPage })
  list(@Query() query: ChannelListQuery): Promise<Page<ChannelView>> {
    return this.channels.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ChannelView })
  get(@Param('id', ParseId) id: string): Promise<ChannelView> {
    return this.channels.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ChannelView })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Body() body: UpdateChannelBody,
  ): Promise<ChannelView> {
    return this.channels.update(actor, id, body);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOkResponse({ type: ChannelView })
  pause(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<ChannelView> {
    return this.channels.setStatus(actor, id, 'paused');
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiOkResponse({ type: ChannelView })
  activate(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<ChannelView> {
    return this.channels.setStatus(actor, id, 'active');
  }

  @Post(':id/webhook-secret/rotate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the webhook secret; the new one is shown only in this answer.' })
  @ApiOkResponse({ type: ChannelWithSecretView })
  rotateWebhookSecret(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<ChannelWithSecretView> {
    return this.channels.rotateWebhookSecret(actor, id);
  }

  @Post(':id/feed-token/rotate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Make a new catalog feed token (the old one stops working at once); ' +
      'the token and the feed URLs that carry it are shown only in this answer.',
  })
  @ApiOkResponse({ type: ChannelFeedTokenView })
  rotateFeedToken(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Req() request: FastifyRequest,
  ): Promise<ChannelFeedTokenView> {
    return this.channels.rotateFeedToken(actor, id, requestBaseUrl(request));
  }

  @Post(':id/webhook-test')
  @HttpCode(202)
  @ApiOperation({ summary: "Send a signed test event to the channel's webhook URL; a worker delivers it." })
  @ApiAcceptedResponse({ type: WebhookDeliveryView })
  @ApiProblemResponse(409, 'The channel has no webhook URL.')
  sendTestEvent(@Param('id', ParseId) id: string): Promise<WebhookDeliveryView> {
    return this.webhooks.sendTestEvent(id);
  }

  @Get(':id/webhook-deliveries')
  @ApiOperation({ summary: "The channel's webhook events and their delivery attempts, newest first." })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  deliveries(@Param('id', ParseId) id: string, @Query() query: PageQuery): Promise<Page<WebhookDeliveryView>> {
    return this.webhooks.list(id, query);
  }
}
