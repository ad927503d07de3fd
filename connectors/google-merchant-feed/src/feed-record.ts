/** Google attributes of one item, keyed by lowercase name without the `g:` prefix; repeated ones as arrays. */
export type FeedFields = Record<string, string | string[]>;

/** One item as a parser found it, with the 1-based line where it starts. */
export interface FeedRecord {
  readonly fields: FeedFields;
  readonly line: number;
}
