import type { SyncRunStatus } from './sync-run.entity.js';

/** How a run ends: its status and, when it failed, the reason in the retailer's terms. */
export class SyncOutcome {
  private constructor(
    readonly status: Exclude<SyncRunStatus, 'queued' | 'running'>,
    readonly error: string | null,
  ) {}

  static succeeded(): SyncOutcome {
    return new SyncOutcome('succeeded', null);
  }

  static notModified(): SyncOutcome {
    return new SyncOutcome('not_modified', null);
  }

  static failed(reason: string): SyncOutcome {
    return new SyncOutcome('failed', reason);
  }
}

export const RUN_ENDED_BY_SHUTDOWN =
  'The worker shut down during the sync; nothing was removed. The next sync starts over.';
export const RUN_ORPHANED =
  'The worker running this sync stopped before it finished; nothing was removed. The next sync starts over.';
export const EMPTY_CATALOG_REFUSED =
  'The source has no items. The catalog was kept; ' +
  'to let an empty source remove every offer, set allowEmptyCatalog on the config.';
