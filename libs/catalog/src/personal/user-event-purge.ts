import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '#platform';
import { UserEventService } from './user-event.service.js';

/** The daily job that deletes user events older than the retention period. */
export const USER_EVENT_PURGE_QUEUE = 'catalog.purge-user-events';
/** 03:17 UTC: off the hour, when the other daily jobs of a database tend to run. */
export const USER_EVENT_PURGE_CRON = '17 3 * * *';

/**
 * Runs the retention purge once a day across all instances: pg-boss's cron (on the scheduler role)
 * sends one job per day, and one worker claims it.
 */
@Injectable()
export class UserEventPurge implements OnModuleInit {
  private readonly logger = new Logger(UserEventPurge.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly events: UserEventService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      queue: USER_EVENT_PURGE_QUEUE,
      settings: { retryLimit: 3, retryDelay: 300, expireInSeconds: 3600 },
      concurrency: 1,
      handle: async () => {
        const purged = await this.events.purgeExpired();
        this.logger.log({ purged }, 'expired user events purged');
      },
    });
    this.jobs.schedule(USER_EVENT_PURGE_QUEUE, USER_EVENT_PURGE_CRON);
  }
}
