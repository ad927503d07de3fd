import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { JobQueue, loadConfig, type Job } from '#platform';
import { migrate } from '../src/database/database-runtime.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';

const QUEUE = 'test.jobs';

async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(50);
  }
}

describe('the job queue', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let sql: pg.Client;
  const queues: JobQueue[] = [];

  /** A worker process's queue: what `JobsModule` builds, with one handler registered. */
  async function startQueue(handle: (job: Job<{ n: number }>) => Promise<void>, concurrency = 4): Promise<JobQueue> {
    const config = loadConfig({
      DATABASE_URL: database.url,
      SOUK_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SOUK_ROLES: 'worker,scheduler',
      SOUK_SHUTDOWN_TIMEOUT_MS: '5000',
    });
    const queue = new JobQueue(config, database.url, dataSource);
    queue.register<{ n: number }>({
      queue: QUEUE,
      settings: { retryLimit: 2, retryDelay: 1, expireInSeconds: 60 },
      concurrency,
      handle,
    });
    await queue.onApplicationBootstrap();
    queues.push(queue);
    return queue;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await migrate(database.url);
    dataSource = new DataSource({ type: 'postgres', url: database.url });
    await dataSource.initialize();
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.beforeApplicationShutdown()));
    await sql.query(`DELETE FROM pgboss.job WHERE name = $1`, [QUEUE]);
  });
  afterAll(async () => {
    await sql.end();
    await dataSource.destroy();
    await database.drop();
  });

  /** A connection listening for the workers' notices, and the payloads it has received. */
  async function listenForJobNotices(): Promise<{ listener: pg.Client; notices: string[] }> {
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    const notices: string[] = [];
    listener.on('notification', (message) => notices.push(message.payload ?? ''));
    await listener.query('LISTEN souk_jobs');
    return { listener, notices };
  }

  /** A query runner in a transaction, and how many statements some work sends on its connection. */
  async function transactionCountingStatements() {
    const runner = dataSource.createQueryRunner();
    const client = (await runner.connect()) as { query: (...args: unknown[]) => unknown };
    await runner.startTransaction();
    const statementsOf = async (work: () => Promise<unknown>): Promise<number> => {
      const query = client.query.bind(client);
      let statements = 0;
      client.query = (...args: unknown[]) => {
        statements += 1;
        return query(...args);
      };
      try {
        await work();
      } finally {
        client.query = query;
      }
      return statements;
    };
    return { runner, statementsOf };
  }

  const completed = async () =>
    (await sql.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'completed'`, [QUEUE]))
      .rows[0].n as number;

  it('runs a job sent inside a transaction only once the transaction commits', async () => {
    let committed = false;
    const runs: { n: number; committed: boolean }[] = [];
    const queue = await startQueue(async (job) => void runs.push({ n: job.data.n, committed }));
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await queue.send(QUEUE, { n: 1 }, { manager: runner.manager });
    // A job sent after it, outside the transaction: once the worker has run this one, it has fetched
    // jobs while job 1 was still uncommitted, and passed it over.
    await queue.send(QUEUE, { n: 2 });
    await eventually(() => runs.length === 1, 'the job sent outside the transaction');
    committed = true;
    await runner.commitTransaction();
    await runner.release();
    await eventually(() => runs.length === 2, 'the committed job');
    expect(runs).toEqual([
      { n: 2, committed: false },
      { n: 1, committed: true },
    ]);
  });

  it("announces a job sent in a transaction at the commit, from its insert's own statement", async () => {
    const queue = await startQueue(async () => undefined);
    const { listener, notices } = await listenForJobNotices();
    const { runner, statementsOf } = await transactionCountingStatements();
    expect(await statementsOf(() => queue.send(QUEUE, { n: 1 }, { manager: runner.manager }))).toBe(1);
    await sleep(200);
    expect(notices).toEqual([]);
    await runner.commitTransaction();
    await runner.release();
    await eventually(() => notices.length === 1, 'the notice of the committed job');
    expect(notices).toEqual([QUEUE]);
    await listener.end();
  });

  it('sends several jobs of a transaction in one statement, announced at the commit, and runs each once', async () => {
    const handled: number[] = [];
    const queue = await startQueue(async (job) => void handled.push(job.data.n));
    const { listener, notices } = await listenForJobNotices();
    const { runner, statementsOf } = await transactionCountingStatements();
    expect(
      await statementsOf(() => queue.sendMany(QUEUE, [{ n: 1 }, { n: 2 }, { n: 3 }], { manager: runner.manager })),
    ).toBe(1);
    await sleep(200);
    expect(notices).toEqual([]);
    expect(handled).toEqual([]);
    await runner.commitTransaction();
    await runner.release();
    // Identical notices of one transaction arrive as one.
    await eventually(() => notices.length === 1, 'the notice of the committed jobs');
    await eventually(() => handled.length === 3, 'the three jobs');
    expect(notices).toEqual([QUEUE]);
    expect(handled.sort()).toEqual([1, 2, 3]);
    await listener.end();
  });

  it('keeps running jobs in the slots that jobs still in hand leave free', async () => {
    let release!: () => void;
    const gate = new Promise<void>((open) => (release = open));
    let slowInHand = 0;
    const fast: number[] = [];
    // Concurrency 8: four fetch loops of two slots each.
    const queue = await startQueue(async (job) => {
      if (job.data.n < 0) {
        slowInHand += 1;
        await gate;
      } else fast.push(job.data.n);
    }, 8);
    // One at a time, so each is claimed alone: a loop that waited for its whole batch would now be stuck.
    for (let n = 1; n <= 4; n += 1) {
      await queue.send(QUEUE, { n: -n });
      await eventually(() => slowInHand === n, `slow job ${n} in hand`);
    }
    for (let n = 1; n <= 12; n += 1) await queue.send(QUEUE, { n });
    await eventually(() => fast.length === 12, 'the quick jobs, beside the slow ones');
    expect(slowInHand).toBe(4);
    release();
    await eventually(async () => (await completed()) === 16, 'every job completed');
  });

  it('records the completion of jobs that finish together in one statement, not one each', async () => {
    let release!: () => void;
    const gate = new Promise<void>((open) => (release = open));
    let inHand = 0;
    const queue = await startQueue(async () => {
      inHand += 1;
      await gate;
    }, 8);
    for (let n = 1; n <= 8; n += 1) await queue.send(QUEUE, { n });
    await eventually(() => inHand === 8, 'eight jobs in hand');
    release();
    await eventually(async () => (await completed()) === 8, 'every job completed');
    // now() is the time of the statement's transaction: one value per statement that completed jobs.
    const { rows } = await sql.query(
      `SELECT count(DISTINCT completed_on)::int AS writes FROM pgboss.job WHERE name = $1 AND state = 'completed'`,
      [QUEUE],
    );
    // The first to finish is written at once; the seven that finish while it is written go together after it.
    expect(rows[0].writes).toBeLessThanOrEqual(2);
  });

  it('never runs a job whose transaction rolled back', async () => {
    const handled: number[] = [];
    const queue = await startQueue(async (job) => void handled.push(job.data.n));
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await queue.send(QUEUE, { n: 1 }, { manager: runner.manager });
    await runner.rollbackTransaction();
    await runner.release();
    await queue.send(QUEUE, { n: 2 });
    await eventually(async () => (await completed()) === 1, 'the job sent after the rollback');
    expect(handled).toEqual([2]);
    expect((await sql.query(`SELECT data->>'n' AS n FROM pgboss.job WHERE name = $1`, [QUEUE])).rows).toEqual([
      { n: '2' },
    ]);
  });

  it('settles each job of a batch on its own: a failing job is retried, the others complete once', async () => {
    const tries = new Map<number, number>();
    const queue = await startQueue(async (job) => {
      tries.set(job.data.n, (tries.get(job.data.n) ?? 0) + 1);
      if (job.data.n === 3 && job.retryCount === 0) throw new Error('first try of job 3 fails');
    }, 8);
    for (let n = 1; n <= 6; n += 1) await queue.send(QUEUE, { n });
    await eventually(async () => (await completed()) === 6, 'six completed jobs');
    expect(Object.fromEntries(tries)).toEqual({ 1: 1, 2: 1, 3: 2, 4: 1, 5: 1, 6: 1 });
    const failedFirst = (
      await sql.query(`SELECT retry_count FROM pgboss.job WHERE name = $1 AND data->>'n' = '3'`, [QUEUE])
    ).rows[0];
    expect(failedFirst.retry_count).toBe(1);
  });

  it('gives each job to one worker when two worker processes share the queue', async () => {
    const seen: { worker: string; n: number }[] = [];
    await startQueue(async (job) => void seen.push({ worker: 'a', n: job.data.n }), 8);
    const b = await startQueue(async (job) => void seen.push({ worker: 'b', n: job.data.n }), 8);
    for (let n = 1; n <= 200; n += 1) await b.send(QUEUE, { n });
    // A completed job is never claimed again, so once all 200 are completed every run has happened.
    await eventually(async () => (await completed()) === 200, '200 completed jobs');
    expect(seen).toHaveLength(200);
    expect(new Set(seen.map((entry) => entry.n)).size).toBe(200);
    expect(new Set(seen.map((entry) => entry.worker))).toEqual(new Set(['a', 'b']));
  });

  it('applies the settings in the code to a queue that already exists', async () => {
    await sql
      .query(`SELECT pgboss.create_queue($1, $2::json)`, [
        QUEUE,
        JSON.stringify({ policy: 'standard', retryLimit: 9, retryDelay: 99, retryBackoff: true, expireInSeconds: 999 }),
      ])
      .catch(() => undefined);
    await startQueue(async () => undefined);
    const row = (
      await sql.query(
        `SELECT retry_limit, retry_delay, retry_backoff, expire_seconds FROM pgboss.queue WHERE name = $1`,
        [QUEUE],
      )
    ).rows[0];
    expect(row).toEqual({ retry_limit: 2, retry_delay: 1, retry_backoff: false, expire_seconds: 60 });
  });
});
