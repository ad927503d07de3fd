import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUrl, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PageOf, PageQuery } from '#platform';
import { CHANNEL_STATUSES, type Channel, type ChannelStatus } from './channel.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateChannelBody {
  @ApiProperty({ example: 'WhatsApp +31 20 123 4567', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'https://bot.example/souk-events', nullable: true, type: String })
  @ValidateIf((_body, value) => value !== null && value !== undefined)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false, require_valid_protocol: true },
    { message: 'must be an http or https URL' },
  )
  @MaxLength(2000)
  webhookUrl?: string | null;
}

export class UpdateChannelBody extends PartialType(CreateChannelBody, { skipNullProperties: false }) {}

export class ChannelListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CHANNEL_STATUSES })
  @IsOptional()
  @IsIn(CHANNEL_STATUSES)
  status?: ChannelStatus;
}

export class ChannelView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CHANNEL_STATUSES }) status: ChannelStatus;
  @ApiProperty({ nullable: true, type: String }) webhookUrl: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static of(channel: Channel): ChannelView {
    return Object.assign(new ChannelView(), {
      id: channel.id,
      name: channel.name,
      status: channel.status,
      webhookUrl: channel.webhookUrl,
      createdAt: channel.createdAt,
      updatedAt: channel.updatedAt,
    });
  }
}

/** Returned once, when a channel is created or its secret rotated: the only time the secret is shown. */
export class ChannelWithSecretView extends ChannelView {
  @ApiProperty({ description: 'Signs the webhooks sent to this channel (Standard Webhooks). Shown only now.' })
  webhookSecret: string;
}

export const ChannelPage = PageOf(ChannelView);
