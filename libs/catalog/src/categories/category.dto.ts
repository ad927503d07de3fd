import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsInteger, Nullable, Omittable, PageOf, PageQuery } from '#platform';
import type { CategoryMappingRule } from './category-mapping-rule.entity.js';
import { CATEGORY_RULE_KINDS, type CategoryRuleKind } from './mapping-rule.js';

export const MAX_PATTERN_LENGTH = 300;
export const MAX_RULE_PRIORITY = 1000;

export class CategoryView {
  @ApiProperty({ example: 1604, description: 'The Google product taxonomy id.' }) id: number;
  @ApiProperty({ nullable: true, type: Number, example: 166 }) parentId: number | null;
  @ApiProperty({ example: 'Clothing' }) name: string;
  @ApiProperty({ example: 'Apparel & Accessories > Clothing' }) path: string;
  @ApiProperty({ example: 2, description: '1 for a root.' }) level: number;
  @ApiProperty({ description: 'Live offers in this category or below it.' }) offers: number;
}

export class CategoryList {
  @ApiProperty({ type: [CategoryView], description: 'The whole tree, parents before their children.' })
  items: CategoryView[];
}

export class CreateCategoryRuleBody {
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'The retailer whose offers the rule maps; absent or null for every retailer.',
  })
  @Nullable()
  @IsUUID()
  retailerId?: string | null;

  @ApiProperty({
    enum: CATEGORY_RULE_KINDS,
    description:
      "exact: the offer's whole category path; prefix: its first levels; " +
      'keyword: a whole word of its title or of a path level.',
  })
  @IsIn(CATEGORY_RULE_KINDS)
  kind: CategoryRuleKind;

  @ApiProperty({
    example: 'Damen > Kleider',
    minLength: 1,
    maxLength: MAX_PATTERN_LENGTH,
    description: "A category path with levels separated by '>', or a keyword; compared case-insensitively.",
  })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(MAX_PATTERN_LENGTH)
  pattern: string;

  @ApiProperty({ example: 2271, description: 'The unified category (GET .../categories).' })
  @IsInteger()
  @Min(1)
  categoryId: number;

  @ApiPropertyOptional({
    default: 0,
    minimum: -MAX_RULE_PRIORITY,
    maximum: MAX_RULE_PRIORITY,
    description: 'Breaks ties between rules of the same kind; higher wins.',
  })
  @Omittable()
  @IsInteger()
  @Min(-MAX_RULE_PRIORITY)
  @Max(MAX_RULE_PRIORITY)
  priority?: number;
}

/** A rule keeps its retailer; to move it, delete it and create another. */
export class UpdateCategoryRuleBody extends PartialType(OmitType(CreateCategoryRuleBody, ['retailerId'] as const), {
  skipNullProperties: false,
}) {}

export class CategoryRuleListQuery extends PageQuery {
  @ApiPropertyOptional({ description: "Only this retailer's own rules." })
  @Omittable()
  @IsUUID()
  retailerId?: string;

  @ApiPropertyOptional({ enum: CATEGORY_RULE_KINDS })
  @Omittable()
  @IsIn(CATEGORY_RULE_KINDS)
  kind?: CategoryRuleKind;
}

export class CategoryRuleView {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null: the rule applies to every retailer.' }) retailerId:
    string | null;
  @ApiProperty({ enum: CATEGORY_RULE_KINDS }) kind: CategoryRuleKind;
  @ApiProperty({ description: "Normalized: lowercase, levels joined by ' > '." }) pattern: string;
  @ApiProperty() categoryId: number;
  @ApiProperty() priority: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static of(rule: CategoryMappingRule): CategoryRuleView {
    return Object.assign(new CategoryRuleView(), {
      id: rule.id,
      retailerId: rule.retailerId,
      kind: rule.kind,
      pattern: rule.pattern,
      categoryId: rule.categoryId,
      priority: rule.priority,
      createdAt: rule.createdAt,
      updatedAt: rule.updatedAt,
    });
  }
}

export const CategoryRulePage = PageOf(CategoryRuleView);

export class UnmappedPathView {
  @ApiProperty({
    example: 'Damen > Kleider',
    description: "The retailer's category path, levels joined by ' > '; '(none)' for offers without one.",
  })
  path: string;
  @ApiProperty() offers: number;
}

export class CategoryCoverageView {
  @ApiProperty() retailerId: string;
  @ApiProperty({ description: 'Live offers.' }) offers: number;
  @ApiProperty({ description: 'Live offers with a category.' }) mapped: number;
  @ApiProperty({ example: 0.8125, description: 'mapped / offers, rounded to 4 decimals; 0 without offers.' })
  share: number;
  @ApiProperty({
    type: [UnmappedPathView],
    description: 'The 20 most common category paths among unmapped live offers.',
  })
  topUnmapped: UnmappedPathView[];
}
