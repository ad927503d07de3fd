import { PATH_SEPARATOR, normalizeText, pathSegments } from './category-path.js';
import type { CategoryRuleKind, MappingRule } from './mapping-rule.js';
import { findGoogleCategory, type TaxonomyIndex } from './taxonomy-index.js';

export { normalizePath } from './category-path.js';
export type { MappingRule } from './mapping-rule.js';
export { buildTaxonomyIndex, type TaxonomyIndex } from './taxonomy-index.js';

/** What of an offer decides its category. */
export interface CategorizableOffer {
  readonly categoryPath: readonly string[];
  readonly googleProductCategory: string | null;
  readonly title: string;
}

/**
 * The unified category of an offer, or null when it stays unmapped. The first step that gives a
 * category wins:
 *
 * (a) Google's own category: the offer's `google_product_category` when it is a known category id
 *     (digits only) or a known category path (case-insensitive). A Google path deeper than the
 *     known categories maps to its deepest known ancestor.
 * (b) The mapping rules. Rules of the offer's retailer come before global rules (retailerId null);
 *     within each group, `exact` rules come before `prefix` rules, which come before `keyword` rules:
 *     - exact: the offer's whole normalized category path equals the pattern;
 *     - prefix: the path starts with the pattern's levels; the longest matching prefix wins;
 *     - keyword: the pattern appears as a whole word (or phrase) in the title or in any single
 *       level of the path, case-insensitively; letters, digits and marks of every script count
 *       as word characters, so "kaffee" does not match "Kaffeebohnen".
 *     Between rules still tied, the higher priority wins, then the newer rule (createdAt), then
 *     the smaller id.
 * (c) The retailer's own category path when it spells a Google category path (many shops name
 *     their categories after the taxonomy): its deepest known ancestor, as in (a).
 * (d) Otherwise null.
 *
 * Paths, patterns and titles are compared normalized (NFC, lowercase, whitespace collapsed, levels
 * split on '>' and joined by ' > '). `rules` are the rules that apply to the offer's retailer: its
 * own and the global ones. The array is prepared once (sorted, patterns compiled) and reused for
 * every offer it is passed with, so it must not be changed afterwards.
 */
export function resolveCategory(
  offer: CategorizableOffer,
  rules: readonly MappingRule[],
  taxonomy: TaxonomyIndex,
): number | null {
  if (offer.googleProductCategory !== null) {
    const google = findGoogleCategory(taxonomy, offer.googleProductCategory);
    if (google !== null) return google;
  }
  const levels = pathSegments(offer.categoryPath);
  const subject: Subject = { levels, path: levels.join(PATH_SEPARATOR), title: normalizeText(offer.title) };
  for (const rule of prepared(rules)) {
    if (rule.matches(subject)) return rule.categoryId;
  }
  return levels.length > 0 ? findGoogleCategory(taxonomy, subject.path) : null;
}

/** The offer, normalized once for all rules. */
interface Subject {
  readonly levels: readonly string[];
  readonly path: string;
  readonly title: string;
}

interface PreparedRule {
  readonly rule: MappingRule;
  readonly categoryId: number;
  readonly levels: readonly string[];
  readonly matches: (subject: Subject) => boolean;
}

const KIND_ORDER: Record<CategoryRuleKind, number> = { exact: 0, prefix: 1, keyword: 2 };

// Keyed by the caller's array: a remap resolves thousands of offers against the same rules.
const preparedByRules = new WeakMap<readonly MappingRule[], readonly PreparedRule[]>();

function prepared(rules: readonly MappingRule[]): readonly PreparedRule[] {
  let list = preparedByRules.get(rules);
  if (!list) {
    list = rules
      .map(prepare)
      .filter((rule): rule is PreparedRule => rule !== null)
      .sort(precedence);
    preparedByRules.set(rules, list);
  }
  return list;
}

function prepare(rule: MappingRule): PreparedRule | null {
  const levels = pathSegments([rule.pattern]);
  if (levels.length === 0) return null;
  const pattern = levels.join(PATH_SEPARATOR);
  const base = { rule, categoryId: rule.categoryId, levels };
  switch (rule.kind) {
    case 'exact':
      return { ...base, matches: (subject) => subject.path === pattern };
    case 'prefix':
      return {
        ...base,
        matches: (subject) =>
          levels.length <= subject.levels.length && levels.every((level, index) => subject.levels[index] === level),
      };
    case 'keyword': {
      const word = wholeWord(pattern);
      return {
        ...base,
        matches: (subject) => word.test(subject.title) || subject.levels.some((level) => word.test(level)),
      };
    }
    default:
      return null;
  }
}

function precedence(a: PreparedRule, b: PreparedRule): number {
  return (
    scopeOrder(a.rule) - scopeOrder(b.rule) ||
    KIND_ORDER[a.rule.kind] - KIND_ORDER[b.rule.kind] ||
    (a.rule.kind === 'prefix' ? b.levels.length - a.levels.length : 0) ||
    b.rule.priority - a.rule.priority ||
    b.rule.createdAt.getTime() - a.rule.createdAt.getTime() ||
    (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0)
  );
}

function scopeOrder(rule: MappingRule): number {
  return rule.retailerId === null ? 1 : 0;
}

/** Matches `phrase` only where no letter, digit, mark or underscore touches it on either side. */
function wholeWord(phrase: string): RegExp {
  const escaped = phrase.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_])${escaped}(?![\\p{L}\\p{N}\\p{M}_])`, 'u');
}
