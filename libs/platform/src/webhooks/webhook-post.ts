import { standardWebhookHeaders } from './standard-webhooks.js';

export interface WebhookAttempt {
  readonly ok: boolean;
  /** True when trying again later may succeed: no answer, 408, 429 or 5xx. */
  readonly retryable: boolean;
  readonly status: number | null;
  readonly error: string | null;
  /** The answer's body, for callers that read it (at most what the receiver sent). */
  readonly body: string;
  /** The answer's Retry-After header, as sent. */
  readonly retryAfter: string | null;
}

const TIMEOUT_MS = 10_000;

/**
 * One signed POST of a webhook (Standard Webhooks headers with the message id as webhook-id).
 * Redirects are not followed: the receiver must answer at its URL.
 */
export async function postWebhook(
  url: string,
  secret: string,
  message: { id: string; body: string },
  options: { timeoutMs?: number; headers?: Record<string, string>; userAgent?: string } = {},
): Promise<WebhookAttempt> {
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': options.userAgent ?? 'Souk-Webhooks/1',
        ...options.headers,
        ...standardWebhookHeaders(secret, message.id, timestamp, message.body),
      },
      body: message.body,
    });
    const body = await response.text().catch(() => '');
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      retryable: !ok && (response.status === 408 || response.status === 429 || response.status >= 500),
      status: response.status,
      error: ok ? null : `answered ${response.status}`,
      body,
      retryAfter: response.headers.get('retry-after'),
    };
  } catch (error) {
    return { ok: false, retryable: true, status: null, error: describeFailure(error, timeoutMs), body: '', retryAfter: null };
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const cause = (error as { cause?: { code?: string; message?: string; name?: string } })?.cause;
  const timedOut = (name: unknown) => name === 'TimeoutError' || name === 'AbortError';
  // Duck-typed: the DOMException that fetch throws may come from another realm than this Error.
  if (timedOut((error as { name?: unknown })?.name) || timedOut(cause?.name)) return `no answer within ${formatDuration(timeoutMs)}`;
  return `could not connect: ${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}`;
}

function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
