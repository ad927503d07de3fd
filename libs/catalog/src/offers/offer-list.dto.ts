import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsUUID, Max, Min } from 'class-validator';
import { DEFAULT_PAGE_SIZE, IsInteger, MAX_PAGE_SIZE, Omittable, PageOf } from '#platform';

export const OFFER_STATES = ['live', 'removed', 'all'] as const;
export type OfferState = (typeof OFFER_STATES)[number];

export class OfferListQuery {
  @ApiPropertyOptional({ description: "A retailer's offers (a retailer key sees its own whatever this says)." })
  @Omittable()
  @IsUUID('all', { message: 'must be a retailer id' })
  retailerId?: string;

  @ApiPropertyOptional({ description: 'The offers a connector config syncs.' })
  @Omittable()
  @IsUUID('all', { message: 'must be a connector config id' })
  configId?: string;

  @ApiPropertyOptional({
    enum: OFFER_STATES,
    default: 'live',
    description: 'live: in the last sync; removed: gone from a completed full sync (kept for the orders on them).',
  })
  @Omittable()
  @IsIn(OFFER_STATES)
  state?: OfferState;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @Omittable()
  @Type(() => Number)
  @IsInteger()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @Omittable()
  @IsUUID('all', { message: 'must be the nextCursor of the previous page' })
  cursor?: string;
}

/** An offer as its retailer and the operators see it: what the last sync wrote. */
export class OfferSummaryView {
  @ApiProperty() id: string;
  @ApiProperty() retailerId: string;
  @ApiProperty({ description: "The retailer's own id of the item." }) retailerItemId: string;
  @ApiProperty() configId: string;
  @ApiProperty({ nullable: true, type: String, description: 'The product that groups it with the same item.' })
  productId: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) brand: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'GTIN as 14 digits.' }) gtin: string | null;
  @ApiProperty({ nullable: true, type: String }) itemGroupId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) variantAttributes: Record<string, string>;
  @ApiProperty() availability: string;
  @ApiProperty({ description: 'Minor units.' }) priceMinor: string;
  @ApiProperty({ nullable: true, type: String, description: 'Minor units.' }) salePriceMinor: string | null;
  @ApiProperty() currency: string;
  @ApiProperty({ nullable: true, type: Number }) stockQuantity: number | null;
  @ApiProperty({ type: [String], description: "The retailer's own category path." }) categoryPath: string[];
  @ApiProperty({ nullable: true, type: Number, description: 'The unified category; null while unmapped.' })
  categoryId: number | null;
  @ApiProperty() link: string;
  @ApiProperty({ nullable: true, type: String }) imageLink: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) removedAt: string | null;
}

export const OfferSummaryPage = PageOf(OfferSummaryView);
