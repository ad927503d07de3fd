import { Module } from '@nestjs/common';
import { AdminChannelsController } from './admin-channels.controller.js';
import { ChannelSelfController } from './channel-self.controller.js';
import { ChannelsModule } from './channels.module.js';

@Module({ imports: [ChannelsModule], controllers: [AdminChannelsController, ChannelSelfController] })
export class ChannelsApiModule {}
