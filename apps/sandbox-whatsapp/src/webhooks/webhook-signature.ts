import { createHmac } from 'node:crypto';

/** `sha256=` and the hex HMAC-SHA256 of the raw body with the app secret: X-Hub-Signature-256. */
export function hubSignature256(appSecret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** The older SHA-1 signature Meta still sends next to it: X-Hub-Signature. */
export function hubSignature(appSecret: string, rawBody: string | Buffer): string {
  return `sha1=${createHmac('sha1', appSecret).update(rawBody).digest('hex')}`;
}

/** The headers of a webhook POST as Meta sends them. */
export function webhookHeaders(appSecret: string, rawBody: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'facebookexternalua',
    'x-hub-signature': hubSignature(appSecret, rawBody),
    'x-hub-signature-256': hubSignature256(appSecret, rawBody),
  };
}
