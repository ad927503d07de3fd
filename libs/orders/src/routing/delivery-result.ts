/** What one attempt to place a retailer order came to. */
export type DeliveryResult =
  | { readonly kind: 'placed'; readonly reference: string; readonly status: number | null }
  /** Transient: no answer, 408, 429, 5xx; `retryAfterMs` when the retailer said when to come back. */
  | {
      readonly kind: 'retry';
      readonly status: number | null;
      readonly error: string;
      readonly retryAfterMs: number | null;
    }
  /** Permanent: the retailer refused the request itself (4xx); retrying would not help. */
  | { readonly kind: 'rejected'; readonly status: number | null; readonly error: string };

/** Reads Retry-After as seconds (fractions allowed) or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Text from a response body for an attempt's record: at most 300 characters, on one line. */
export function shortText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
