import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { CURRENCY_CODES } from '#domain';
import { Omittable } from '#platform';

export class ProductQuery {
  @ApiPropertyOptional({
    example: 'EUR',
    description: 'The currency the buyer shops in; its offers are compared first.',
  })
  @Omittable()
  @IsIn(CURRENCY_CODES, { message: 'must be an ISO 4217 currency code such as EUR' })
  currency?: string;
}

export class GtinQuery extends ProductQuery {
  @ApiProperty({ example: '04006381333931' })
  @Matches(/^\d{8}$|^\d{12,14}$/, { message: 'must be a GTIN of 8, 12, 13 or 14 digits' })
  gtin: string;
}

export class ProductOfferView {
  @ApiProperty() offerId: string;
  @ApiProperty() retailerId: string;
  @ApiProperty() retailerItemId: string;
  @ApiProperty() title: string;
  @ApiProperty() availability: string;
  @ApiProperty({ description: 'Minor units.' }) priceMinor: string;
  @ApiProperty({ description: 'What the buyer pays now, in minor units (the sale price inside its window).' })
  effectivePriceMinor: string;
  @ApiProperty() currency: string;
  @ApiProperty() link: string;
}

export class ProductView {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) gtin: string | null;
  @ApiProperty({ description: 'Title and brand of the best offer.' }) title: string;
  @ApiProperty({ nullable: true, type: String }) brand: string | null;
  @ApiProperty({ type: [ProductOfferView], description: 'Visible offers, best first.' }) offers: ProductOfferView[];
  @ApiProperty({ description: 'Why the first offer is first.' }) bestOfferReason: string;
}
