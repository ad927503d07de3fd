import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblemResponse, AllowRoles, CurrentActor, ParseId, type Actor, type Page } from '#platform';
import { CategoryCoverageService } from './category-coverage.service.js';
import { CategoryRuleService } from './category-rule.service.js';
import { CategoryTreeService } from './category-tree.service.js';
import {
  CategoryCoverageView,
  CategoryList,
  CategoryRuleListQuery,
  CategoryRulePage,
  CategoryRuleView,
  CreateCategoryRuleBody,
  UpdateCategoryRuleBody,
} from './category.dto.js';

/** Operators manage the unified categories: the tree, the mapping rules and each retailer's coverage. */
@ApiTags('admin: categories')
@ApiBearerAuth()
@AllowRoles('operator')
@Controller('v1/admin')
export class AdminCategoriesController {
  constructor(
    private readonly tree: CategoryTreeService,
    private readonly rules: CategoryRuleService,
    private readonly coverage: CategoryCoverageService,
  ) {}

  @Get('categories')
  @ApiOperation({ summary: 'The category tree as a flat list, with the live offers in each category and below it.' })
  @ApiOkResponse({ type: CategoryList })
  async categories(): Promise<CategoryList> {
    return Object.assign(new CategoryList(), { items: await this.tree.list() });
  }

  @Get('category-rules')
  @ApiOperation({ summary: 'Category mapping rules, newest first.' })
  @ApiOkResponse({ type: CategoryRulePage })
  listRules(@Query() query: CategoryRuleListQuery): Promise<Page<CategoryRuleView>> {
    return this.rules.list(query);
  }

  @Post('category-rules')
  @ApiOperation({ summary: 'Add a mapping rule; the offers it can affect are remapped in the background.' })
  @ApiCreatedResponse({ type: CategoryRuleView })
  @ApiProblemResponse(422, 'The category or the retailer does not exist.')
  createRule(@CurrentActor() actor: Actor, @Body() body: CreateCategoryRuleBody): Promise<CategoryRuleView> {
    return this.rules.create(actor, body);
  }

  @Patch('category-rules/:id')
  @ApiOperation({ summary: 'Change a mapping rule; the offers it can affect are remapped in the background.' })
  @ApiOkResponse({ type: CategoryRuleView })
  @ApiProblemResponse(422, 'The category does not exist.')
  updateRule(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Body() body: UpdateCategoryRuleBody,
  ): Promise<CategoryRuleView> {
    return this.rules.update(actor, id, body);
  }

  @Delete('category-rules/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a mapping rule; the offers it can affect are remapped in the background.' })
  @ApiNoContentResponse()
  removeRule(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<void> {
    return this.rules.remove(actor, id);
  }

  @Get('retailers/:id/category-coverage')
  @ApiOperation({
    summary: "The share of a retailer's live offers with a category, and its most common unmapped category paths.",
  })
  @ApiOkResponse({ type: CategoryCoverageView })
  retailerCoverage(@Param('id', ParseId) id: string): Promise<CategoryCoverageView> {
    return this.coverage.ofExistingRetailer(id);
  }
}
