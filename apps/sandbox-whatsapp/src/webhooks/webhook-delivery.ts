import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { MessageStatus } from './webhook-payloads.js';
import { httpSend } from './http-post.js';

export interface DeliveryAttempt {
  readonly at: string;
  /** The receiver's HTTP status; null when no answer came (refused, reset, timed out). */
  readonly status: number | null;
  readonly error: string | null;
  /** Made by `redeliver`, not by the retry schedule. */
  readonly redelivery: boolean;
  /**
   * From the start of the POST to its answer read whole (or to the failure), in ms on the
   * monotonic clock (performance.now()): the receiver's answer time as Meta sees it, connection
   * included. Null when no request was made (no webhook URL).
   */
  readonly durationMs: number | null;
}

export type DeliveryState = 'pending' | 'delivered' | 'failed' | 'no-webhook-url';

/** One webhook POST as Meta makes it, the same body and headers on every attempt. */
export interface WebhookDelivery {
  readonly id: string;
  readonly kind: 'message' | 'status';
  readonly waId: string;
  /** The inbound message's wamid, or for a status the wamid of the message it is about. */
  readonly wamid: string;
  readonly status?: MessageStatus;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** `bad`: signed with another secret on purpose (sendWithBadSignature). */
  readonly signature: 'valid' | 'bad';
  readonly attempts: readonly DeliveryAttempt[];
  readonly state: DeliveryState;
}

/** How Meta's redelivery is played: attempts with doubling pauses; each attempt waits `timeoutMs` for an answer. */
export interface RetryPolicy {
  /** Attempts in all, the first included; default 8. */
  readonly maxAttempts: number;
  /** The pause before the first retry, doubling after each; default 1000. */
  readonly firstDelayMs: number;
  /** Default 60000. */
  readonly maxDelayMs: number;
  /** How long an attempt waits for the answer; default 10000. */
  readonly timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  firstDelayMs: 1000,
  maxDelayMs: 60_000,
  timeoutMs: 10_000,
};

interface MutableDelivery extends WebhookDelivery {
  attempts: DeliveryAttempt[];
  state: DeliveryState;
}

export interface NewDelivery {
  readonly kind: 'message' | 'status';
  readonly waId: string;
  readonly wamid: string;
  readonly status?: MessageStatus;
  readonly body: string;
  readonly headers: Record<string, string>;
  readonly signature?: 'valid' | 'bad';
}

/**
 * Delivers webhooks to the channel's URL and redelivers on a non-2xx answer or none, with
 * backoff, recording every attempt. Deliveries about one user go out one after another, in the
 * order they were made (a user's messages and the statuses of the messages sent to them), while
 * users do not wait for each other.
 */
export class WebhookDispatcher {
  private readonly log: MutableDelivery[] = [];
  private readonly chains = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly sleepers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  private policy: RetryPolicy;
  private closed = false;
  private readonly stopping = new AbortController();

  constructor(
    private readonly webhookUrl: () => string | null,
    private readonly now: () => Date,
    policy: Partial<RetryPolicy> = {},
    private readonly changed: (delivery: WebhookDelivery) => void = () => undefined,
  ) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...policy };
  }

  get retryPolicy(): RetryPolicy {
    return this.policy;
  }

  setRetryPolicy(policy: Partial<RetryPolicy>): void {
    this.policy = { ...this.policy, ...policy };
  }

  deliveries(): WebhookDelivery[] {
    return this.log.map((delivery) => ({ ...delivery, attempts: [...delivery.attempts] }));
  }

  /** Queues a delivery behind the user's earlier ones; it is recorded at once. */
  enqueue(input: NewDelivery): WebhookDelivery {
    const delivery = this.record(input);
    const previous = this.chains.get(input.waId) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(delivery));
    this.chains.set(input.waId, next);
    void this.track(next);
    return { ...delivery, attempts: [...delivery.attempts] };
  }

  /** One attempt now, outside the retry schedule and with no retry; resolves to the recorded delivery. */
  async attemptOnce(input: NewDelivery): Promise<WebhookDelivery> {
    const delivery = this.record(input);
    const { status } = await this.track(this.attempt(delivery, false));
    delivery.state = status !== null && isSuccess(status) ? 'delivered' : 'failed';
    this.changed(delivery);
    return { ...delivery, attempts: [...delivery.attempts] };
  }

  /** The same delivery again, byte for byte, as one more attempt on its record. */
  async redeliver(id: string): Promise<DeliveryAttempt> {
    const delivery = this.log.find((entry) => entry.id === id);
    if (!delivery) throw new Error(`No webhook delivery ${id}.`);
    return this.track(this.attempt(delivery, true));
  }

  /** Resolves when every delivery queued so far, retries included, has ended. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Stops retrying and drops the requests in flight; deliveries still waiting end as failed. */
  close(): void {
    this.closed = true;
    this.stopping.abort();
    for (const sleeper of this.sleepers) {
      clearTimeout(sleeper.timer);
      sleeper.wake();
    }
    this.sleepers.clear();
  }

  private record(input: NewDelivery): MutableDelivery {
    const url = this.webhookUrl();
    const delivery: MutableDelivery = {
      id: randomUUID(),
      kind: input.kind,
      waId: input.waId,
      wamid: input.wamid,
      ...(input.status ? { status: input.status } : {}),
      body: input.body,
      headers: input.headers,
      signature: input.signature ?? 'valid',
      attempts: [],
      state: url === null ? 'no-webhook-url' : 'pending',
    };
    this.log.push(delivery);
    this.changed(delivery);
    return delivery;
  }

  private async deliver(delivery: MutableDelivery): Promise<void> {
    if (delivery.state !== 'pending') return;
    for (let attempt = 1; !this.closed; attempt++) {
      const { status } = await this.attempt(delivery, false);
      if (status !== null && isSuccess(status)) {
        delivery.state = 'delivered';
        break;
      }
      if (attempt >= this.policy.maxAttempts) break;
      await this.sleep(Math.min(this.policy.firstDelayMs * 2 ** (attempt - 1), this.policy.maxDelayMs));
    }
    if (delivery.state === 'pending') delivery.state = 'failed';
    this.changed(delivery);
  }

  private async attempt(delivery: MutableDelivery, redelivery: boolean): Promise<DeliveryAttempt> {
    const url = this.webhookUrl();
    const at = this.now().toISOString();
    let outcome: DeliveryAttempt;
    if (url === null) {
      outcome = { at, status: null, error: 'no webhook URL is set', redelivery, durationMs: null };
    } else {
      const started = performance.now();
      try {
        const answer = await httpSend(
          'POST',
          url,
          { ...delivery.headers },
          delivery.body,
          this.policy.timeoutMs,
          this.stopping.signal,
        );
        outcome = { at, status: answer.status, error: null, redelivery, durationMs: performance.now() - started };
      } catch (error) {
        outcome = {
          at,
          status: null,
          error: error instanceof Error ? error.message : String(error),
          redelivery,
          durationMs: performance.now() - started,
        };
      }
    }
    delivery.attempts.push(outcome);
    this.changed(delivery);
    return outcome;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((wake) => {
      const sleeper = {
        timer: setTimeout(() => {
          this.sleepers.delete(sleeper);
          wake();
        }, ms),
        wake,
      };
      this.sleepers.add(sleeper);
    });
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
