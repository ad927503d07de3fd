import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, base64url: the value of the session cookie. */
export function generateSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a session token (it is random enough for a fast hash). */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The session's CSRF token, derived from the session token: the console's script learns it from
 * the session endpoint (it cannot read the HttpOnly cookie) and sends it in a header, which a page
 * on another site can neither read nor forge. Knowing it reveals nothing of the session token.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('souk-console-csrf').digest('base64url');
}

export function csrfTokenMatches(sessionToken: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function looksLikeSessionToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
