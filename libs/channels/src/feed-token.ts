import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Feed tokens read like API keys: a prefix that says what they are, then 32 random bytes (base64url). */
export const FEED_TOKEN_PREFIX = 'souk_feed_';

export function generateFeedToken(): string {
  return FEED_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * What is stored: the SHA-256 of the token. The token has 256 random bits, so a plain hash is enough, as for API keys.
 */
export function feedTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Whether `token` is the one whose hash is stored; compared in constant time. False when none is stored. */
export function feedTokenMatches(storedHash: Buffer | null, token: string): boolean {
  if (!storedHash) return false;
  const given = feedTokenHash(token);
  return given.length === storedHash.length && timingSafeEqual(given, storedHash);
}
