import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Advisory locks are named by text and taken on the 64-bit `hashtextextended(name, 0)`, the one
 * hashing rule for every lock Souk takes (a 32-bit hash would make unrelated names collide sooner).
 * A name says what it guards and whose (`souk.sync:<config id>`, `checkout:<channel>:<key>`), so
 * two kinds of lock never share one.
 */
const KEY = 'hashtextextended($1, 0)';

/** Holds the lock until the transaction of `manager` ends; waits for it. */
export async function lockForTransaction(manager: EntityManager, name: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(${KEY})`, [name]);
}

/** Takes the session-level lock on `runner`'s connection, waiting for it; release it with `releaseAdvisoryLock`. */
export async function acquireAdvisoryLock(runner: QueryRunner, name: string): Promise<void> {
  await runner.query(`SELECT pg_advisory_lock(${KEY})`, [name]);
}

/** Takes the session-level lock on `runner`'s connection if it is free; says whether it did. */
export async function tryAdvisoryLock(runner: QueryRunner, name: string): Promise<boolean> {
  const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(${KEY}) AS locked`, [name])) as [
    { locked: boolean },
  ];
  return locked;
}

export async function releaseAdvisoryLock(runner: QueryRunner, name: string): Promise<void> {
  await runner.query(`SELECT pg_advisory_unlock(${KEY})`, [name]);
}

/**
 * Runs `work` while holding a session-level advisory lock named `name`, so that only one process at
 * a time (across all instances sharing the database) runs it.
 */
export async function withAdvisoryLock<T>(dataSource: DataSource, name: string, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await acquireAdvisoryLock(runner, name);
    try {
      return await work();
    } finally {
      await releaseAdvisoryLock(runner, name);
    }
  } finally {
    await runner.release();
  }
}
