import { Module } from '@nestjs/common';
import { ChannelService } from './channel.service.js';

@Module({ providers: [ChannelService], exports: [ChannelService] })
export class ChannelsModule {}
