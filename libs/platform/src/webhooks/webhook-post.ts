import { standardWebhookHeaders } from './standard-webhooks.js';

export interface WebhookAttempt {
  readonly ok: boolean;
  /** True when trying again later may succeed: no answer, 408, 429 or 5xx. */
  readonly retryable: boolean;
  readonly status: number | null;
  readonly error: string | null;
}

const TIMEOUT_MS = 10_000;

/** One signed POST of a webhook. Redirects are not followed: the receiver must answer at its URL. */
export async function postWebhook(url: string, secret: string, message: { id: string; body: string }): Promise<WebhookAttempt> {
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { 'content-type': 'application/json', 'user-agent': 'Souk-Webhooks/1', ...standardWebhookHeaders(secret, message.id, timestamp, message.body) },
      body: message.body,
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      retryable: !ok && (response.status === 408 || response.status === 429 || response.status >= 500),
      status: response.status,
      error: ok ? null : `answered ${response.status}`,
    };
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : `could not connect: ${describe(error)}`;
    return { ok: false, retryable: true, status: null, error: reason };
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
