/**
 * Sampling for searches that match a large share of the catalog. Every offer's search document
 * holds one sample lexeme, `_s0` to `_s31`, from a hash of its product id (CatalogSearch
 * migration), so the products fall into 32 buckets of about equal size, independent of retailer,
 * category or price. A search whose words match more offers than the exact limit (estimated from
 * the first bucket: word-estimates.ts) adds "any of the first n buckets" to its tsquery: the GIN
 * index intersects that before a single row is read, so the work is bounded however broad the
 * words. Results then come from a uniform sample of the matching products, ranked as usual, and
 * totals and facet counts are scaled-up estimates marked approximate. Filters do not shrink the
 * estimate: they are checked on the rows the words find, so a broad word with a narrow filter is
 * sampled too (add words to narrow it).
 */
export const SAMPLE_BUCKETS = 32;

/**
 * Up to this many buckets, the sample is taken in the GIN index (the words' tsquery AND any of the
 * buckets' lexemes). Each bucket lexeme lists a 32nd of all offers, and the index merges every
 * listed one, so beyond a few the lists cost more than the rows they spare (measured at 1M offers:
 * 23 buckets of "red shoes" took 216 ms in the index, the same words with the bucket checked on
 * each row 20 ms); many buckets mean the words alone find few enough rows to check one by one.
 */
export const BUCKETS_IN_INDEX = 4;

/**
 * The condition that puts `document` (of the offer whose product is in `productId`) in the sample
 * of the first `buckets` buckets, for the words' tsquery `query`: all in the index for a few
 * buckets, else the words in the index and the bucket (souk_sample_lexeme's hash) on each row.
 */
export function sampledMatch(document: string, productId: string, query: string, buckets: number): string {
  if (buckets >= SAMPLE_BUCKETS) return `${document} @@ ${query}`;
  if (buckets <= BUCKETS_IN_INDEX) return `${document} @@ (${query} && ${sampleQuery(buckets)})`;
  return `${document} @@ ${query} AND ${sampleBucketsOf(productId, buckets)}`;
}

/** The product in `productId` is in the first `buckets` buckets: the hash souk_sample_lexeme takes, on the row. */
export function sampleBucketsOf(productId: string, buckets: number): string {
  return `(hashtext(${productId}::text) & ${SAMPLE_BUCKETS - 1}) < ${buckets}`;
}

/** The tsquery of the first `buckets` buckets (a constant, never user input). */
export function sampleQuery(buckets: number): string {
  return `'${Array.from({ length: buckets }, (_, bucket) => `_s${bucket}`).join(' | ')}'::tsquery`;
}

/**
 * How many buckets to read for words estimated to match `estimatedOffers` offers: all 32 when that
 * is within `exactOffers`, else as many as keep the expected offers read within it, at least one.
 */
export function bucketsFor(estimatedOffers: number, exactOffers: number): number {
  if (estimatedOffers <= exactOffers) return SAMPLE_BUCKETS;
  return Math.max(1, Math.floor((SAMPLE_BUCKETS * exactOffers) / estimatedOffers));
}
