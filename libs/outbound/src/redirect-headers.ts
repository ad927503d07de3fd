/**
 * Request headers that carry nothing of the caller's identity, so they may follow a redirect to
 * another origin. Everything else (Authorization, Cookie, Proxy-Authorization,
 * X-Shopify-Access-Token, Idempotency-Key, any custom header) stays behind.
 */
const CROSS_ORIGIN_SAFE_HEADERS: ReadonlySet<string> = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'content-length',
  'content-type',
  'if-modified-since',
  'if-none-match',
  'pragma',
  'user-agent',
]);

/** Deletes, in place, every header that must not follow a redirect to another origin. */
export function dropCredentialHeaders(headers: Record<string, unknown> | undefined): void {
  if (!headers) return;
  for (const name of Object.keys(headers)) {
    if (!CROSS_ORIGIN_SAFE_HEADERS.has(name.toLowerCase())) delete headers[name];
  }
}

export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
