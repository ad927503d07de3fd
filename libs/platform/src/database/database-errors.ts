import { QueryFailedError } from 'typeorm';

/** PostgreSQL SQLSTATE codes the services translate into answers a caller can act on. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';

/** The constraint a statement broke with the given SQLSTATE, or undefined when it failed otherwise. */
export function violatedConstraint(error: unknown, sqlState: string): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === sqlState ? (driverError.constraint ?? '') : undefined;
}
