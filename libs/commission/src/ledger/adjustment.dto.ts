import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { CURRENCY_CODES } from '#domain';
import { Nullable } from '#platform';

export class AdjustmentBody {
  @ApiProperty() @IsUUID('all', { message: 'must be a retailer id' }) retailerId: string;
  @ApiProperty({ example: 'EUR' })
  @IsIn(CURRENCY_CODES, { message: 'must be an ISO 4217 currency code' })
  currency: string;
  @ApiProperty({
    example: '-250',
    description: 'Commission in minor units, signed: negative gives back to the retailer.',
  })
  @Matches(/^-?[1-9][0-9]{0,17}$/, { message: 'must be a non-zero whole number of minor units, as a string' })
  amountMinor: string;
  @ApiProperty({ example: 'Goodwill for a delayed payout' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(500)
  reason: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  @Nullable()
  @IsUUID('all', { message: 'must be a channel id' })
  channelId?: string | null;
}
