import { createHash, randomBytes } from 'node:crypto';
import type { KeyRole } from '#platform';

const ROLE_TAGS: Record<KeyRole, string> = { operator: 'op', retailer: 'rt', channel: 'ch' };
const PREFIX_LENGTH = 16;
const KEY_PATTERN = /^souk_(op|rt|ch)_[A-Za-z0-9_-]{32,}$/;

export interface GeneratedKey {
  readonly key: string;
  readonly prefix: string;
  readonly secretHash: string;
}

/** A new key: `souk_<role>_` and 32 random bytes in base64url, so its role shows at a glance. */
export function generateApiKey(role: KeyRole): GeneratedKey {
  return describeApiKey(`souk_${ROLE_TAGS[role]}_${randomBytes(32).toString('base64url')}`);
}

export function describeApiKey(key: string): GeneratedKey {
  return { key, prefix: key.slice(0, PREFIX_LENGTH), secretHash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Cheap shape check before any database lookup. */
export function looksLikeApiKey(value: string): boolean {
  return value.length <= 200 && KEY_PATTERN.test(value);
}
