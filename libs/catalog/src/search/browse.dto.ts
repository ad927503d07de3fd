import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsInteger, Omittable } from '#platform';
import { ProductView, SHIPS_TO } from '../products/product.dto.js';
import { FacetValueView } from './search.dto.js';

export class CategoryLevelQuery {
  @ApiPropertyOptional({ description: 'A unified category id; its children are listed. Without it, the roots.' })
  @Omittable()
  @Type(() => Number)
  @IsInteger()
  parent?: number;
}

export class CategoryParentView {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() path: string;
  @ApiProperty({ nullable: true, type: Number }) parentId: number | null;
}

export class CategoryLevelView {
  @ApiProperty({ type: CategoryParentView, nullable: true }) parent: CategoryParentView | null;
  @ApiProperty({ description: 'Visible products under the parent (in the whole catalog without one).' }) total: number;
  @ApiProperty({
    description:
      'Visible products filed in the parent itself, in none of its children (a category that maps no deeper); ' +
      '`GET /v1/channel/search?category={parent}&categoryOnly=true` lists them. 0 without a parent.',
  })
  own: number;
  @ApiProperty({
    type: [FacetValueView],
    description: 'Children with visible products, most products first; value is the category id.',
  })
  categories: FacetValueView[];
}

export class StorefrontRetailerView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty(SHIPS_TO) shipsTo: string[];
}

export class ProductShareView {
  @ApiProperty() productId: string;
  @ApiProperty({ description: 'The prefilled message; its [ref …] token resolves back to the product.' }) text: string;
  @ApiProperty({ example: 'https://wa.me/31201234567?text=…' }) link: string;
}

export class ResolveMessageBody {
  @ApiProperty({ description: 'A message a user sent, e.g. the prefilled text of a share link.', maxLength: 4096 })
  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  text: string;
}

export class ResolvedMessageView {
  @ApiProperty() productId: string;
  @ApiProperty({ type: ProductView }) product: ProductView;
}
