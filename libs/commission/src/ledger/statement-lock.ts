import type { EntityManager } from 'typeorm';
import { lockForTransaction } from '#platform';

/**
 * Serializes, per retailer and currency, writing ledger entries with issuing a statement: an entry
 * takes the period that is open when it is written, and an issue never misses an entry that was
 * being written into the period it freezes. Held to the end of the caller's transaction.
 */
export async function lockStatementPeriods(
  manager: EntityManager,
  retailerId: string,
  currency: string,
): Promise<void> {
  await lockForTransaction(manager, `commission-period:${retailerId}:${currency}`);
}
