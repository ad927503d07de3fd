import { performance } from 'node:perf_hooks';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { currentWork } from './work-context.js';

/** Upper bounds, in seconds, of the waits for a pooled connection: from no wait to the connect timeout. */
const WAIT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Release = (error?: Error) => void;
type PooledClient = { query: (...args: unknown[]) => unknown; soukCounted?: true };
type InstrumentedDriver = {
  obtainMasterConnection(): Promise<[PooledClient, Release]>;
};

/**
 * Measures the application's connection pool: how long work waits for a connection, and how many statements each kind
 * of work (request or job, see work-context.ts) sends. TypeORM has no hook for either, so the driver's connection
 * acquisition and each pooled client's query method are wrapped once, after the data source is initialized.
 */
export function instrumentDatabase(dataSource: DataSource, registry: Registry): void {
  const waits = new Histogram({
    name: 'souk_db_pool_wait_seconds',
    help: 'Time work waited for a connection of the application pool.',
    labelNames: ['work'],
    buckets: WAIT_BUCKETS,
    registers: [registry],
  });
  const statements = new Counter({
    name: 'souk_db_statements_total',
    help: 'SQL statements sent through the application pool (transaction control included).',
    labelNames: ['work'],
    registers: [registry],
  });
  const driver = dataSource.driver as unknown as InstrumentedDriver;
  const obtain = driver.obtainMasterConnection.bind(driver);
  driver.obtainMasterConnection = async () => {
    const started = performance.now();
    const obtained = await obtain();
    waits.observe({ work: currentWork() }, (performance.now() - started) / 1000);
    count(obtained[0], statements);
    return obtained;
  };
}

function count(client: PooledClient, statements: Counter<'work'>): void {
  if (client.soukCounted) return;
  client.soukCounted = true;
  const query = client.query.bind(client);
  client.query = (...args: unknown[]) => {
    statements.inc({ work: currentWork() });
    return query(...args);
  };
}
