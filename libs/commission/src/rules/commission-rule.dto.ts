import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { CURRENCY_CODES } from '#domain';
import { IsDateTime, IsInteger, Nested, Nullable, Omittable, PageOf, PageQuery } from '#platform';
import type { CommissionRule } from './commission-rule.entity.js';

const MINOR = /^(0|[1-9][0-9]{0,17})$/;
const MINOR_MESSAGE = 'must be a whole number of minor units, as a string';
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CurrencyTermsBody {
  @ApiProperty({ example: 'EUR' })
  @IsIn(CURRENCY_CODES, { message: 'must be an ISO 4217 currency code' })
  currency: string;
  @ApiProperty({ example: '30', description: 'Added to every line in this currency, minor units.' })
  @Matches(MINOR, { message: MINOR_MESSAGE })
  fixedFeeMinor: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: '50' })
  @ValidateIf((_body, value) => value !== null && value !== undefined)
  @Matches(MINOR, { message: MINOR_MESSAGE })
  minMinor?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '5000' })
  @ValidateIf((_body, value) => value !== null && value !== undefined)
  @Matches(MINOR, { message: MINOR_MESSAGE })
  maxMinor?: string | null;
}

export class TierBody {
  @ApiProperty({ example: 'EUR', description: "The currency of the retailer's sales the band counts." })
  @IsIn(CURRENCY_CODES, { message: 'must be an ISO 4217 currency code' })
  currency: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: '1000000',
    description: "The band covers the retailer's sales in the month up to this amount; null for the last band.",
  })
  @ValidateIf((_body, value) => value !== null && value !== undefined)
  @Matches(MINOR, { message: MINOR_MESSAGE })
  upToMinor?: string | null;
  @ApiProperty({ example: 800 }) @IsInteger() @Min(0) @Max(10_000) rateBasisPoints: number;
}

export class CreateCommissionRuleBody {
  @ApiProperty({ example: 'Electronics at Demo Electronics, 8%' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  @Nullable()
  @IsUUID('all', { message: 'must be a retailer id' })
  retailerId?: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'A unified category; the rule covers it and everything below it.',
  })
  @Nullable()
  @IsInteger()
  categoryId?: number | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  @Nullable()
  @IsUUID('all', { message: 'must be a channel id' })
  channelId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Compared without case.' })
  @Nullable()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  brand?: string | null;
  @ApiProperty({ example: 800, description: 'Basis points: 800 is 8%. Used for currencies without tiers.' })
  @IsInteger()
  @Min(0)
  @Max(10_000)
  rateBasisPoints: number;
  @ApiPropertyOptional({
    type: [TierBody],
    description:
      "Marginal bands by the retailer's sales in the calendar month, per currency, lowest first; " +
      'the last band of a currency has upToMinor null.',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @Nested(() => TierBody, { each: true })
  tiers?: TierBody[];
  @ApiPropertyOptional({ type: [CurrencyTermsBody], description: 'Fixed fee per line and caps, per currency.' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @Nested(() => CurrencyTermsBody, { each: true })
  currencyTerms?: CurrencyTermsBody[];
  @ApiPropertyOptional({ default: 0, description: 'Between rules of equal specificity, the higher wins.' })
  @Omittable()
  @IsInteger()
  @Min(-1000)
  @Max(1000)
  priority?: number;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'From this instant (inclusive).' })
  @Nullable()
  @IsDateTime()
  validFrom?: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'Until this instant (exclusive).' })
  @Nullable()
  @IsDateTime()
  validTo?: Date | null;
}

/** Only the fields sent change; null clears a nullable field and is refused for the others. */
export class UpdateCommissionRuleBody extends PartialType(CreateCommissionRuleBody, { skipNullProperties: false }) {}

export class CommissionRuleQuery extends PageQuery {
  @ApiPropertyOptional() @Omittable() @IsUUID('all') retailerId?: string;
  @ApiPropertyOptional({ description: 'Include retired rules.' }) @Omittable() @IsIn(['true', 'false']) retired?:
    'true' | 'false';
}

export class CurrencyTermsView {
  @ApiProperty() currency: string;
  @ApiProperty() fixedFeeMinor: string;
  @ApiProperty({ nullable: true, type: String }) minMinor: string | null;
  @ApiProperty({ nullable: true, type: String }) maxMinor: string | null;
}

export class TierView {
  @ApiProperty() currency: string;
  @ApiProperty({ nullable: true, type: String }) upToMinor: string | null;
  @ApiProperty() rateBasisPoints: number;
}

export class CommissionRuleView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The platform default, used when no other rule matches.' }) isDefault: boolean;
  @ApiProperty({ nullable: true, type: String }) retailerId: string | null;
  @ApiProperty({ nullable: true, type: Number }) categoryId: number | null;
  @ApiProperty({ nullable: true, type: String }) channelId: string | null;
  @ApiProperty({ nullable: true, type: String }) brand: string | null;
  @ApiProperty() rateBasisPoints: number;
  @ApiProperty({ type: [TierView] }) tiers: TierView[];
  @ApiProperty({ type: [CurrencyTermsView] }) currencyTerms: CurrencyTermsView[];
  @ApiProperty() priority: number;
  @ApiProperty({ nullable: true, type: Date }) validFrom: Date | null;
  @ApiProperty({ nullable: true, type: Date }) validTo: Date | null;
  @ApiProperty({ nullable: true, type: Date }) retiredAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static of(rule: CommissionRule): CommissionRuleView {
    return Object.assign(new CommissionRuleView(), {
      id: rule.id,
      name: rule.name,
      isDefault: rule.isDefault,
      retailerId: rule.retailerId,
      categoryId: rule.categoryId,
      channelId: rule.channelId,
      brand: rule.brand,
      rateBasisPoints: rule.rateBasisPoints,
      tiers: Object.entries(rule.tiers ?? {}).flatMap(([currency, bands]) =>
        bands.map((band) => ({ currency, ...band })),
      ),
      currencyTerms: Object.entries(rule.currencyTerms).map(([currency, terms]) => ({ currency, ...terms })),
      priority: rule.priority,
      validFrom: rule.validFrom,
      validTo: rule.validTo,
      retiredAt: rule.retiredAt,
      createdAt: rule.createdAt,
      updatedAt: rule.updatedAt,
    });
  }
}

export const CommissionRulePage = PageOf(CommissionRuleView);
