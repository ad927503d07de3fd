import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { PgBoss, type Db, type Job, type QueueOptions } from 'pg-boss';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DATABASE_URL } from './jobs.tokens.js';

/** Fetch loops per queue and process; a handler's concurrency is split into batches across them. */
const FETCH_LOOPS = 4;

/** The PostgreSQL schema that holds the job tables; created by a TypeORM migration, never at start. */
export const JOB_SCHEMA = 'pgboss';

export interface JobHandlerRegistration<T> {
  readonly queue: string;
  readonly options: QueueOptions;
  /** Jobs one process works on at the same time. */
  readonly concurrency?: number;
  readonly handle: (job: Job<T>) => Promise<void>;
}

/**
 * Durable jobs on PostgreSQL (pg-boss): any process can enqueue, and every worker-role process
 * claims jobs with SKIP LOCKED, so each job runs once whatever the number of instances. Only the
 * scheduler role runs pg-boss's maintenance and cron, so timed work fires once.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly handlers: JobHandlerRegistration<never>[] = [];
  private readonly schedules: { queue: string; cron: string }[] = [];
  private readonly boss: PgBoss;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) databaseUrl: string,
  ) {
    const scheduler = config.roles.has('scheduler');
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema: JOB_SCHEMA,
      application_name: 'souk-jobs',
      max: 4,
      migrate: false,
      createSchema: false,
      supervise: scheduler,
      schedule: scheduler,
      useListenNotify: true,
    });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
  }

  /** Registers the handler of a queue; called by domain services while the application starts. */
  register<T>(registration: JobHandlerRegistration<T>): void {
    this.handlers.push(registration as unknown as JobHandlerRegistration<never>);
  }

  /**
   * Asks for a job on the queue (registered with `register`) at every time the cron expression
   * (UTC) names; called while the application starts. Only the scheduler role writes the schedule
   * and runs pg-boss's cron: the schedule is one row per queue, rewritten in place by every
   * scheduler that starts, and each occurrence is sent once however many schedulers run. An
   * occurrence missed while no scheduler ran (a deploy) is sent once when one runs again.
   */
  schedule(queue: string, cron: string): void {
    this.schedules.push({ queue, cron });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.start();
    for (const handler of this.handlers) {
      if (!(await this.boss.getQueue(handler.queue))) {
        await this.boss.createQueue(handler.queue, { ...handler.options, notify: true }).catch(async (error: unknown) => {
          // Another instance created it first.
          if (!(await this.boss.getQueue(handler.queue))) throw error;
        });
      }
    }
    if (this.config.roles.has('scheduler')) {
      for (const { queue, cron } of this.schedules) await this.boss.schedule(queue, cron, null, { tz: 'UTC', missed: 'once' });
    }
    if (!this.config.roles.has('worker')) return;
    for (const handler of this.handlers) {
      // A few fetch loops, each taking a batch; while a fetch comes back full the loop fetches again
      // at once, so a backlog drains at the handlers' pace instead of one job per polling interval.
      // Each job succeeds or fails on its own.
      const concurrency = handler.concurrency ?? 4;
      const loops = Math.min(concurrency, FETCH_LOOPS);
      const batchSize = Math.ceil(concurrency / loops);
      await this.boss.work(
        handler.queue,
        { batchSize, localConcurrency: loops, burstWhenBatchFull: batchSize > 1, perJobResults: true, pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 2 },
        async (jobs) => {
          const outcomes = await Promise.allSettled(jobs.map((job) => handler.handle(job as Job<never>)));
          return jobs.map((job, index) => {
            const outcome = outcomes[index] as PromiseSettledResult<void>;
            return outcome.status === 'fulfilled'
              ? { id: job.id, status: 'completed' as const }
              : { id: job.id, status: 'failed' as const, output: { message: outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason) } };
          });
        },
      );
    }
  }

  /**
   * Enqueues a job. Given the manager of a running transaction, the job is written in that
   * transaction, so it exists exactly when the change that asked for it commits.
   */
  async send(queue: string, data: object, options: { manager?: EntityManager; singletonKey?: string; startAfter?: Date } = {}): Promise<string | null> {
    const db = options.manager ? await transactionDb(options.manager) : undefined;
    return this.boss.send(queue, data, {
      ...(db ? { db } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    });
  }

  /** Stops claiming jobs and waits for the ones in hand, before the database connections close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: Math.max(1000, this.config.shutdownTimeoutMs - 1000) });
  }
}

async function transactionDb(manager: EntityManager): Promise<Db> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('JobQueue.send with a manager needs a running transaction');
  const client = (await runner.connect()) as { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };
  return { executeSql: async (text: string, values?: unknown[]) => ({ rows: (await client.query(text, values)).rows }) };
}
