import { Logger } from '@nestjs/common';
import pg from 'pg';

/** The PostgreSQL notification channel on which enqueuers tell workers that a queue has work. */
export const JOB_NOTIFY_CHANNEL = 'souk_jobs';

const RECONNECT_DELAY_MS = 2_000;

/**
 * Wakes a queue's fetch loops when a job is enqueued anywhere: `JobQueue.send` notifies on
 * `souk_jobs` in the enqueuing transaction, so the notice arrives when the job is committed and
 * visible. A loop that finds nothing waits here for a notice or its polling interval, whichever
 * comes first; polling stays as the safety net for delayed jobs, retries and lost connections.
 */
export class JobWakeups {
  private readonly logger = new Logger(JobWakeups.name);
  /** Bumped by every notice, so a loop that was busy when one came does not sleep through it. */
  private readonly generations = new Map<string, number>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private client: pg.Client | null = null;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(private readonly databaseUrl: string) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect().catch((error: unknown) => {
      this.logger.warn({ err: error }, 'job notifications unavailable; polling until they are back');
      this.scheduleReconnect();
    });
  }

  generation(queue: string): number {
    return this.generations.get(queue) ?? 0;
  }

  /** Resolves on a notice for the queue newer than `seen`, after `timeoutMs`, or when woken for shutdown. */
  wait(queue: string, seen: number, timeoutMs: number): Promise<void> {
    if (this.stopped || this.generation(queue) !== seen) return Promise.resolve();
    return new Promise((resolve) => {
      const waiters = this.waiters.get(queue) ?? new Set<() => void>();
      this.waiters.set(queue, waiters);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      waiters.add(done);
    });
  }

  wake(queue: string): void {
    this.generations.set(queue, this.generation(queue) + 1);
    for (const done of [...(this.waiters.get(queue) ?? [])]) done();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const queue of this.waiters.keys()) this.wake(queue);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: 'souk-job-wakeups' });
    client.on('notification', (message) => {
      if (message.channel === JOB_NOTIFY_CHANNEL && message.payload) this.wake(message.payload);
    });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      if (error) this.logger.warn({ err: error }, 'lost the job notification connection; polling until it is back');
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    await client.connect();
    await client.query(`LISTEN ${JOB_NOTIFY_CHANNEL}`);
    if (this.stopped) {
      await client.end();
      return;
    }
    this.client = client;
    // Work enqueued while no connection listened is found by polling; wake every loop once now.
    for (const queue of this.generations.keys()) this.wake(queue);
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect().catch(() => this.scheduleReconnect());
    }, RECONNECT_DELAY_MS);
  }
}
