import { OutboundPolicy, OutboundRefusedError } from '#outbound';
import { httpPost } from './http-post.js';
import { standardWebhookHeaders } from './standard-webhooks.js';

export interface WebhookAttempt {
  readonly ok: boolean;
  /**
   * True when trying again later may succeed: no answer, 408, 429 or 5xx. False when the outbound policy refused the
   * URL.
   */
  readonly retryable: boolean;
  readonly status: number | null;
  readonly error: string | null;
  /** The answer's body, for callers that read it (at most its first 64 KiB). */
  readonly body: string;
  /** The answer's Retry-After header, as sent. */
  readonly retryAfter: string | null;
}

const TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 64 * 1024;
let strictPolicy: OutboundPolicy | undefined;

/**
 * One signed POST of a webhook (Standard Webhooks headers with the message id as webhook-id).
 * Redirects are not followed: the receiver must answer at its URL. The outbound policy decides
 * where it may go (by default the strict one); a refusal is an attempt that is not retried, and
 * nothing is sent.
 */
export async function postWebhook(
  url: string,
  secret: string,
  message: { id: string; body: string },
  options: { timeoutMs?: number; headers?: Record<string, string>; userAgent?: string; outbound?: OutboundPolicy } = {},
): Promise<WebhookAttempt> {
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  const outbound = options.outbound ?? (strictPolicy ??= new OutboundPolicy());
  const refused = outbound.checkUrl(url);
  if (refused) return refusal(refused);
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const answer = await httpPost(new URL(url), {
      outbound,
      signal: AbortSignal.timeout(timeoutMs),
      maxBodyBytes: MAX_BODY_BYTES,
      headers: {
        'content-type': 'application/json',
        'user-agent': options.userAgent ?? 'Souk-Webhooks/1',
        ...options.headers,
        ...standardWebhookHeaders(secret, message.id, timestamp, message.body),
      },
      body: message.body,
    });
    const ok = answer.status >= 200 && answer.status < 300;
    const retryAfter = answer.headers['retry-after'];
    return {
      ok,
      retryable: !ok && (answer.status === 408 || answer.status === 429 || answer.status >= 500),
      status: answer.status,
      error: ok ? null : `answered ${answer.status}`,
      body: answer.body,
      retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
    };
  } catch (error) {
    const refusedAtConnect = OutboundRefusedError.in(error);
    if (refusedAtConnect) return refusal(refusedAtConnect);
    return {
      ok: false,
      retryable: true,
      status: null,
      error: describeFailure(error, timeoutMs),
      body: '',
      retryAfter: null,
    };
  }
}

function refusal(error: OutboundRefusedError): WebhookAttempt {
  return { ok: false, retryable: false, status: null, error: error.message, body: '', retryAfter: null };
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const cause = (error as { cause?: { code?: string; message?: string; name?: string } })?.cause;
  const timedOut = (name: unknown) => name === 'TimeoutError' || name === 'AbortError';
  // Duck-typed: the DOMException of an aborted signal may come from another realm than this Error.
  if (timedOut((error as { name?: unknown })?.name) || timedOut(cause?.name))
    return `no answer within ${formatDuration(timeoutMs)}`;
  const code = (error as { code?: unknown })?.code;
  const reason =
    typeof code === 'string'
      ? code
      : (cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)));
  return `could not connect: ${reason}`;
}

function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
