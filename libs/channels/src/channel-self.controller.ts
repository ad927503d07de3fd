import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor, type Actor } from '#platform';
import { ChannelView } from './channel.dto.js';
import { ChannelService } from './channel.service.js';

/** The channel API: a channel key sees its own channel and nothing else. */
@ApiTags('channel')
@ApiBearerAuth()
@AllowRoles('channel')
@Controller('v1/channel')
export class ChannelSelfController {
  constructor(private readonly channels: ChannelService) {}

  @Get('me')
  @ApiOperation({ summary: 'Who am I: the channel this key belongs to.' })
  @ApiOkResponse({ type: ChannelView })
  me(@CurrentActor() actor: Actor): Promise<ChannelView> {
    return this.channels.get(actor.channelId as string);
  }
}
