/**
 * Advisory lock names (taken with the advisory-lock helpers of #platform) that keep offer categories consistent with
 * the rules across processes.
 */

/**
 * Held at session level for a whole remap of one retailer. Remaps of a retailer then run one after
 * another, each reading the rules only once it holds the lock, so the last one uses the newest rules
 * and no older remap overwrites its results.
 */
export function categoryRemapLock(retailerId: string): string {
  return `souk.category-remap:${retailerId}`;
}

/**
 * Held at transaction level (pg_advisory_xact_lock) by every transaction that sets
 * offer.category_id of a retailer: each remap batch, and each sync page, which should take it before
 * reading the rules. A remap batch then sees the offers of every page that committed with older rules.
 */
export function categoryAssignLock(retailerId: string): string {
  return `souk.category-assign:${retailerId}`;
}
