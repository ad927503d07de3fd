/**
 * The phone number's throughput: at most `perSecond` sends in any one second (Meta's default is
 * 80 messages per second per number); a send over it is refused with 130429.
 */
export class ThroughputLimit {
  private readonly times: number[] = [];

  constructor(private perSecond: number) {}

  setPerSecond(perSecond: number): void {
    this.perSecond = perSecond;
  }

  /** Counts a send at `nowMs` when it fits and says whether it did. */
  take(nowMs: number): boolean {
    while (this.times.length > 0 && this.times[0]! <= nowMs - 1000) this.times.shift();
    if (this.times.length >= this.perSecond) return false;
    this.times.push(nowMs);
    return true;
  }
}
