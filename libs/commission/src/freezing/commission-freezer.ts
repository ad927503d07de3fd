import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { lineCommission, selectRule } from '#domain';
import type { CommissionRule } from '../rules/commission-rule.entity.js';
import { CommissionRuleService } from '../rules/commission-rule.service.js';
import { ruleCandidate, termsIn } from '../rules/rule-terms.js';

/** A line being sold, as rules are matched against it. */
export interface SaleLine {
  readonly retailerId: string;
  readonly currency: string;
  readonly brand: string | null;
  readonly categoryId: number | null;
  readonly amountMinor: bigint;
}

/** The commission frozen on a line at checkout; later rule changes never touch it. */
export interface FrozenCommission {
  readonly ruleId: string;
  readonly rateBasisPoints: number;
  readonly fixedFeeMinor: bigint;
  readonly commissionMinor: bigint;
  /** The retailer's sales in the month before the line, which placed it in the rule's tiers. */
  readonly salesBeforeMinor: bigint;
}

/**
 * Computes the commission of each line of a checkout: the rule by precedence (or the platform
 * default), then lineCommission of `#domain`. Tiers count the retailer's sales booked in the
 * calendar month (UTC) plus the order's earlier lines, so an order that crosses a band's edge
 * splits the line that crosses it.
 */
@Injectable()
export class CommissionFreezer {
  constructor(private readonly rules: CommissionRuleService) {}

  async freeze(
    manager: EntityManager,
    channelId: string,
    lines: readonly SaleLine[],
    at = new Date(),
  ): Promise<FrozenCommission[]> {
    const rules = await this.rules.active(manager);
    const fallback = rules.find((rule) => rule.isDefault);
    if (!fallback) throw new Error('the platform default commission rule is missing (it is created by a migration)');
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    const candidates = rules.filter((rule) => !rule.isDefault).map(ruleCandidate);
    const paths = await categoryPaths(
      manager,
      lines.map((line) => line.categoryId).filter((id): id is number => id !== null),
    );
    const chosen: CommissionRule[] = lines.map((line) => {
      const categoryPath = line.categoryId === null ? [] : (paths.get(line.categoryId) ?? [line.categoryId]);
      const match = selectRule(candidates, {
        retailerId: line.retailerId,
        channelId,
        brand: line.brand,
        categoryPath,
        at,
      });
      return match ? (byId.get(match.id) as CommissionRule) : fallback;
    });
    const tiered = lines.some((line, index) => chosen[index]!.tiers?.[line.currency]?.length);
    const sales = tiered
      ? await monthlySales(manager, [...new Set(lines.map((line) => line.retailerId))], at)
      : new Map<string, bigint>();
    return lines.map((line, index) => {
      const rule = chosen[index]!;
      const key = `${line.retailerId}:${line.currency}`;
      const before = sales.get(key) ?? 0n;
      const terms = termsIn(rule, line.currency);
      const result = lineCommission(line.amountMinor, terms, before);
      sales.set(key, before + line.amountMinor);
      return {
        ruleId: rule.id,
        rateBasisPoints: result.rateBasisPoints,
        fixedFeeMinor: terms.fixedFeeMinor,
        commissionMinor: result.amountMinor,
        salesBeforeMinor: before,
      };
    });
  }
}

/** Each category's path of ids from the root down to it. */
async function categoryPaths(manager: EntityManager, ids: readonly number[]): Promise<Map<number, number[]>> {
  if (ids.length === 0) return new Map();
  // category_ancestry is the catalog's public function for this (see docs/architecture.md).
  const rows = (await manager.query(`SELECT category_id AS leaf, path FROM category_ancestry($1::int[])`, [
    [...new Set(ids)],
  ])) as { leaf: number; path: number[] }[];
  return new Map(rows.map((row) => [row.leaf, row.path]));
}

/** Sales booked this calendar month (UTC) per retailer and currency, from the ledger. */
async function monthlySales(
  manager: EntityManager,
  retailerIds: readonly string[],
  at: Date,
): Promise<Map<string, bigint>> {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const rows = (await manager.query(
    `SELECT retailer_id, currency, coalesce(sum(sales_minor), 0)::text AS sales
       FROM commission_entry WHERE retailer_id = ANY($1::uuid[]) AND created_at >= $2 GROUP BY retailer_id, currency`,
    [retailerIds, start],
  )) as { retailer_id: string; currency: string; sales: string }[];
  return new Map(rows.map((row) => [`${row.retailer_id}:${row.currency.trim()}`, BigInt(row.sales)]));
}
