/** Reading WooCommerce's JSON defensively: plugins change types ("216" or 216, "" or null, false for an image). */
export type Json = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field, or a number written as one; null when absent or empty. */
export function text(object: Json | null | undefined, key: string): string | null {
  const value = object?.[key];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** An absolute http(s) URL field; null for anything else (plugins answer 0, false or a relative path). */
export function absoluteUrl(object: Json | null | undefined, key: string): string | null {
  const value = object?.[key];
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return /^https?:\/\//i.test(trimmed) ? trimmed : null;
}

export function integer(object: Json | null | undefined, key: string): number | null {
  const value = object?.[key];
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return null;
}

export function objects(object: Json | null | undefined, key: string): Json[] {
  const value = object?.[key];
  return Array.isArray(value) ? value.filter(isObject) : [];
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
};

/**
 * WordPress stores term and product names HTML-escaped ("Home &amp; Garden", "&#8211;"); the
 * plain text for fields that are not run through HTML-to-text.
 */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  });
}

/** WooCommerce GMT times ("2025-03-01T10:00:00", no offset) as ISO 8601 UTC. */
export function gmtIso(value: string): string {
  return /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
}

/** Seconds-precision WooCommerce GMT format, from epoch milliseconds. */
export function wooGmt(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19);
}

/** A WooCommerce GMT time as epoch milliseconds; NaN when unreadable. */
export function parseWooGmt(value: string): number {
  return Date.parse(gmtIso(value));
}
