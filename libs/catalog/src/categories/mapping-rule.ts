export const CATEGORY_RULE_KINDS = ['exact', 'prefix', 'keyword'] as const;
export type CategoryRuleKind = (typeof CATEGORY_RULE_KINDS)[number];

/** A rule that maps a retailer's category path (or title) to a unified category, as the resolver sees it. */
export interface MappingRule {
  readonly id: string;
  /** Null for a rule that applies to every retailer. */
  readonly retailerId: string | null;
  readonly kind: CategoryRuleKind;
  /** Normalized like a category path (see normalizePath); the resolver normalizes it again anyway. */
  readonly pattern: string;
  readonly categoryId: number;
  readonly priority: number;
  readonly createdAt: Date;
}
