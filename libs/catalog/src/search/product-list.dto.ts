import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Omittable, PageOf, PageQuery } from '#platform';

export class ProductListQuery extends PageQuery {
  @ApiPropertyOptional({
    description:
      'Words a live offer of the product holds (title, brand, description, categories), in any supported language.',
    example: 'wireless speaker',
  })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Only products that this retailer offers.', format: 'uuid' })
  @Omittable()
  @IsUUID()
  retailerId?: string;
}

export class ProductSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) gtin: string | null;
  @ApiProperty({ description: 'The title of one of its live offers (the earliest listed).' }) title: string;
  @ApiProperty({ nullable: true, type: String }) brand: string | null;
  @ApiProperty({ description: 'Live offers of active or paused retailers.' }) offerCount: number;
  @ApiProperty() retailerCount: number;
  @ApiProperty() createdAt: Date;
}

export const ProductSummaryPage = PageOf(ProductSummaryView);
