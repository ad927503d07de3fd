import type { Logger } from 'pino';
import pg from 'pg';

/**
 * Runs `work` again and again: at once while it reports more to do, else after a notification on
 * `channel` (sent by whoever recorded new work, in any process) or after `pollMs`, whichever comes
 * first. Polling covers work that became due later and notifications lost with a connection.
 */
export class WorkLoop {
  private stopping = false;
  /** Set when a nudge came while no loop was asleep, so the next loop to sleep looks again at once. */
  private notified = false;
  private readonly sleepers = new Set<() => void>();
  private listener: pg.Client | null = null;
  private running: Promise<void>[] = [];

  constructor(
    private readonly name: string,
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly work: () => Promise<boolean>,
    private readonly log: Logger,
    private readonly pollMs = 1_000,
  ) {}

  /** Starts `parallel` copies of the loop, which share one listening connection. */
  async start(parallel = 1): Promise<void> {
    await this.listen();
    for (let index = 0; index < parallel; index += 1) this.running.push(this.run());
  }

  /**
   * Wakes one sleeping loop (a notice means one piece of work; waking them all would send every
   * loop to claim what one will take). With none asleep, the next loop to sleep looks again at once.
   */
  nudge(): void {
    const [wake] = this.sleepers;
    if (wake) wake();
    else this.notified = true;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of [...this.sleepers]) wake();
    await Promise.all(this.running);
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let more = false;
      try {
        more = await this.work();
      } catch (error) {
        this.log.error({ err: error, loop: this.name }, 'work loop failed; trying again');
      }
      if (!more && !this.stopping) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    if (this.notified) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, this.pollMs);
      this.sleepers.add(wake);
    });
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: `whatsapp-channel-${this.name}`,
    });
    client.on('notification', () => this.nudge());
    client.on('error', (error) => {
      this.log.warn({ err: error, loop: this.name }, 'lost the notification connection; polling until it is back');
      this.listener = null;
      if (!this.stopping) setTimeout(() => void this.listen().catch(() => undefined), 2_000);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      this.listener = client;
    } catch (error) {
      this.log.warn({ err: error, loop: this.name }, 'no notifications; polling');
      await client.end().catch(() => undefined);
      if (!this.stopping) setTimeout(() => void this.listen().catch(() => undefined), 2_000);
    }
  }
}
