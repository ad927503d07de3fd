import { createHash } from 'node:crypto';

/** SHA-256 of a value's canonical JSON (object keys sorted at every level), so key order never matters. */
export function requestHash(value: unknown): Buffer {
  return createHash('sha256').update(canonicalJson(value)).digest();
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}
