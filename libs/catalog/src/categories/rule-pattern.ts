import { ProblemException } from '#platform';
import { normalizePath } from './category-path.js';

/** A rule's pattern as it is stored (normalized like a category path); 400 when nothing is left of it. */
export function rulePattern(text: string): string {
  const pattern = normalizePath([text]);
  if (pattern.length === 0) {
    throw ProblemException.validation([
      { field: 'pattern', message: "must name a category or a keyword, not only spaces and '>'" },
    ]);
  }
  return pattern;
}
