import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, Matches, MaxLength, MinLength, ValidateIf, ValidateBy } from 'class-validator';
import { CURRENCY_CODES, clickToChatDigits } from '#domain';
import { IsHttpUrl, Omittable, PageOf, PageQuery } from '#platform';
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
  @IsHttpUrl()
  @MaxLength(2000)
  webhookUrl?: string | null;

  @ApiPropertyOptional({
    example: 'nl-NL',
    default: 'en',
    description: 'BCP 47 locale for prices and texts shown to buyers.',
  })
  @Omittable()
  @ValidateBy({
    name: 'isBcp47Locale',
    validator: { validate: isLocale, defaultMessage: () => 'must be a BCP 47 locale such as nl-NL' },
  })
  locale?: string;

  @ApiPropertyOptional({ example: 'EUR', default: 'EUR', description: 'The currency buyers shop in.' })
  @Omittable()
  @IsIn(CURRENCY_CODES, { message: 'must be an ISO 4217 currency code such as EUR' })
  currency?: string;

  @ApiPropertyOptional({
    example: '+31 20 123 4567',
    nullable: true,
    type: String,
    description: 'For click-to-chat "buy in chat" links.',
  })
  @ValidateIf((_body, value) => value !== null && value !== undefined)
  @ValidateBy({
    name: 'isPhoneNumber',
    validator: {
      validate: isPhoneNumber,
      defaultMessage: () => 'must be a phone number in international format, 8 to 15 digits',
    },
  })
  whatsappNumber?: string | null;

  @ApiPropertyOptional({
    example: '1234567890',
    nullable: true,
    type: String,
    description: 'The Meta commerce catalog id for multi-product messages.',
  })
  @ValidateIf((_body, value) => value !== null && value !== undefined)
  @Matches(/^[0-9]{1,30}$/, { message: 'must be the numeric id of a Meta commerce catalog' })
  whatsappCatalogId?: string | null;
}

function isLocale(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 35) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

function isPhoneNumber(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    clickToChatDigits(value);
    return true;
  } catch {
    return false;
  }
}

export class UpdateChannelBody extends PartialType(CreateChannelBody, { skipNullProperties: false }) {}

export class ChannelListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CHANNEL_STATUSES })
  @Omittable()
  @IsIn(CHANNEL_STATUSES)
  status?: ChannelStatus;
}

export class ChannelView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CHANNEL_STATUSES }) status: ChannelStatus;
  @ApiProperty({ nullable: true, type: String }) webhookUrl: string | null;
  @ApiProperty() locale: string;
  @ApiProperty() currency: string;
  @ApiProperty({ nullable: true, type: String }) whatsappNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) whatsappCatalogId: string | null;
  @ApiProperty({
    nullable: true,
    type: Date,
    description:
      'When the catalog feed token was made; null while the channel has none (the token itself is never shown again).',
  })
  feedTokenCreatedAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static of(channel: Channel): ChannelView {
    return Object.assign(new ChannelView(), {
      id: channel.id,
      name: channel.name,
      status: channel.status,
      webhookUrl: channel.webhookUrl,
      locale: channel.locale,
      currency: channel.currency,
      whatsappNumber: channel.whatsappNumber,
      whatsappCatalogId: channel.whatsappCatalogId,
      feedTokenCreatedAt: channel.feedTokenCreatedAt,
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
