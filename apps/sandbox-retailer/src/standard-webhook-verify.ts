import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** How far `webhook-timestamp` may be from now, either way, before a message counts as replayed. */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

export type WebhookCheck = { readonly valid: true } | { readonly valid: false; readonly reason: string };

/** The HMAC key of a Standard Webhooks secret: the base64 after `whsec_`. */
export function webhookKey(secret: string): Buffer {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  if (key.length === 0) throw new TypeError('The webhook secret must be whsec_ followed by base64.');
  return key;
}

/**
 * Checks a Standard Webhooks message as a receiver does: `webhook-signature` lists one or more
 * `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<raw body>`, separated by spaces.
 */
export function verifyStandardWebhook(
  key: Buffer,
  headers: IncomingHttpHeaders,
  rawBody: Buffer,
  nowMs = Date.now(),
): WebhookCheck {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (
    typeof id !== 'string' ||
    typeof timestamp !== 'string' ||
    typeof signatures !== 'string' ||
    !id ||
    !timestamp ||
    !signatures
  ) {
    return { valid: false, reason: 'webhook-id, webhook-timestamp and webhook-signature are required' };
  }
  if (!/^\d{1,12}$/.test(timestamp)) return { valid: false, reason: 'webhook-timestamp must be unix seconds' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > TIMESTAMP_TOLERANCE_SECONDS) {
    return { valid: false, reason: 'webhook-timestamp is more than 5 minutes from now' };
  }
  // Compared as base64 text, not decoded bytes: Buffer's base64 decoder skips stray characters.
  const expected = Buffer.from(
    createHmac('sha256', key).update(`${id}.${timestamp}.`).update(rawBody).digest('base64'),
  );
  const matches = signatures.split(' ').some((entry) => {
    const comma = entry.indexOf(',');
    if (entry.slice(0, comma) !== 'v1') return false;
    const given = Buffer.from(entry.slice(comma + 1));
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { valid: true } : { valid: false, reason: 'no v1 signature in webhook-signature matches' };
}
