import { createHash } from 'node:crypto';
import type { NormalizedOffer } from '#domain';

/** SHA-256 of the offer's canonical JSON (keys sorted), so equal offers hash equal whatever their source order. */
export function offerContentHash(offer: NormalizedOffer): Buffer {
  return createHash('sha256').update(canonicalJson(offer)).digest();
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
