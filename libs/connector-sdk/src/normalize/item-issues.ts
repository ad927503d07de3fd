import type { ItemIssue } from '#domain';
import { cutText } from './plain-text.js';

/** The issues of one item as they are found; `error` returns null so a reader can `return issues.error(...)`. */
export class ItemIssues {
  readonly list: ItemIssue[] = [];

  error(field: string, message: string): null {
    this.list.push({ severity: 'error', field, message });
    return null;
  }

  warning(field: string, message: string): void {
    this.list.push({ severity: 'warning', field, message });
  }
}

/** A source value for an issue message: quoted, and short. */
export function quoteValue(value: string): string {
  const text = value.trim();
  return JSON.stringify(text.length > 60 ? `${cutText(text, 57)}...` : text);
}
