import { QueryFailedError } from 'typeorm';

/** PostgreSQL SQLSTATE codes the services translate into answers a caller can act on. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
/** The server broke a cycle of lock waits by failing this statement; it can be tried again. */
export const PG_DEADLOCK_DETECTED = '40P01';

/** The SQLSTATE of a failed statement, through TypeORM's wrapper or straight from pg. */
export function sqlStateOf(error: unknown): string | undefined {
  const driverError = error instanceof QueryFailedError ? error.driverError : error;
  const code = (driverError as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The constraint a statement broke with the given SQLSTATE, or undefined when it failed otherwise. */
export function violatedConstraint(error: unknown, sqlState: string): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === sqlState ? (driverError.constraint ?? '') : undefined;
}
