/** One job as a handler receives it. */
export interface Job<T> {
  readonly id: string;
  readonly name: string;
  readonly data: T;
  /** Tries before this one. */
  readonly retryCount: number;
}

/** How a queue retries and expires its jobs; applied to the queue at every start, and to each job when it is sent. */
export interface QueueSettings {
  /** Retries after the first try; 0 for none. */
  readonly retryLimit: number;
  /** Seconds before a retry; with `retryBackoff` the first of a doubling series (with jitter). */
  readonly retryDelay?: number;
  readonly retryBackoff?: boolean;
  /**
   * Seconds a try may run before it counts as failed and the job is retried. This is also how the
   * job of a worker that died mid-job is taken over: keep it a little above the longest real try.
   */
  readonly expireInSeconds: number;
}

export interface JobHandlerRegistration<T> {
  readonly queue: string;
  readonly settings: QueueSettings;
  /** Jobs one process works on at the same time. */
  readonly concurrency?: number;
  readonly handle: (job: Job<T>) => Promise<void>;
}
