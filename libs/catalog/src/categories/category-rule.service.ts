import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AuditService,
  JobQueue,
  PG_FOREIGN_KEY_VIOLATION,
  ProblemException,
  paginate,
  updateAudited,
  violatedConstraint,
  type Actor,
  type Page,
} from '#platform';
import { CategoryMappingRule } from './category-mapping-rule.entity.js';
import { CATEGORY_REMAP_QUEUE, type CategoryRemapJob } from './category-remap.job.js';
import {
  CategoryRuleView,
  type CategoryRuleListQuery,
  type CreateCategoryRuleBody,
  type UpdateCategoryRuleBody,
} from './category.dto.js';
import { rulePattern } from './rule-pattern.js';

const ENTITY_TYPE = 'category_rule';

/**
 * The category mapping rules. Every write is audited and queues a remap of the offers it can
 * affect (the rule's retailer, or every retailer for a global rule) in the same transaction.
 */
@Injectable()
export class CategoryRuleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
  ) {}

  async list(query: CategoryRuleListQuery): Promise<Page<CategoryRuleView>> {
    const builder = this.dataSource.getRepository(CategoryMappingRule).createQueryBuilder('rule');
    if (query.retailerId) builder.andWhere('rule.retailerId = :retailerId', { retailerId: query.retailerId });
    if (query.kind) builder.andWhere('rule.kind = :kind', { kind: query.kind });
    const page = await paginate(builder, 'rule', query);
    return { items: page.items.map((rule) => CategoryRuleView.of(rule)), nextCursor: page.nextCursor };
  }

  async create(actor: Actor, body: CreateCategoryRuleBody): Promise<CategoryRuleView> {
    const pattern = rulePattern(body.pattern);
    return this.write(async (manager) => {
      const rule = await manager.save(
        manager.create(CategoryMappingRule, {
          retailerId: body.retailerId ?? null,
          kind: body.kind,
          pattern,
          categoryId: body.categoryId,
          priority: body.priority ?? 0,
        }),
      );
      const view = CategoryRuleView.of(rule);
      await this.audit.record(manager, actor, {
        action: 'category_rule.create',
        entityType: ENTITY_TYPE,
        entityId: rule.id,
        before: null,
        after: view,
      });
      await this.queueRemap(manager, rule.retailerId);
      return view;
    });
  }

  async update(actor: Actor, id: string, body: UpdateCategoryRuleBody): Promise<CategoryRuleView> {
    const pattern = body.pattern === undefined ? undefined : rulePattern(body.pattern);
    return this.write(async (manager) => {
      const before = CategoryRuleView.of(await this.lockedRule(manager, id));
      const after = await updateAudited(manager, this.audit, actor, {
        entity: CategoryMappingRule,
        entityType: ENTITY_TYPE,
        id,
        action: 'category_rule.update',
        view: (rule) => CategoryRuleView.of(rule),
        apply: (rule) => {
          if (body.kind !== undefined) rule.kind = body.kind;
          if (pattern !== undefined) rule.pattern = pattern;
          if (body.categoryId !== undefined) rule.categoryId = body.categoryId;
          if (body.priority !== undefined) rule.priority = body.priority;
        },
      });
      if (mapsDifferently(before, after)) await this.queueRemap(manager, after.retailerId);
      return after;
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.write(async (manager) => {
      const rule = await this.lockedRule(manager, id);
      await manager.delete(CategoryMappingRule, { id });
      await this.audit.record(manager, actor, {
        action: 'category_rule.delete',
        entityType: ENTITY_TYPE,
        entityId: id,
        before: CategoryRuleView.of(rule),
        after: null,
      });
      await this.queueRemap(manager, rule.retailerId);
    });
  }

  private async lockedRule(manager: EntityManager, id: string): Promise<CategoryMappingRule> {
    const rule = await manager.findOne(CategoryMappingRule, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!rule) throw ProblemException.notFound(`Category rule ${id}`);
    return rule;
  }

  private async queueRemap(manager: EntityManager, retailerId: string | null): Promise<void> {
    await this.jobs.send(CATEGORY_REMAP_QUEUE, { retailerId } satisfies CategoryRemapJob, { manager });
  }

  /** Runs a write in a transaction; a missing category or retailer becomes a 422 naming the field. */
  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      const constraint = violatedConstraint(error, PG_FOREIGN_KEY_VIOLATION);
      if (constraint === 'fk_category_mapping_rule_category') {
        throw ProblemException.unprocessable(
          [{ field: 'categoryId', message: 'no category has this id' }],
          'The rule names a category that does not exist.',
        );
      }
      if (constraint === 'fk_category_mapping_rule_retailer') {
        throw ProblemException.unprocessable(
          [{ field: 'retailerId', message: 'no retailer has this id' }],
          'The rule names a retailer that does not exist.',
        );
      }
      throw error;
    }
  }
}

function mapsDifferently(before: CategoryRuleView, after: CategoryRuleView): boolean {
  return (
    before.kind !== after.kind ||
    before.pattern !== after.pattern ||
    before.categoryId !== after.categoryId ||
    before.priority !== after.priority
  );
}
