/**
 * How long a server asks us to wait, from its Retry-After header: delay-seconds (Shopify sends
 * fractions such as "2.0") or an HTTP-date. Null when the header is absent or unreadable.
 */
export function parseRetryAfter(header: unknown, now: number = Date.now()): number | null {
  if (typeof header !== 'string') return null;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  // Date.parse reads bare numbers such as "-1" as years; an HTTP-date always names a day or month.
  if (!/[a-z]/i.test(value)) return null;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
