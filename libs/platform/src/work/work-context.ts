import { AsyncLocalStorage } from 'node:async_hooks';

/** What a piece of work serves: a request someone waits on, or a job from the queue. */
export type WorkKind = 'request' | 'job';

const storage = new AsyncLocalStorage<WorkKind>();

/** Runs `work` as job work: what it asks of the database is counted as the job's, not a request's. */
export function runAsJob<T>(work: () => Promise<T>): Promise<T> {
  return storage.run('job', work);
}

/** The kind of the work running now; anything outside a job is request work. */
export function currentWork(): WorkKind {
  return storage.getStore() ?? 'request';
}

/**
 * Stops tracking work until the next job starts. Each storage that ever ran stays on every async operation's path
 * while it is enabled, so an application that stops (a test starts many, each loading this module anew) disables it.
 */
export function stopWorkContext(): void {
  storage.disable();
}
