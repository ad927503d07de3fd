import type { DataSource } from 'typeorm';
import { currentWork } from '../metrics/work-context.js';

type Release = (error?: Error) => void;
type Pool = { connect(callback: (error: Error | undefined, client: unknown, release: Release) => void): void };
type PoolingDriver = {
  options: { poolSize?: number; extra?: Record<string, unknown> };
  createPool(options: object, credentials: object): Promise<Pool & { end(): Promise<void> }>;
  obtainMasterConnection(): Promise<[unknown, Release]>;
};

/**
 * Gives job work (see work-context.ts) a connection pool of its own beside the data source's, which then serves
 * requests alone: a burst of routing or webhook jobs waits for its own connections and never for a checkout's. TypeORM
 * takes every connection through the driver's obtainMasterConnection, so that is where work is sent to its pool; the
 * job pool has the data source's settings, its own size and its own application_name. Resolves to closing it.
 */
export async function separateJobPool(dataSource: DataSource, size: number): Promise<() => Promise<void>> {
  const driver = dataSource.driver as unknown as PoolingDriver;
  const jobs = await driver.createPool(
    { ...driver.options, poolSize: size, extra: { ...driver.options.extra, application_name: 'souk-job-work' } },
    driver.options,
  );
  const forRequests = driver.obtainMasterConnection.bind(driver);
  driver.obtainMasterConnection = () =>
    currentWork() === 'job'
      ? new Promise((ok, fail) =>
          jobs.connect((error, client, release) => (error ? fail(error) : ok([client, release]))),
        )
      : forRequests();
  return () => jobs.end();
}
