import { Module } from '@nestjs/common';
import { ChannelWebhookService } from './channel-webhook.service.js';
import { ChannelService } from './channel.service.js';

@Module({ providers: [ChannelService, ChannelWebhookService], exports: [ChannelService, ChannelWebhookService] })
export class ChannelsModule {}
