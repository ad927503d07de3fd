import { Counter, Histogram, type Registry } from 'prom-client';
import type { ConnectionWatch, PooledClient } from '../database/connections-by-work.js';
import { currentWork } from '../work/work-context.js';

/** Upper bounds, in seconds, of the waits for a pooled connection: from no wait to the connect timeout. */
const WAIT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Measures the connection pools: how long work waits for a connection, and how many statements each kind of work
 * (request or job, see work-context.ts) sends. Told of each connection taken (connections-by-work.ts), it wraps a
 * pooled client's query method the first time it sees the client.
 */
export function databaseMetrics(registry: Registry): ConnectionWatch {
  const waits = new Histogram({
    name: 'souk_db_pool_wait_seconds',
    help: 'Time work waited for a pooled database connection.',
    labelNames: ['work'],
    buckets: WAIT_BUCKETS,
    registers: [registry],
  });
  const statements = new Counter({
    name: 'souk_db_statements_total',
    help: 'SQL statements sent through the pools (transaction control included).',
    labelNames: ['work'],
    registers: [registry],
  });
  const counted = new WeakSet<PooledClient>();
  return {
    taken(work, waitedSeconds, client) {
      waits.observe({ work }, waitedSeconds);
      if (counted.has(client)) return;
      counted.add(client);
      const query = client.query.bind(client);
      client.query = (...args: unknown[]) => {
        statements.inc({ work: currentWork() });
        return query(...args);
      };
    },
  };
}
