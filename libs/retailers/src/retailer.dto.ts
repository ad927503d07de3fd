import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { COUNTRY_CODES, CURRENCY_CODES, SLUG_MAX_LENGTH, SLUG_MIN_LENGTH, SLUG_PATTERN } from '#domain';
import { Omittable, PageOf, PageQuery } from '#platform';
import {
  CHANNEL_POLICIES,
  RETAILER_STATUSES,
  type ChannelPolicy,
  type Retailer,
  type RetailerStatus,
} from './retailer.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateRetailerBody {
  @ApiProperty({ example: 'Corner Shop', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'corner-shop', description: 'Unique; lowercase letters, digits and single hyphens.' })
  @IsString()
  @MinLength(SLUG_MIN_LENGTH)
  @MaxLength(SLUG_MAX_LENGTH)
  @Matches(SLUG_PATTERN, { message: 'must be lowercase letters and digits joined by single hyphens' })
  slug: string;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code.' })
  @IsIn(CURRENCY_CODES, { message: 'must be an ISO 4217 currency code such as EUR' })
  defaultCurrency: string;

  @ApiProperty({ example: 'orders@corner.example' })
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  contactEmail: string;

  @ApiPropertyOptional({ example: ['NL', 'BE'], description: 'ISO 3166-1 alpha-2 codes.' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(250)
  @ArrayUnique({ message: 'must not repeat a country' })
  @IsIn(COUNTRY_CODES, { each: true, message: 'must hold ISO 3166-1 alpha-2 country codes such as NL' })
  countries?: string[];
}

/** Only the fields sent change; null is refused like any other wrong value. */
export class UpdateRetailerBody extends PartialType(CreateRetailerBody, { skipNullProperties: false }) {}

export class RetailerListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RETAILER_STATUSES })
  @Omittable()
  @IsIn(RETAILER_STATUSES)
  status?: RetailerStatus;
}

export class RetailerView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: RETAILER_STATUSES }) status: RetailerStatus;
  @ApiProperty() defaultCurrency: string;
  @ApiProperty() contactEmail: string;
  @ApiProperty({ type: [String] }) countries: string[];
  @ApiProperty({ enum: CHANNEL_POLICIES, description: 'Which channels may show its offers (see .../channel-policy).' })
  channelPolicy: ChannelPolicy;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static of(retailer: Retailer): RetailerView {
    return Object.assign(new RetailerView(), {
      id: retailer.id,
      name: retailer.name,
      slug: retailer.slug,
      status: retailer.status,
      defaultCurrency: retailer.defaultCurrency,
      contactEmail: retailer.contactEmail,
      countries: retailer.countries,
      channelPolicy: retailer.channelPolicy,
      createdAt: retailer.createdAt,
      updatedAt: retailer.updatedAt,
    });
  }
}

export const RetailerPage = PageOf(RetailerView);
