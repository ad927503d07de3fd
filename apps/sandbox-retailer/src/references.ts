let lastRun = 0;

/**
 * The sandbox's own order references, `SBX-<run>-<n>` (e.g. `SBX-MC4Z1K2A-000001`): the run is the
 * start time in base 36, later for every series this process makes, so a restarted sandbox (which
 * remembers nothing) never hands out a reference it gave before.
 */
export class ReferenceSeries {
  readonly run: string;
  private count = 0;

  constructor(now = Date.now()) {
    lastRun = Math.max(now, lastRun + 1);
    this.run = lastRun.toString(36).toUpperCase();
  }

  next(): string {
    this.count++;
    return `SBX-${this.run}-${String(this.count).padStart(6, '0')}`;
  }
}
