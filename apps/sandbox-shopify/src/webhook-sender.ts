import { createHmac, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export interface WebhookDelivery {
  /** X-Shopify-Webhook-Id: the same for every attempt and for a resend. */
  readonly id: string;
  readonly topic: string;
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The status of each attempt; null when the attempt got no answer. */
  readonly attempts: (number | null)[];
  delivered: boolean;
}

export interface WebhookSenderOptions {
  readonly secret: string;
  readonly shopDomain: string;
  readonly apiVersion: string;
  /** Attempts after the first for a non-2xx answer or none; default 3 (Shopify: 8 over 4 hours). */
  readonly retries?: number;
  /** Pause before each retry; default 100 ms. */
  readonly retryDelayMs?: number;
}

/** Base64 HMAC-SHA256 of the raw body with the app's client secret, as X-Shopify-Hmac-Sha256 carries it. */
export function shopifyHmac(secret: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

/**
 * Sends webhooks as Shopify does: a POST of the resource's JSON, signed, with the topic and a
 * delivery id in headers; retried on a non-2xx answer. Deliveries go out one at a time, in order.
 */
export class WebhookSender {
  private readonly addresses: { url: string; topics: ReadonlySet<string> | null }[] = [];
  private readonly log: WebhookDelivery[] = [];
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: WebhookSenderOptions) {}

  register(url: string, topics?: readonly string[]): void {
    this.addresses.push({ url, topics: topics ? new Set(topics) : null });
  }

  deliveries(): readonly WebhookDelivery[] {
    return this.log;
  }

  /** Sends `body` on `topic` to every address subscribed to it. */
  send(topic: string, body: unknown): void {
    const raw = JSON.stringify(body);
    for (const address of this.addresses) {
      if (address.topics && !address.topics.has(topic)) continue;
      const id = randomUUID();
      const delivery: WebhookDelivery = {
        id,
        topic,
        url: address.url,
        body: raw,
        headers: this.headers(id, topic, raw, this.options.secret),
        attempts: [],
        delivered: false,
      };
      this.log.push(delivery);
      this.enqueue(() => this.deliver(delivery, 1 + (this.options.retries ?? 3)));
    }
  }

  /** The last delivery again, byte for byte with the same webhook id (a replay). Resolves to its status. */
  async resendLast(): Promise<number | null> {
    const last = this.log.at(-1);
    if (!last) throw new Error('No webhook was sent yet.');
    await this.settled();
    return this.attempt(last);
  }

  /** A webhook signed with a wrong secret, to every address; resolves to the statuses. */
  async sendWithBadSignature(topic: string, body: unknown): Promise<(number | null)[]> {
    const raw = JSON.stringify(body);
    const statuses: (number | null)[] = [];
    for (const address of this.addresses) {
      const id = randomUUID();
      const delivery: WebhookDelivery = {
        id,
        topic,
        url: address.url,
        body: raw,
        headers: this.headers(id, topic, raw, `${this.options.secret}-wrong`),
        attempts: [],
        delivered: false,
      };
      statuses.push(await this.attempt(delivery));
    }
    return statuses;
  }

  /** Resolves when every delivery queued so far has ended (delivered or out of retries). */
  settled(): Promise<void> {
    return this.queue;
  }

  close(): void {
    this.closed = true;
  }

  private headers(id: string, topic: string, raw: string, secret: string): Record<string, string> {
    return {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256': shopifyHmac(secret, raw),
      'x-shopify-shop-domain': this.options.shopDomain,
      'x-shopify-api-version': this.options.apiVersion,
      'x-shopify-webhook-id': id,
      'x-shopify-event-id': randomUUID(),
      'x-shopify-triggered-at': new Date().toISOString(),
    };
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task, task);
  }

  private async deliver(delivery: WebhookDelivery, attempts: number): Promise<void> {
    for (let attempt = 1; attempt <= attempts && !this.closed; attempt++) {
      if (attempt > 1) await sleep(this.options.retryDelayMs ?? 100);
      const status = await this.attempt(delivery);
      if (status !== null && status >= 200 && status < 300) return;
    }
  }

  private async attempt(delivery: WebhookDelivery): Promise<number | null> {
    let status: number | null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
        signal: AbortSignal.timeout(5000),
      });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = null;
    }
    delivery.attempts.push(status);
    if (status !== null && status >= 200 && status < 300) delivery.delivered = true;
    return status;
  }
}
