import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import PgBoss from 'pg-boss';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { withAdvisoryLock } from '../database/advisory-lock.js';
import { PG_DEADLOCK_DETECTED, sqlStateOf } from '../database/database-errors.js';
import { JobCompletions } from './job-completions.js';
import { JobFetchLoop } from './job-fetch-loop.js';
import { JOB_NOTIFY_CHANNEL, JobWakeups } from './job-wakeups.js';
import type { JobHandlerRegistration } from './job.js';
import { DATABASE_URL } from './jobs.tokens.js';

/** Fetch loops per queue and process; a handler's concurrency is split into batches across them. */
const FETCH_LOOPS = 4;
/**
 * Creating a queue attaches a partition to pg-boss's job table, which can deadlock with another
 * process reading that table as it starts; PostgreSQL then fails one side, which tries again.
 */
const QUEUE_SETUP_RETRY = retry(
  handleWhen((error) => sqlStateOf(error) === PG_DEADLOCK_DETECTED),
  { maxAttempts: 4, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1000 }) },
);

/**
 * How often the scheduler role expires jobs that ran past their `expireInSeconds` (their worker
 * died, or hangs), so another worker takes them over soon after.
 */
const MAINTENANCE_INTERVAL_SECONDS = 15;

/** The PostgreSQL schema that holds the job tables; created by a TypeORM migration, never at start. */
export const JOB_SCHEMA = 'pgboss';

type Sql = { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

/**
 * Durable jobs on PostgreSQL (pg-boss): any process can enqueue, and every worker-role process
 * claims jobs with SKIP LOCKED, so each job runs once whatever the number of instances. Workers
 * are woken by a notification sent with the enqueuing transaction and poll as a safety net. Only
 * the scheduler role runs pg-boss's maintenance and cron, so timed work fires once.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly handlers: JobHandlerRegistration<never>[] = [];
  private readonly schedules: { queue: string; cron: string }[] = [];
  private readonly loops: JobFetchLoop[] = [];
  private readonly boss: PgBoss;
  private readonly wakeups: JobWakeups;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) databaseUrl: string,
    private readonly dataSource: DataSource,
  ) {
    const scheduler = config.roles.has('scheduler');
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema: JOB_SCHEMA,
      application_name: 'souk-jobs',
      max: 4,
      migrate: false,
      supervise: scheduler,
      schedule: scheduler,
      maintenanceIntervalSeconds: MAINTENANCE_INTERVAL_SECONDS,
    });
    this.boss.on('error', (error: Error) => this.logger.error({ err: error }, 'job queue error'));
    this.wakeups = new JobWakeups(databaseUrl);
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
   * occurrence that falls while no scheduler runs (a deploy) is skipped.
   */
  schedule(queue: string, cron: string): void {
    this.schedules.push({ queue, cron });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.start();
    // Creating a queue creates its table; processes starting together would deadlock doing it at once.
    await withAdvisoryLock(this.dataSource, 'souk.job-queues', async () => {
      for (const { queue, settings } of this.handlers) {
        // Every setting is spelled out: an update leaves a setting that is not given as it was.
        const options = {
          name: queue,
          policy: 'standard' as const,
          retryLimit: settings.retryLimit,
          retryDelay: settings.retryDelay ?? 0,
          retryBackoff: settings.retryBackoff ?? false,
          expireInSeconds: settings.expireInSeconds,
        };
        // The code says how a queue retries and expires: an existing queue takes the current settings.
        await QUEUE_SETUP_RETRY.execute(async () => {
          if (await this.boss.getQueue(queue)) await this.boss.updateQueue(queue, options);
          else await this.boss.createQueue(queue, options);
        });
      }
    });
    if (this.config.roles.has('scheduler')) {
      for (const { queue, cron } of this.schedules) await this.boss.schedule(queue, cron, {}, { tz: 'UTC' });
    }
    if (!this.config.roles.has('worker')) return;
    await this.wakeups.start();
    for (const handler of this.handlers) {
      const concurrency = handler.concurrency ?? 4;
      const loops = Math.min(concurrency, FETCH_LOOPS);
      const batchSize = Math.ceil(concurrency / loops);
      const completions = new JobCompletions(this.boss, handler.queue);
      for (let i = 0; i < loops; i += 1) {
        const loop = new JobFetchLoop(this.boss, this.wakeups, handler, completions, batchSize, this.logger);
        this.loops.push(loop);
        loop.start();
      }
    }
  }

  /**
   * Enqueues a job. Given the manager of a running transaction, the job is written in that
   * transaction, so it exists exactly when the change that asked for it commits; the workers'
   * notice is sent in the same transaction, so it arrives at the commit.
   */
  async send(
    queue: string,
    data: object,
    options: { manager?: EntityManager; singletonKey?: string; startAfter?: Date } = {},
  ): Promise<string | null> {
    const notice = !(options.startAfter && options.startAfter.getTime() > Date.now());
    const db: Sql = options.manager
      ? await transactionDb(options.manager, notice ? queue : null)
      : (this.boss.getDb() as Sql);
    const id = await this.boss.send(queue, data, {
      db,
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    });
    if (id && notice && !options.manager) {
      await db.executeSql('SELECT pg_notify($1, $2)', [JOB_NOTIFY_CHANNEL, queue]);
    }
    return id;
  }

  /**
   * Enqueues several jobs of one queue in the running transaction of `manager`, in one statement (one notice for the
   * queue's workers, at the commit): a checkout's routing jobs cost one round trip, not one each.
   */
  async sendMany(queue: string, data: readonly object[], options: { manager: EntityManager }): Promise<void> {
    if (data.length === 0) return;
    const db = await transactionDb(options.manager, queue);
    await this.boss.insert(
      data.map((item) => ({ name: queue, data: item })),
      { db },
    );
  }

  /** Stops claiming jobs and waits for the ones in hand, before the database connections close. */
  async beforeApplicationShutdown(): Promise<void> {
    const timeoutMs = Math.max(1000, this.config.shutdownTimeoutMs - 1000);
    const drained = Promise.all(this.loops.map((loop) => loop.stop()));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([drained, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    await this.wakeups.stop();
    await this.boss.stop({ graceful: true, timeout: timeoutMs });
  }
}

/**
 * pg-boss's statements on the transaction's connection. With `noticeFor`, the job's insert also sends the workers'
 * notice for that queue, in the same statement: a notice for each job inserted, none when the insert added no job (a
 * singleton already queued). A checkout that queues jobs saves a round trip.
 */
async function transactionDb(manager: EntityManager, noticeFor: string | null): Promise<Sql> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('JobQueue.send with a manager needs a running transaction');
  const client = (await runner.connect()) as { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      const inserts = noticeFor === null ? null : jobInsertReturningIds(text);
      if (inserts === null) return { rows: (await client.query(text, values)).rows };
      const channel = `$${values.length + 1}`;
      const queue = `$${values.length + 2}`;
      const { rows } = await client.query(
        `WITH inserted AS (${inserts}) SELECT inserted.*, pg_notify(${channel}, ${queue}) FROM inserted`,
        [...values, JOB_NOTIFY_CHANNEL, noticeFor],
      );
      return { rows };
    },
  };
}

/** pg-boss's insert of one or several jobs, made to return the ids it added; null for any other statement. */
function jobInsertReturningIds(text: string): string | null {
  if (JOB_INSERT.test(text)) return text;
  if (JOBS_INSERT.test(text)) return `${text} RETURNING id`;
  return null;
}

/** pg-boss's insert of one job (its `insertJob` plan): `INSERT INTO <schema>.job ... RETURNING id`. */
const JOB_INSERT = new RegExp(`^\\s*INSERT INTO ${JOB_SCHEMA}\\.job\\b[\\s\\S]*RETURNING id\\s*$`);
/**
 * pg-boss's insert of several jobs (its `insertJobs` plan, `insert()`): `WITH defaults AS (...) INSERT INTO
 * <schema>.job ... ON CONFLICT DO NOTHING`, without RETURNING; given one, it can announce the rows it added.
 */
const JOBS_INSERT = new RegExp(
  `^\\s*WITH defaults as \\([\\s\\S]*\\)\\s*INSERT INTO ${JOB_SCHEMA}\\.job\\b[\\s\\S]*ON CONFLICT DO NOTHING\\s*$`,
);
