import type { Logger } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import type { Job, JobHandlerRegistration } from './job.js';
import type { JobCompletions } from './job-completions.js';
import type { JobWakeups } from './job-wakeups.js';
import { runAsJob } from '../work/work-context.js';

/** How long a loop that found no work waits for a notice before it looks again anyway. */
export const JOB_POLLING_INTERVAL_MS = 2_000;

/**
 * One fetch loop of a queue: keeps up to `batchSize` jobs in hand, claiming as many as there are free
 * slots (pg-boss, `FOR UPDATE SKIP LOCKED`, so each job goes to one worker across all processes),
 * runs each job on its own, fails it on its own or completes it together with the queue's other finished
 * jobs (`JobCompletions`), and claims again as soon as a slot frees while there may be more; otherwise it
 * waits for a notice.
 */
export class JobFetchLoop {
  private stopping = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly boss: PgBoss,
    private readonly wakeups: JobWakeups,
    private readonly handler: JobHandlerRegistration<never>,
    private readonly completions: JobCompletions,
    private readonly batchSize: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.running ??= this.run();
  }

  /** Stops fetching; resolves when the jobs in hand are settled. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeups.wake(this.handler.queue);
    await this.running;
  }

  private async run(): Promise<void> {
    const { queue } = this.handler;
    const inHand = new Set<Promise<void>>();
    while (!this.stopping) {
      const seen = this.wakeups.generation(queue);
      const free = this.batchSize - inHand.size;
      const jobs = await this.fetch(free);
      for (const job of jobs) {
        const settled: Promise<void> = this.settle(job).finally(() => inHand.delete(settled));
        inHand.add(settled);
      }
      if (this.stopping) break;
      // Each finished job frees its slot for the next at once: one slow job never holds back the rest of a batch.
      if (inHand.size >= this.batchSize) await Promise.race(inHand);
      // All that was asked for came: more may be waiting. Fewer: sleep until a notice or the poll.
      else if (jobs.length < free) await this.wakeups.wait(queue, seen, JOB_POLLING_INTERVAL_MS);
    }
    await Promise.all(inHand);
  }

  private async fetch(batchSize: number): Promise<Job<never>[]> {
    try {
      const jobs = (await this.boss.fetch<never>(this.handler.queue, { batchSize, includeMetadata: true })) ?? [];
      return jobs.map((job) => ({ id: job.id, name: job.name, data: job.data, retryCount: job.retryCount }));
    } catch (error) {
      this.logger.error({ err: error, queue: this.handler.queue }, 'could not fetch jobs');
      return [];
    }
  }

  /** Runs one job. If completing or failing it cannot be recorded, the job expires and runs again. */
  private async settle(job: Job<never>): Promise<void> {
    const { queue } = this.handler;
    try {
      await runAsJob(() => this.handler.handle(job));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.boss
        .fail(queue, job.id, { message })
        .catch((failure: unknown) =>
          this.logger.error({ err: failure, queue, jobId: job.id }, 'could not record a failed job'),
        );
      return;
    }
    await this.completions
      .complete(job.id)
      .catch((failure: unknown) =>
        this.logger.error({ err: failure, queue, jobId: job.id }, 'could not record a completed job'),
      );
  }
}
