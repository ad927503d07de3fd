import { Module } from '@nestjs/common';
import { ChannelWebhookService } from './channel-webhook.service.js';
import { ChannelService } from './channel.service.js';
import { WebhookHealth } from './webhook-health.js';

@Module({ providers: [ChannelService, ChannelWebhookService, WebhookHealth], exports: [ChannelService, ChannelWebhookService, WebhookHealth] })
export class ChannelsModule {}
