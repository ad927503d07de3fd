import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
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

export const SHIPS_TO: ApiPropertyOptions = {
  type: [String],
  example: ['NL', 'BE'],
  description: 'ISO 3166-1 alpha-2 codes of the countries the retailer ships to; empty when it has not said.',
};

export class ProductOfferView {
  @ApiProperty() offerId: string;
  @ApiProperty() retailerId: string;
  @ApiProperty() retailerName: string;
  @ApiProperty() retailerItemId: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'The key of the variant this offer sells (see ProductVariantView.key).' })
  variantKey: string;
  @ApiProperty({ nullable: true, type: String }) gtin: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { color: 'black', size: '42' } })
  variantAttributes: Record<string, string>;
  @ApiProperty() availability: string;
  @ApiProperty({ enum: ['new', 'refurbished', 'used'] }) condition: string;
  @ApiProperty({ description: 'Minor units.' }) priceMinor: string;
  @ApiProperty({ description: 'What the buyer pays now, in minor units (the sale price inside its window).' })
  effectivePriceMinor: string;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'What the buyer pays now, formatted for the channel locale.', example: '€ 89,95' })
  price: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The regular price, formatted, while a sale price is in effect; null otherwise.',
  })
  regularPrice: string | null;
  @ApiProperty({ nullable: true, type: String }) imageLink: string | null;
  @ApiProperty() link: string;
  @ApiProperty(SHIPS_TO) shipsTo: string[];
}

export class VariantChoiceView {
  @ApiProperty({ example: 'size', description: 'A variant attribute whose value differs between the variants.' })
  name: string;
  @ApiProperty({ type: [String], example: ['40', '41', '42'], description: 'Its values, in the retailers’ order.' })
  values: string[];
}

export class ProductVariantView {
  @ApiProperty({
    description: 'The variant: its GTIN, or the retailer item that alone sells it (`<retailer id>:<item id>`).',
  })
  key: string;
  @ApiProperty({ nullable: true, type: String }) gtin: string | null;
  @ApiProperty({ description: 'The title of its best offer.' }) title: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { color: 'black', size: '42' } })
  attributes: Record<string, string>;
  @ApiProperty({ nullable: true, type: String }) imageLink: string | null;
  @ApiProperty({ description: 'The offer id of its best offer.' }) bestOfferId: string;
  @ApiProperty({ description: 'The price of its best offer, formatted.' }) price: string;
  @ApiProperty() availability: string;
}

export class ProductView {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String, description: 'The GTIN of the best offer.' }) gtin: string | null;
  @ApiProperty({ description: 'Title and brand of the best offer.' }) title: string;
  @ApiProperty({ nullable: true, type: String }) brand: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Plain text, from the best offer that has one.' })
  description: string | null;
  @ApiProperty({ type: [String], description: 'Image links, the best offer’s first, without repeats.' })
  images: string[];
  @ApiProperty({
    type: [VariantChoiceView],
    description: 'What the buyer chooses between (size, colour, ...); empty when the product has one variant.',
  })
  choices: VariantChoiceView[];
  @ApiProperty({ type: [ProductVariantView], description: 'The variants with a visible offer, best first.' })
  variants: ProductVariantView[];
  @ApiProperty({ type: [ProductOfferView], description: 'Visible offers of every variant, best first.' })
  offers: ProductOfferView[];
  @ApiProperty({ description: 'Why the first offer is first.' }) bestOfferReason: string;
}
