/**
 * The checkpoint of a read that asks a shop for what changed since a moment (Shopify's
 * `updated_at_min`, WooCommerce's `modified_after`). Three rules keep it from missing a change:
 *   - the next checkpoint is the newest change the read saw, in the shop's own times;
 *   - but never later than the shop's clock when the read began (its first answer's Date header):
 *     a product changed while the read was under way may sit on a page read earlier;
 *   - and the next read asks from the checkpoint less a margin (a second by default: shops write
 *     whole seconds, and two changes in one second would otherwise be cut apart), so it reads a
 *     few things again rather than miss one.
 * Pages come in id order, not by time, so only a read's last page may carry the new checkpoint.
 */
export class UpdatedSince {
  private newest: number | null = null;
  private readStartedAt: number | null = null;

  constructor(readonly marginMs = 1000) {}

  /** The moment to ask from, for a checkpoint's moment (epoch milliseconds). */
  askFrom(checkpoint: number): number {
    return checkpoint - this.marginMs;
  }

  /** The shop's clock from an answer's Date header; only the read's first answer counts. */
  answered(dateHeader: unknown): void {
    if (this.readStartedAt !== null) return;
    const time = typeof dateHeader === 'string' ? Date.parse(dateHeader) : NaN;
    if (!Number.isNaN(time)) this.readStartedAt = time;
  }

  /** A change the read saw (epoch milliseconds); an unreadable time (NaN) is left out. */
  saw(changedAt: number): void {
    if (!Number.isNaN(changedAt)) this.newest = Math.max(this.newest ?? changedAt, changedAt);
  }

  /** The next checkpoint's moment, or null when the read saw no change (keep the previous checkpoint). */
  next(): number | null {
    if (this.newest === null) return null;
    return this.readStartedAt === null ? this.newest : Math.min(this.newest, this.readStartedAt);
  }
}
