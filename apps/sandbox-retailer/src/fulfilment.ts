import { createSoukClient, type SoukClient } from '#client';

export interface FulfilmentOptions {
  /** Where Souk is reached, such as http://127.0.0.1:3000. */
  readonly soukUrl: string;
  /** A retailer key of the retailer this sandbox plays, for Souk's retailer API. */
  readonly retailerKey: string;
  /** The wait from taking an order to accepting it. */
  readonly acceptAfterMs: number;
  /** The wait from accepting an order to shipping it. */
  readonly shipAfterMs: number;
  /** The wait before a step is tried again (Souk unreachable, or it has not recorded the order as submitted yet). */
  readonly retryMs?: number;
  /** Steps in a row that may fail before the sandbox gives up on an order. */
  readonly maxTries?: number;
  readonly log?: (line: string) => void;
}

interface Job {
  readonly retailerOrderId: string;
  readonly reference: string;
  failures: number;
  timer?: NodeJS.Timeout;
}

type Outcome = 'moved' | 'done' | 'again';

/**
 * Accepts, then ships, every order the sandbox takes, on a timer, through Souk's retailer API as a
 * retailer's own system would. Each step reads the order first and makes the one move its status
 * allows: it accepts only once Souk shows it submitted (so the reference is recorded), ships only
 * what is accepted, and stops when the order was cancelled or moved on by hand.
 */
export class SandboxFulfilment {
  private readonly client: SoukClient;
  private readonly jobs = new Map<string, Job>();
  private readonly aborts = new AbortController();
  private readonly retryMs: number;
  private readonly maxTries: number;
  private resumeTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: FulfilmentOptions) {
    for (const [name, value] of Object.entries({ ...options, retryMs: options.retryMs ?? 0 }))
      if (name.endsWith('Ms') && !(Number.isSafeInteger(value) && (value as number) >= 0))
        throw new TypeError(`${name} must be a whole number of milliseconds, not ${String(value)}.`);
    this.client = createSoukClient({ baseUrl: options.soukUrl, apiKey: options.retailerKey });
    this.retryMs = options.retryMs ?? 1000;
    this.maxTries = options.maxTries ?? 60;
  }

  take(retailerOrderId: string, reference: string, afterMs = this.options.acceptAfterMs): void {
    if (this.jobs.has(retailerOrderId) || this.aborts.signal.aborted) return;
    const job: Job = { retailerOrderId, reference, failures: 0 };
    this.jobs.set(retailerOrderId, job);
    this.schedule(job, afterMs);
  }

  /**
   * Takes up the orders Souk shows submitted or accepted, such as those an earlier run of the sandbox
   * left (it remembers nothing). Tried again until Souk answers, as it may not be listening yet.
   */
  resume(): void {
    this.resumeAfter(0, 0);
  }

  /** The order was cancelled: nothing more is done with it. */
  drop(retailerOrderId: string): void {
    const job = this.jobs.get(retailerOrderId);
    clearTimeout(job?.timer);
    this.jobs.delete(retailerOrderId);
  }

  close(): void {
    this.aborts.abort();
    clearTimeout(this.resumeTimer);
    for (const id of [...this.jobs.keys()]) this.drop(id);
  }

  private resumeAfter(ms: number, failures: number): void {
    this.resumeTimer = setTimeout(
      () =>
        void this.takeOpenOrders().catch(() => {
          if (this.aborts.signal.aborted) return;
          if (failures + 1 < this.maxTries) return this.resumeAfter(this.retryMs, failures + 1);
          this.options.log?.('could not list the open orders to take them up.');
        }),
      ms,
    );
  }

  private async takeOpenOrders(): Promise<void> {
    for (const status of ['submitted', 'accepted'] as const) {
      let cursor: string | undefined;
      do {
        const page = await this.client.GET('/v1/retailer/orders', {
          params: { query: { status, limit: 100, ...(cursor ? { cursor } : {}) } },
          signal: this.aborts.signal,
        });
        if (!page.data) throw new Error(`Souk answered ${page.response.status} to the list of ${status} orders.`);
        for (const order of page.data.items)
          if (order.externalReference) this.take(order.id, order.externalReference, 0);
        cursor = page.data.nextCursor ?? undefined;
      } while (cursor);
    }
  }

  private schedule(job: Job, ms: number): void {
    job.timer = setTimeout(() => void this.run(job), ms);
  }

  private async run(job: Job): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await this.step(job);
    } catch (error) {
      if (this.aborts.signal.aborted) return;
      this.options.log?.(`${job.reference}: ${error instanceof Error ? error.message : String(error)}`);
      outcome = 'again';
    }
    if (this.jobs.get(job.retailerOrderId) !== job) return;
    if (outcome === 'done') return void this.jobs.delete(job.retailerOrderId);
    if (outcome === 'moved') {
      job.failures = 0;
      return this.schedule(job, this.options.shipAfterMs);
    }
    if (++job.failures >= this.maxTries) {
      this.options.log?.(`${job.reference}: gave up after ${job.failures} tries.`);
      return void this.jobs.delete(job.retailerOrderId);
    }
    this.schedule(job, this.retryMs);
  }

  private async step(job: Job): Promise<Outcome> {
    const path = { id: job.retailerOrderId };
    const signal = this.aborts.signal;
    const read = await this.client.GET('/v1/retailer/orders/{id}', { params: { path }, signal });
    if (!read.data) return this.failed(job, 'reading the order', read.response);
    switch (read.data.status) {
      case 'pending':
        return 'again';
      case 'submitted': {
        const accepted = await this.client.POST('/v1/retailer/orders/{id}/accept', {
          params: { path },
          body: {},
          signal,
        });
        return accepted.data ? 'moved' : this.failed(job, 'accepting', accepted.response);
      }
      case 'accepted': {
        const number = `TRK${job.reference.replaceAll('-', '')}`;
        const shipped = await this.client.POST('/v1/retailer/orders/{id}/ship', {
          params: { path },
          body: { carrier: 'Sandbox Post', number, url: `https://track.sandbox-retailer.souk.invalid/${number}` },
          signal,
        });
        return shipped.data ? 'done' : this.failed(job, 'shipping', shipped.response);
      }
      default:
        return 'done';
    }
  }

  private failed(job: Job, what: string, response: Response): Outcome {
    this.options.log?.(`${job.reference}: Souk answered ${response.status} to ${what}; trying again.`);
    return 'again';
  }
}
