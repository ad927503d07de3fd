import { ProblemException, containsNul } from '#platform';
import type { SearchPosition } from './search-statement.js';

/** What a search cursor holds: where the page ended, and the words searched (the corrected ones, if any). */
export interface SearchCursor extends SearchPosition {
  readonly words?: string;
  /** Set when the first page read a sample of products (search-sampling.ts). */
  readonly sampleBuckets?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The words of a cursor are the query's, perhaps corrected: never much longer than the 200 of `q`. */
const MAX_WORDS_LENGTH = 400;

export function encodeSearchCursor(cursor: SearchCursor): string {
  return Buffer.from(
    JSON.stringify([cursor.value, cursor.productId, cursor.words ?? null, cursor.sampleBuckets ?? null]),
  ).toString('base64url');
}

export function decodeSearchCursor(cursor: string): SearchCursor {
  try {
    const [value, productId, words, sampleBuckets] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as unknown[];
    if (
      typeof value === 'number' &&
      Number.isFinite(value) &&
      typeof productId === 'string' &&
      UUID.test(productId) &&
      (words === null || (typeof words === 'string' && words.length <= MAX_WORDS_LENGTH && !containsNul(words))) &&
      (sampleBuckets === undefined ||
        sampleBuckets === null ||
        (Number.isInteger(sampleBuckets) && (sampleBuckets as number) >= 1 && (sampleBuckets as number) <= 32))
    ) {
      return {
        value,
        productId,
        ...(typeof words === 'string' ? { words } : {}),
        ...(typeof sampleBuckets === 'number' ? { sampleBuckets } : {}),
      };
    }
  } catch {
    // falls through to the validation problem below
  }
  throw ProblemException.validation([{ field: 'cursor', message: 'is not a cursor returned by this endpoint' }]);
}
