import type { DataSource } from 'typeorm';
import { withAdvisoryLock } from './advisory-lock.js';

const MIGRATION_LOCK = 'souk.migrations';

/**
 * Applies pending migrations. Several processes may start at once against one database: the
 * advisory lock makes the others wait, and they then find nothing left to apply.
 */
export async function runPendingMigrations(dataSource: DataSource): Promise<string[]> {
  return withAdvisoryLock(dataSource, MIGRATION_LOCK, async () => {
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    return applied.map((migration) => migration.name);
  });
}

/** True when every migration the code knows has been applied. */
export async function migrationsApplied(dataSource: DataSource): Promise<boolean> {
  return !(await dataSource.showMigrations());
}
