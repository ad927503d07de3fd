import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsUUID } from 'class-validator';
import { CHANNEL_POLICIES, type ChannelPolicy } from '#retailers';

export class ChannelPolicyBody {
  @ApiProperty({
    enum: CHANNEL_POLICIES,
    description: 'all: every channel; deny_listed: all but channelIds; allow_listed: only channelIds.',
  })
  @IsIn(CHANNEL_POLICIES)
  mode: ChannelPolicy;

  @ApiProperty({ type: [String], description: 'The list the mode refers to; ignored for all.' })
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique({ message: 'must not repeat a channel' })
  @IsUUID('all', { each: true })
  channelIds: string[];
}

export class ChannelPolicyView {
  @ApiProperty() retailerId: string;
  @ApiProperty({ enum: CHANNEL_POLICIES }) mode: ChannelPolicy;
  @ApiProperty({ type: [String] }) channelIds: string[];
}

export class ChannelSummaryView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}
