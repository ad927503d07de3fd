import { createHmac } from 'node:crypto';
import { phpJson } from './wp-rest.js';

export type WebhookStatus = 'active' | 'paused' | 'disabled';

export interface SandboxWebhook {
  readonly id: number;
  readonly topic: string;
  readonly deliveryUrl: string;
  readonly status: WebhookStatus;
  /** Consecutive failed deliveries, as WC_Webhook counts them. */
  readonly failureCount: number;
}

export interface SandboxDelivery {
  readonly webhookId: number;
  readonly topic: string;
  readonly deliveryId: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The receiver's status; null when it could not be reached. */
  readonly status: number | null;
}

interface Hook {
  readonly id: number;
  readonly topic: string;
  readonly deliveryUrl: string;
  status: WebhookStatus;
  failureCount: number;
}

const USER_AGENT = 'WooCommerce/9.8.0 Hookshot (WordPress/6.8.1)';
/** woocommerce_max_webhook_delivery_failures. */
export const MAX_DELIVERY_FAILURES = 5;

/**
 * Webhooks as WC_Webhook delivers them: a ping on creation (form-encoded `webhook_id=N`, no
 * signature, only a 200 counts), then JSON bodies as wp_json_encode writes them, signed with
 * base64 HMAC-SHA256 of the exact body, with the X-WC-Webhook-* headers. The delivery id is
 * wp_hash(webhook id . unix time), so two deliveries of one webhook in the same second share it,
 * as they do in WooCommerce. A 2xx, 301 or 302 resets the failure count; any other answer counts
 * one more failure, and a failure when more than MAX_DELIVERY_FAILURES are already counted
 * disables the webhook (WC_Webhook::failed_delivery).
 */
export class WebhookHub {
  private readonly hooks = new Map<number, Hook>();
  private readonly log: SandboxDelivery[] = [];
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly secret: () => string,
    private readonly source: () => string,
  ) {}

  async register(topic: string, deliveryUrl: string): Promise<{ id: number; pingStatus: number | null }> {
    const hook: Hook = { id: this.nextId++, topic, deliveryUrl, status: 'active', failureCount: 0 };
    this.hooks.set(hook.id, hook);
    const pingStatus = await post(
      deliveryUrl,
      { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': USER_AGENT },
      `webhook_id=${hook.id}`,
    );
    return { id: hook.id, pingStatus };
  }

  webhook(id: number): SandboxWebhook | undefined {
    const hook = this.hooks.get(id);
    return hook && { ...hook };
  }

  setStatus(id: number, status: WebhookStatus): void {
    const hook = this.hooks.get(id);
    if (hook) hook.status = status;
  }

  deliveries(): SandboxDelivery[] {
    return [...this.log];
  }

  /** Queues a delivery of `payload` to every active webhook of `resource.event`. */
  emit(resource: string, event: string, payload: unknown): void {
    const topic = `${resource}.${event}`;
    for (const hook of this.hooks.values()) {
      if (hook.topic !== topic) continue;
      this.enqueue(async () => {
        if (hook.status !== 'active') return;
        const body = phpJson(payload).trim();
        const headers = {
          'Content-Type': 'application/json',
          'User-Agent': USER_AGENT,
          'X-WC-Webhook-Source': this.source(),
          'X-WC-Webhook-Topic': topic,
          'X-WC-Webhook-Resource': resource,
          'X-WC-Webhook-Event': event,
          'X-WC-Webhook-Signature': sign(body, this.secret()),
          'X-WC-Webhook-ID': String(hook.id),
          'X-WC-Webhook-Delivery-ID': deliveryId(hook.id),
        };
        const status = await post(hook.deliveryUrl, headers, body);
        this.log.push({
          webhookId: hook.id,
          topic,
          deliveryId: headers['X-WC-Webhook-Delivery-ID'],
          headers,
          body,
          status,
        });
        this.count(hook, status);
      });
    }
  }

  /** Sends the last delivery again, byte for byte (same delivery id), as a receiver's retry test needs. */
  async resendLast(): Promise<number | null> {
    const last = this.log.at(-1);
    if (!last) throw new Error('No webhook has been delivered yet.');
    const hook = this.hooks.get(last.webhookId)!;
    return this.enqueue(async () => {
      const status = await post(hook.deliveryUrl, last.headers, last.body);
      this.log.push({ ...last, status });
      this.count(hook, status);
      return status;
    });
  }

  /** Delivers `payload` as `topic` to the webhook, signed with another secret. */
  async sendWithBadSignature(webhookId: number, payload: unknown): Promise<number | null> {
    const hook = this.hooks.get(webhookId);
    if (!hook) throw new Error(`No webhook ${webhookId}.`);
    const [resource = '', event = ''] = hook.topic.split('.');
    const body = phpJson(payload).trim();
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': USER_AGENT,
      'X-WC-Webhook-Source': this.source(),
      'X-WC-Webhook-Topic': hook.topic,
      'X-WC-Webhook-Resource': resource,
      'X-WC-Webhook-Event': event,
      'X-WC-Webhook-Signature': sign(body, `not-${this.secret()}`),
      'X-WC-Webhook-ID': String(hook.id),
      'X-WC-Webhook-Delivery-ID': deliveryId(hook.id),
    };
    return this.enqueue(async () => {
      const status = await post(hook.deliveryUrl, headers, body);
      this.log.push({
        webhookId: hook.id,
        topic: hook.topic,
        deliveryId: headers['X-WC-Webhook-Delivery-ID'],
        headers,
        body,
        status,
      });
      this.count(hook, status);
      return status;
    });
  }

  /** Resolves when every queued delivery has been answered. */
  async settled(): Promise<void> {
    let current: Promise<unknown>;
    do {
      current = this.queue;
      await current;
    } while (current !== this.queue);
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private count(hook: Hook, status: number | null): void {
    if (status !== null && status >= 200 && status < 303) {
      hook.failureCount = 0;
    } else if (hook.failureCount > MAX_DELIVERY_FAILURES) {
      hook.status = 'disabled';
    } else {
      hook.failureCount += 1;
    }
  }
}

export function sign(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

function deliveryId(webhookId: number): string {
  return createHmac('md5', 'sandbox-wp-salt')
    .update(`${webhookId}${Math.floor(Date.now() / 1000)}`)
    .digest('hex');
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<number | null> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(60_000),
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.status;
  } catch {
    return null;
  }
}
