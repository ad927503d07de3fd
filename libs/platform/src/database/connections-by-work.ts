import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { currentWork, type WorkKind } from '../work/work-context.js';
import { DatabaseBusyError, isConnectionTimeout } from './database-busy.error.js';

type Release = (error?: Error) => void;
export type PooledClient = { query: (...args: unknown[]) => unknown };
type Pool = { connect(callback: (error: Error | undefined, client: PooledClient, release: Release) => void): void };
type PoolingDriver = {
  options: { poolSize?: number; extra?: Record<string, unknown> };
  createPool(options: object, credentials: object): Promise<Pool & { end(): Promise<void> }>;
  obtainMasterConnection(): Promise<[PooledClient, Release]>;
};

const JOB_CONNECTION_WAIT_MS = 10_000;

/** What is told about each connection taken: how long the work waited, and the client it got. */
export interface ConnectionWatch {
  taken(work: WorkKind, waitedSeconds: number, client: PooledClient): void;
}

export interface ConnectionsByWorkOptions {
  /** Job work (see work-context.ts) gets a pool of this many connections; requests keep the data source's. */
  readonly jobPoolSize?: number;
  readonly watch: ConnectionWatch;
}

/**
 * Where work takes its database connections. TypeORM takes every connection through the driver's
 * obtainMasterConnection, so that one method is replaced, once, after the data source is initialized:
 *   - with `jobPoolSize`, job work takes connections from a pool of its own (the data source's settings, its own size,
 *     application name `souk-job-work`), and the data source's pool serves requests alone: a burst of routing or
 *     webhook jobs waits for its own connections, never for a checkout's;
 *   - every wait is timed and every client shown to `watch` (metrics);
 *   - a wait that outlasts the pool's connection timeout becomes a DatabaseBusyError (a request answers 503).
 * Resolves to closing the job pool.
 */
export async function takeConnectionsByWork(
  dataSource: DataSource,
  options: ConnectionsByWorkOptions,
): Promise<() => Promise<void>> {
  const driver = dataSource.driver as unknown as PoolingDriver;
  const waitBoundMs = Number(driver.options.extra?.connectionTimeoutMillis ?? 0);
  const forRequests = driver.obtainMasterConnection.bind(driver);
  const jobs =
    options.jobPoolSize === undefined
      ? undefined
      : await driver.createPool(
          {
            ...driver.options,
            poolSize: options.jobPoolSize,
            // Nobody waits on a job's answer, so it may wait longer for a connection than a request.
            extra: {
              ...driver.options.extra,
              application_name: 'souk-job-work',
              connectionTimeoutMillis: Math.max(waitBoundMs, JOB_CONNECTION_WAIT_MS),
            },
          },
          driver.options,
        );
  const forJobs = (): Promise<[PooledClient, Release]> =>
    new Promise((ok, fail) => jobs!.connect((error, client, release) => (error ? fail(error) : ok([client, release]))));
  driver.obtainMasterConnection = async () => {
    const work = currentWork();
    const started = performance.now();
    try {
      const obtained = await (work === 'job' && jobs ? forJobs() : forRequests());
      options.watch.taken(work, (performance.now() - started) / 1000, obtained[0]);
      return obtained;
    } catch (error) {
      if (!isConnectionTimeout(error)) throw error;
      const boundMs = work === 'job' && jobs ? Math.max(waitBoundMs, JOB_CONNECTION_WAIT_MS) : waitBoundMs;
      throw new DatabaseBusyError(boundMs, { cause: error });
    }
  };
  return async () => {
    driver.obtainMasterConnection = forRequests;
    await jobs?.end();
  };
}
