import type { NormalizeResult } from '#domain';

/**
 * The key under which a parser marks a row it could not line up with the header. It cannot clash
 * with a column: header names starting with '#' are dropped.
 */
export const ROW_ERROR = '#row-error';

export function columnCountMessage(found: number, expected: number): string {
  return `row has ${found} columns, the header has ${expected}`;
}

/** The item-level error for a marked row, or null for a well-formed one. */
export function rowErrorResult(data: unknown): NormalizeResult | null {
  const message = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[ROW_ERROR] : undefined;
  if (typeof message !== 'string') return null;
  return { offer: null, issues: [{ severity: 'error', field: null, message }] };
}
