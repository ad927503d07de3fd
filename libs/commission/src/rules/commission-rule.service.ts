import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AuditService, ProblemException, paginate, type Actor, type FieldError, type Page } from '#platform';
import type { CurrencyTerms, StoredTier } from './commission-rule.entity.js';
import { CommissionRule } from './commission-rule.entity.js';
import {
  CommissionRuleView,
  type CommissionRuleQuery,
  type CreateCommissionRuleBody,
  type CurrencyTermsBody,
  type TierBody,
  type UpdateCommissionRuleBody,
} from './commission-rule.dto.js';

/** Commission rules: operators create, change and retire them; a change never touches commissions already frozen. */
@Injectable()
export class CommissionRuleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, body: CreateCommissionRuleBody): Promise<CommissionRuleView> {
    const fields = checkedFields(body);
    return this.dataSource.transaction(async (manager) => {
      await this.checkReferences(manager, body);
      const rule = await manager.save(manager.create(CommissionRule, { ...fields, isDefault: false }));
      const view = CommissionRuleView.of(rule);
      await this.audit.record(manager, actor, {
        action: 'commission_rule.create',
        entityType: 'commission_rule',
        entityId: rule.id,
        before: null,
        after: view,
      });
      return view;
    });
  }

  async update(actor: Actor, id: string, body: UpdateCommissionRuleBody): Promise<CommissionRuleView> {
    return this.dataSource.transaction(async (manager) => {
      const rule = await this.find(manager, id, true);
      if (rule.retiredAt) throw ProblemException.conflict('The rule is retired; create a new one.');
      if (rule.isDefault) {
        const scoped = (['retailerId', 'categoryId', 'channelId', 'brand', 'validFrom', 'validTo'] as const).filter(
          (field) => body[field] !== undefined && body[field] !== null,
        );
        if (scoped.length)
          throw ProblemException.validation(
            scoped.map((field) => ({
              field,
              message: 'cannot be set on the platform default, which applies to everything',
            })),
          );
      }
      const before = CommissionRuleView.of(rule);
      const merged = {
        ...before,
        ...stripUndefined(body),
        tiers: body.tiers ?? before.tiers,
        currencyTerms: body.currencyTerms ?? before.currencyTerms,
      } as CreateCommissionRuleBody;
      await this.checkReferences(manager, body);
      Object.assign(rule, checkedFields(merged));
      const view = CommissionRuleView.of(await manager.save(rule));
      await this.audit.record(manager, actor, {
        action: 'commission_rule.update',
        entityType: 'commission_rule',
        entityId: id,
        before,
        after: view,
      });
      return view;
    });
  }

  /** Retires a rule: it stops matching new sales; commissions frozen from it stay as they are. */
  async retire(actor: Actor, id: string): Promise<CommissionRuleView> {
    return this.dataSource.transaction(async (manager) => {
      const rule = await this.find(manager, id, true);
      if (rule.isDefault)
        throw ProblemException.conflict('The platform default cannot be retired; change its rate instead.');
      if (rule.retiredAt) return CommissionRuleView.of(rule);
      const before = CommissionRuleView.of(rule);
      rule.retiredAt = new Date();
      const view = CommissionRuleView.of(await manager.save(rule));
      await this.audit.record(manager, actor, {
        action: 'commission_rule.retire',
        entityType: 'commission_rule',
        entityId: id,
        before,
        after: view,
      });
      return view;
    });
  }

  async get(id: string): Promise<CommissionRuleView> {
    return CommissionRuleView.of(await this.find(this.dataSource.manager, id));
  }

  async list(query: CommissionRuleQuery): Promise<Page<CommissionRuleView>> {
    const builder = this.dataSource.getRepository(CommissionRule).createQueryBuilder('rule');
    if (query.retailerId) builder.andWhere('rule.retailerId = :retailerId', { retailerId: query.retailerId });
    if (query.retired !== 'true') builder.andWhere('rule.retiredAt IS NULL');
    const page = await paginate(builder, 'rule', query);
    return { items: page.items.map((rule) => CommissionRuleView.of(rule)), nextCursor: page.nextCursor };
  }

  /** Every rule that may match a sale now: not retired. */
  active(manager: EntityManager): Promise<CommissionRule[]> {
    return manager.find(CommissionRule, { where: { retiredAt: IsNull() } });
  }

  private async find(manager: EntityManager, id: string, lock = false): Promise<CommissionRule> {
    const rule = await manager.findOne(CommissionRule, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!rule) throw ProblemException.notFound(`Commission rule ${id}`);
    return rule;
  }

  private async checkReferences(manager: EntityManager, body: UpdateCommissionRuleBody): Promise<void> {
    const errors: FieldError[] = [];
    const exists = async (table: string, id: unknown) =>
      ((await manager.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])) as unknown[]).length > 0;
    if (body.retailerId && !(await exists('retailer', body.retailerId)))
      errors.push({ field: 'retailerId', message: 'is not a retailer' });
    if (body.channelId && !(await exists('channel', body.channelId)))
      errors.push({ field: 'channelId', message: 'is not a channel' });
    if (body.categoryId !== undefined && body.categoryId !== null && !(await exists('category', body.categoryId)))
      errors.push({ field: 'categoryId', message: 'is not a unified category' });
    if (errors.length) throw ProblemException.unprocessable(errors, 'The rule names something that does not exist.');
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

/** The stored fields of a rule from a body, after the checks class-validator cannot make. */
function checkedFields(body: CreateCommissionRuleBody): Partial<CommissionRule> {
  const errors: FieldError[] = [];
  if (body.validFrom && body.validTo && body.validTo <= body.validFrom)
    errors.push({ field: 'validTo', message: 'must be after validFrom' });
  const currencyTerms: Record<string, CurrencyTerms> = {};
  (body.currencyTerms ?? []).forEach((terms: CurrencyTermsBody, index) => {
    if (currencyTerms[terms.currency])
      errors.push({ field: `currencyTerms[${index}].currency`, message: 'is listed twice' });
    if (terms.minMinor && terms.maxMinor && BigInt(terms.minMinor) > BigInt(terms.maxMinor))
      errors.push({ field: `currencyTerms[${index}].maxMinor`, message: 'must not be below minMinor' });
    currencyTerms[terms.currency] = {
      fixedFeeMinor: terms.fixedFeeMinor,
      minMinor: terms.minMinor ?? null,
      maxMinor: terms.maxMinor ?? null,
    };
  });
  const tiers: Record<string, StoredTier[]> = {};
  (body.tiers ?? []).forEach((tier: TierBody, index) => {
    const bands = (tiers[tier.currency] ??= []);
    const previous = bands.at(-1);
    if (previous && previous.upToMinor === null)
      errors.push({
        field: `tiers[${index}]`,
        message: `comes after the last band of ${tier.currency} (the one without upToMinor)`,
      });
    else if (previous && tier.upToMinor && BigInt(tier.upToMinor) <= BigInt(previous.upToMinor as string))
      errors.push({ field: `tiers[${index}].upToMinor`, message: 'must be above the band before it' });
    bands.push({ upToMinor: tier.upToMinor ?? null, rateBasisPoints: tier.rateBasisPoints });
  });
  if (errors.length) throw ProblemException.validation(errors);
  return {
    name: body.name,
    retailerId: body.retailerId ?? null,
    categoryId: body.categoryId ?? null,
    channelId: body.channelId ?? null,
    brand: body.brand ?? null,
    rateBasisPoints: body.rateBasisPoints,
    tiers: Object.keys(tiers).length ? tiers : null,
    currencyTerms,
    priority: body.priority ?? 0,
    validFrom: body.validFrom ?? null,
    validTo: body.validTo ?? null,
  };
}
