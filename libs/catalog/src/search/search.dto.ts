import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { AVAILABILITIES, CONDITIONS, CURRENCY_CODES } from '#domain';
import { IsInteger, Omittable, SAFE_INTEGER_RANGE } from '#platform';
import { SHIPS_TO, VariantChoiceView } from '../products/product.dto.js';

export const SEARCH_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const SEARCH_FORMATS = [
  'json',
  'cards',
  'plain',
  'whatsapp_list',
  'whatsapp_product_list',
  'whatsapp_buttons',
] as const;
export type SearchFormat = (typeof SEARCH_FORMATS)[number];

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 50;

/** Prices are bigint columns of minor units. */
const MINOR_UNITS = { min: 0, max: SAFE_INTEGER_RANGE.max };

const asList = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : Array.isArray(value) ? value : String(value).split(',');

/** The filters shared by search, facets and a retailer's storefront. */
export class CatalogFilterQuery {
  @ApiPropertyOptional({ description: 'Words to search for, in any of the supported languages.', maxLength: 200 })
  @Omittable()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'A unified category id; its descendants are included.' })
  @Omittable()
  @Type(() => Number)
  @IsInteger()
  category?: number;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'With `category`: only offers filed in that category itself, none of those below it ' +
      "(the products a level's `own` counts).",
  })
  @Omittable()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  categoryOnly?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Brands, compared without case; comma-separated or repeated.' })
  @Omittable()
  @Transform(asList)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  brand?: string[];

  @ApiPropertyOptional({ description: 'A retailer id.' })
  @Omittable()
  @IsUUID('all', { message: 'must be a retailer id' })
  retailer?: string;

  @ApiPropertyOptional({ description: 'Lowest effective price, in minor units of `currency`.' })
  @Omittable()
  @Type(() => Number)
  @IsInteger(MINOR_UNITS)
  minPrice?: number;

  @ApiPropertyOptional({ description: 'Highest effective price, in minor units of `currency`.' })
  @Omittable()
  @Type(() => Number)
  @IsInteger(MINOR_UNITS)
  maxPrice?: number;

  @ApiPropertyOptional({
    example: 'EUR',
    description: "The currency prices are filtered, sorted and bucketed in; the channel's currency by default.",
  })
  @Omittable()
  @IsIn(CURRENCY_CODES, { message: 'must be an ISO 4217 currency code such as EUR' })
  currency?: string;

  @ApiPropertyOptional({ enum: AVAILABILITIES, isArray: true })
  @Omittable()
  @Transform(asList)
  @IsIn(AVAILABILITIES, { each: true })
  availability?: string[];

  @ApiPropertyOptional({ enum: CONDITIONS, isArray: true })
  @Omittable()
  @Transform(asList)
  @IsIn(CONDITIONS, { each: true })
  condition?: string[];

  @ApiPropertyOptional({
    description: "The channel's opaque reference of the end user; boosts what they have shown interest in.",
    maxLength: 200,
  })
  @Omittable()
  @IsString()
  @MaxLength(200)
  user?: string;
}

export class SearchQuery extends CatalogFilterQuery {
  @ApiPropertyOptional({ enum: SEARCH_SORTS, description: 'Relevance by default when there are words, else newest.' })
  @Omittable()
  @IsIn(SEARCH_SORTS)
  sort?: SearchSort;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SEARCH_LIMIT, default: DEFAULT_SEARCH_LIMIT })
  @Omittable()
  @Type(() => Number)
  @IsInteger()
  @Min(1)
  @Max(MAX_SEARCH_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @Omittable()
  @IsString()
  @MaxLength(1000)
  cursor?: string;

  @ApiPropertyOptional({
    enum: SEARCH_FORMATS,
    default: 'json',
    description: 'How results are shaped; see the chat output section of the README.',
  })
  @Omittable()
  @IsIn(SEARCH_FORMATS)
  format?: SearchFormat;

  @ApiPropertyOptional({
    description: 'WhatsApp formats: the recipient phone number; when given, the whole message object is returned.',
  })
  @Omittable()
  @IsString()
  @MaxLength(20)
  to?: string;
}

export class SearchOfferView {
  @ApiProperty() offerId: string;
  @ApiProperty() retailerId: string;
  @ApiProperty() retailerName: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) brand: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The first 300 characters of its description.' })
  description: string | null;
  @ApiProperty({ nullable: true, type: String }) imageLink: string | null;
  @ApiProperty() link: string;
  @ApiProperty() availability: string;
  @ApiProperty() condition: string;
  @ApiProperty(SHIPS_TO) shipsTo: string[];
  @ApiProperty({ description: 'What the buyer pays now, in minor units.' }) priceMinor: string;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'The price formatted for the channel locale.' }) price: string;
}

export class SearchHitView {
  @ApiProperty() productId: string;
  @ApiProperty({ nullable: true, type: Number, description: 'The unified category of the best offer.' }) categoryId:
    number | null;
  @ApiProperty({ nullable: true, type: String }) categoryName: string | null;
  @ApiProperty({ description: 'Visible offers of the product that match the search and filters.' }) offerCount: number;
  @ApiProperty({ description: 'Variants of the product with a visible offer (sizes, colours, ...).' })
  variantCount: number;
  @ApiProperty({ type: [VariantChoiceView], description: 'What the buyer chooses between; empty with one variant.' })
  choices: VariantChoiceView[];
  @ApiProperty({
    type: SearchOfferView,
    description: 'The best of those offers (see the product detail for the rule).',
  })
  bestOffer: SearchOfferView;
  @ApiProperty({ description: 'Relevance, with the personal boost; 0 when sorted otherwise without words.' })
  score: number;
}

export class SearchResultView {
  @ApiProperty({
    description: 'The words searched for: the corrected words when the typo fallback applied.',
    nullable: true,
    type: String,
  })
  query: string | null;
  @ApiProperty({
    description: 'True when few products matched the words as written and corrected words were searched instead.',
  })
  corrected: boolean;
  @ApiProperty({ description: 'Products matched in all; an estimate when `approximate`.' }) total: number;
  @ApiProperty({
    description:
      'True when the words matched so many offers that a uniform sample of the matching products was ranked ' +
      '(see SOUK_SEARCH_EXACT_OFFERS); total is then estimated.',
  })
  approximate: boolean;
  @ApiProperty({ type: [SearchHitView] }) items: SearchHitView[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page; null on the last page.',
  })
  nextCursor: string | null;
}

export class FacetValueView {
  @ApiProperty({
    description: 'The filter value: category id, brand, retailer id, or "min-max" price bucket in minor units.',
  })
  value: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'Products with at least one matching offer under this value.' }) count: number;
}

export class FacetsView {
  @ApiProperty({ description: 'Products matched in all; an estimate when `approximate`.' }) total: number;
  @ApiProperty({
    description:
      'True when the words matched so many offers that counts were taken from a uniform sample of products ' +
      'and scaled up.',
  })
  approximate: boolean;
  @ApiProperty({
    type: [FacetValueView],
    description: 'The children of the filtered category (roots without one) with the products under each.',
  })
  category: FacetValueView[];
  @ApiProperty({
    description:
      'With `category`: products filed in that category itself, in none of its children, which the children ' +
      'leave out; `category={id}&categoryOnly=true` lists them. 0 without `category`.',
  })
  own: number;
  @ApiProperty({ type: [FacetValueView], description: 'The 20 brands with most products.' }) brand: FacetValueView[];
  @ApiProperty({ type: [FacetValueView], description: 'The 20 retailers with most products.' })
  retailer: FacetValueView[];
  @ApiProperty({ type: [FacetValueView], description: 'Price buckets in `currency`, cheapest first.' })
  price: FacetValueView[];
  @ApiProperty() currency: string;
}
