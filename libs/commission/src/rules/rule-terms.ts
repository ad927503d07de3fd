import type { CommissionTerms, RuleCandidate } from '#domain';
import type { CommissionRule } from './commission-rule.entity.js';

/** A stored rule as the precedence of `#domain` sees it. */
export function ruleCandidate(rule: CommissionRule): RuleCandidate {
  return {
    id: rule.id,
    scope: { retailerId: rule.retailerId, categoryId: rule.categoryId, channelId: rule.channelId, brand: rule.brand },
    priority: rule.priority,
    validFrom: rule.validFrom,
    validTo: rule.validTo,
    createdAt: rule.createdAt,
  };
}

/** A rule's terms for a line in `currency`: its tiers and fixed fee and caps in that currency, if it has any. */
export function termsIn(rule: CommissionRule, currency: string): CommissionTerms {
  const money = rule.currencyTerms[currency];
  const tiers = rule.tiers?.[currency];
  return {
    rateBasisPoints: rule.rateBasisPoints,
    tiers: tiers?.length
      ? tiers.map((tier) => ({
          upToMinor: tier.upToMinor === null ? null : BigInt(tier.upToMinor),
          rateBasisPoints: tier.rateBasisPoints,
        }))
      : null,
    fixedFeeMinor: money ? BigInt(money.fixedFeeMinor) : 0n,
    minMinor: money?.minMinor ? BigInt(money.minMinor) : null,
    maxMinor: money?.maxMinor ? BigInt(money.maxMinor) : null,
  };
}
