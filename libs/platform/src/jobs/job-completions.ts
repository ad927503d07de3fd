import type PgBoss from 'pg-boss';

interface Waiting {
  readonly id: string;
  readonly done: () => void;
  readonly failed: (error: unknown) => void;
}

/**
 * Records the completion of one queue's jobs, several in one statement: the jobs that finish while a write is under
 * way go together in the next one. An idle queue's job is written at once; a busy queue's wait at most one write.
 */
export class JobCompletions {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly boss: PgBoss,
    private readonly queue: string,
  ) {}

  /** Resolves when the job's completion is recorded; rejects with the write's error. */
  complete(id: string): Promise<void> {
    return new Promise((done, failed) => {
      this.waiting.push({ id, done, failed });
      if (!this.writing) {
        this.writing = true;
        void this.write();
      }
    });
  }

  private async write(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        await this.boss.complete(
          this.queue,
          batch.map((job) => job.id),
        );
        for (const job of batch) job.done();
      } catch (error) {
        for (const job of batch) job.failed(error);
      }
    }
    this.writing = false;
  }
}
