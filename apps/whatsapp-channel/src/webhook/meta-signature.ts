import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * True when `X-Hub-Signature-256` is `sha256=` and the hex HMAC-SHA256 of the exact body bytes
 * under the app secret, compared in constant time.
 */
export function hasValidMetaSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!.toLowerCase(), 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
