/** The sandbox shop's time zone: Shopify writes times in the shop's zone, with its UTC offset. */
export const SHOP_UTC_OFFSET_MINUTES = -4 * 60;

/** "2024-10-01T08:15:00-04:00": to the second, in the shop's zone, as Shopify writes times. */
export function shopTime(ms: number): string {
  const local = new Date(Math.floor(ms / 1000) * 1000 + SHOP_UTC_OFFSET_MINUTES * 60_000);
  const sign = SHOP_UTC_OFFSET_MINUTES < 0 ? '-' : '+';
  const minutes = Math.abs(SHOP_UTC_OFFSET_MINUTES);
  const offset = `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${local.toISOString().slice(0, 19)}${offset}`;
}

/** Cents from a decimal string of at most two decimals ("19.99", "20", "0.5"); null when it is not one. */
export function toCents(text: string): number | null {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** "19.99" from 1999. */
export function fromCents(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
