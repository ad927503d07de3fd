import { setTimeout as sleep } from 'node:timers/promises';

/** Error codes of the Cloud API that the channel acts on (Meta's "WhatsApp error codes" page). */
export const CLOUD_API_ERRORS = {
  throughputLimit: 130429,
  pairRateLimit: 131056,
  reengagementWindow: 131047,
  undeliverable: 131026,
} as const;

export interface CloudApiError {
  readonly code: number;
  readonly message: string;
  readonly details: string | null;
}

export type SendResult =
  | { readonly kind: 'accepted'; readonly wamid: string }
  /** More than 24 hours since the user's last message: only a template may be sent. */
  | { readonly kind: 'window-closed'; readonly error: CloudApiError }
  | { readonly kind: 'undeliverable'; readonly error: CloudApiError }
  /** Refused for good (a payload the API does not take, a bad token): retrying will not help. */
  | { readonly kind: 'rejected'; readonly error: CloudApiError };

/** The Cloud API did not answer, or kept answering "too fast" or 5xx: the send may be tried again later. */
export class CloudApiUnavailableError extends Error {}

export interface CloudApiOptions {
  readonly graphUrl: string;
  readonly apiVersion: string;
  readonly phoneNumberId: string;
  readonly accessToken: string;
  readonly timeoutMs?: number;
  /** Tries per send when rate limited or failing; the waits double from `baseDelayMs`. */
  readonly attempts?: number;
  readonly baseDelayMs?: number;
}

/** Sends messages through `POST /{version}/{phone-number-id}/messages`. */
export class CloudApiClient {
  private readonly endpoint: string;

  constructor(private readonly options: CloudApiOptions) {
    this.endpoint = new URL(`/${options.apiVersion}/${options.phoneNumberId}/messages`, options.graphUrl).toString();
  }

  /**
   * Sends one message (the whole Cloud API body). Rate limits (130429, 131056), 5xx and lost
   * connections are retried here with backoff; after the last try it throws CloudApiUnavailableError.
   */
  async send(message: object): Promise<SendResult> {
    const attempts = this.options.attempts ?? 4;
    const baseDelayMs = this.options.baseDelayMs ?? 500;
    let lastProblem = 'no attempt made';
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      if (attempt > 1) await sleep(baseDelayMs * 2 ** (attempt - 2) * (0.75 + Math.random() / 2));
      let response: Response;
      try {
        response = await fetch(this.endpoint, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.options.accessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify(message),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        lastProblem = `no answer: ${error instanceof Error ? error.message : String(error)}`;
        continue;
      }
      const body = (await response.json().catch(() => null)) as {
        messages?: { id?: string }[];
        error?: { code?: number; message?: string; error_data?: { details?: string } };
      } | null;
      const wamid = body?.messages?.[0]?.id;
      if (response.ok && wamid) return { kind: 'accepted', wamid };
      const error: CloudApiError = {
        code: Number(body?.error?.code ?? response.status),
        message: String(body?.error?.message ?? `HTTP ${response.status}`),
        details: body?.error?.error_data?.details ?? null,
      };
      if (
        error.code === CLOUD_API_ERRORS.throughputLimit ||
        error.code === CLOUD_API_ERRORS.pairRateLimit ||
        response.status >= 500
      ) {
        lastProblem = `${error.code} ${error.message}`;
        continue;
      }
      if (error.code === CLOUD_API_ERRORS.reengagementWindow) return { kind: 'window-closed', error };
      if (error.code === CLOUD_API_ERRORS.undeliverable) return { kind: 'undeliverable', error };
      return { kind: 'rejected', error };
    }
    throw new CloudApiUnavailableError(
      `the Cloud API did not take the message after ${attempts} tries: ${lastProblem}`,
    );
  }
}
