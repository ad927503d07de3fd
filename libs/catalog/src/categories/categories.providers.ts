import { AdminCategoriesController } from './admin-categories.controller.js';
import { CategoryCoverageService } from './category-coverage.service.js';
import { CategoryMappingRule } from './category-mapping-rule.entity.js';
import { CategoryRemapService } from './category-remap.service.js';
import { CategoryRuleService } from './category-rule.service.js';
import { CategoryTreeService } from './category-tree.service.js';
import { Category } from './category.entity.js';
import { RetailerCategoryCoverageController } from './retailer-category-coverage.controller.js';

/**
 * What the catalog module registers for categories: entities in the schema, services in every process, controllers in
 * the api role.
 */
export const CATEGORY_ENTITIES = [Category, CategoryMappingRule];
export const CATEGORY_PROVIDERS = [
  CategoryTreeService,
  CategoryRuleService,
  CategoryCoverageService,
  CategoryRemapService,
];
export const CATEGORY_CONTROLLERS = [AdminCategoriesController, RetailerCategoryCoverageController];
