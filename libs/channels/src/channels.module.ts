import { Module } from '@nestjs/common';
import { ChannelWebhookService } from './channel-webhook.service.js';
import { ChannelService } from './channel.service.js';
import { UserRefHash } from './user-ref-hash.js';
import { WebhookHealth } from './webhook-health.js';

@Module({
  providers: [ChannelService, ChannelWebhookService, WebhookHealth, UserRefHash],
  exports: [ChannelService, ChannelWebhookService, WebhookHealth, UserRefHash],
})
export class ChannelsModule {}
