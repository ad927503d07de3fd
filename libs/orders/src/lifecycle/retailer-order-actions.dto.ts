import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsInteger, Nested, Omittable } from '#platform';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class AcknowledgeBody {
  @ApiProperty({ example: 'SO-10045', description: 'Your own reference for the order.' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  reference: string;
}

export class LineDecisionBody {
  @ApiProperty() @IsUUID('all', { message: 'must be a line id of this order' }) lineId: string;
  @ApiProperty({ description: 'false to refuse this line.' }) @IsBoolean() accepted: boolean;
  @ApiPropertyOptional({ description: 'Required when refusing a line.' })
  @ValidateIf((line: LineDecisionBody) => line.accepted === false || line.reason !== undefined)
  @Transform(trim)
  @IsString({ message: 'must be a string, and is required when refusing a line' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(500)
  reason?: string;
}

export class AcceptBody {
  @ApiPropertyOptional({
    type: [LineDecisionBody],
    description: 'Lines to refuse (or accept); lines not listed are accepted. Refusing every line refuses the order.',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique((line: LineDecisionBody) => line?.lineId, { message: 'must not list a line twice' })
  @Nested(() => LineDecisionBody, { each: true })
  lines?: LineDecisionBody[];
}

export class ReasonBody {
  @ApiProperty({ example: 'Out of stock at the warehouse' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(500)
  reason: string;
}

/** The names of an order view's `tracking`, so what a retailer sends is what every reader gets back. */
export class ShipBody {
  @ApiProperty({ example: 'PostNL' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(100)
  carrier: string;

  @ApiProperty({ example: '3SABCD1234567' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(100)
  number: string;

  @ApiPropertyOptional({ example: 'https://jouw.postnl.nl/track-and-trace/3SABCD1234567' })
  @Omittable()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http or https URL' })
  @MaxLength(2000)
  url?: string;
}

export class RefundLineBody {
  @ApiProperty() @IsUUID('all', { message: 'must be a line id of this order' }) lineId: string;
  @ApiProperty({ minimum: 1 }) @IsInteger() @Min(1) quantity: number;
}

export class RefundBody {
  @ApiPropertyOptional({ example: '500', description: 'A plain amount in minor units; give this or lines.' })
  @ValidateIf((body: RefundBody) => body.lines === undefined)
  @Matches(/^[1-9][0-9]{0,17}$/, {
    message: 'must be a positive whole number of minor units, as a string (or give lines)',
  })
  amountMinor?: string;

  @ApiPropertyOptional({
    type: [RefundLineBody],
    description: 'Lines and quantities to refund at the price paid; give this or amountMinor.',
  })
  @ValidateIf((body: RefundBody) => body.amountMinor === undefined)
  @IsArray({ message: 'must list the lines to refund (or give amountMinor)' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique((line: RefundLineBody) => line?.lineId, { message: 'must not list a line twice' })
  @Nested(() => RefundLineBody, { each: true })
  lines?: RefundLineBody[];

  @ApiProperty({ example: 'Arrived damaged' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(500)
  reason: string;
}

export class RefundView {
  @ApiProperty() id: string;
  @ApiProperty() retailerOrderId: string;
  @ApiProperty() currency: string;
  @ApiProperty() amountMinor: string;
  @ApiProperty({ type: Object, isArray: true }) lines: { lineId: string; quantity: number; amountMinor: string }[];
  @ApiProperty() reason: string;
  @ApiProperty() createdAt: Date;
}
