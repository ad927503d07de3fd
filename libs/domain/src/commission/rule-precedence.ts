/** What a commission rule applies to; a null field matches anything. */
export interface CommissionScope {
  readonly retailerId: string | null;
  /** A unified category; it matches the category and everything below it. */
  readonly categoryId: number | null;
  readonly channelId: string | null;
  /** Compared without case. */
  readonly brand: string | null;
}

export interface RuleCandidate {
  readonly id: string;
  readonly scope: CommissionScope;
  readonly priority: number;
  /** Inclusive; null for always. */
  readonly validFrom: Date | null;
  /** Exclusive; null for forever. */
  readonly validTo: Date | null;
  readonly createdAt: Date;
}

/** The facts of a sold line that rules are matched against. */
export interface LineFacts {
  readonly retailerId: string;
  readonly channelId: string;
  readonly brand: string | null;
  /** The line's unified category and its ancestors, root first; empty when unmapped. */
  readonly categoryPath: readonly number[];
  readonly at: Date;
}

export function ruleMatches(rule: RuleCandidate, line: LineFacts): boolean {
  const { scope } = rule;
  if (rule.validFrom && line.at < rule.validFrom) return false;
  if (rule.validTo && line.at >= rule.validTo) return false;
  if (scope.retailerId !== null && scope.retailerId !== line.retailerId) return false;
  if (scope.channelId !== null && scope.channelId !== line.channelId) return false;
  if (scope.brand !== null && scope.brand.toLowerCase() !== line.brand?.toLowerCase()) return false;
  if (scope.categoryId !== null && !line.categoryPath.includes(scope.categoryId)) return false;
  return true;
}

/**
 * The one rule for a line, by this precedence:
 *   1. the most specific scope: the one that names the most of retailer, category, channel, brand;
 *   2. then, between two category rules, the deeper category (Shoes before Apparel);
 *   3. then the higher priority;
 *   4. then the newest rule (created last; the id breaks a tie).
 * Null when no rule matches: the platform default applies.
 */
export function selectRule<R extends RuleCandidate>(rules: readonly R[], line: LineFacts): R | null {
  let best: R | null = null;
  for (const rule of rules) {
    if (ruleMatches(rule, line) && (best === null || compareRules(rule, best, line) < 0)) best = rule;
  }
  return best;
}

/** Negative when `a` takes precedence over `b` for the line. */
export function compareRules(a: RuleCandidate, b: RuleCandidate, line: LineFacts): number {
  return (
    dimensions(b.scope) - dimensions(a.scope) ||
    categoryDepth(b, line) - categoryDepth(a, line) ||
    b.priority - a.priority ||
    b.createdAt.getTime() - a.createdAt.getTime() ||
    (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
  );
}

function dimensions(scope: CommissionScope): number {
  return [scope.retailerId, scope.categoryId, scope.channelId, scope.brand].filter((value) => value !== null).length;
}

function categoryDepth(rule: RuleCandidate, line: LineFacts): number {
  return rule.scope.categoryId === null ? 0 : line.categoryPath.indexOf(rule.scope.categoryId) + 1;
}
