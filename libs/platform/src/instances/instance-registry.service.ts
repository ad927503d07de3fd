import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { Instance } from './instance.entity.js';

export const HEARTBEAT_INTERVAL_MS = 10_000;
/** An instance whose heartbeat is older than this is taken as gone. */
export const INSTANCE_TTL_SECONDS = 60;

/**
 * Records this process and its roles in the database and beats every few seconds, so operators
 * can see which instances serve which roles. Rows of instances that died without saying so are
 * removed by whichever instance notices first; the delete is idempotent.
 */
@Injectable()
export class InstanceRegistry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly id = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private readonly logger = new Logger(InstanceRegistry.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const now = new Date();
    await this.dataSource.getRepository(Instance).insert({
      id: this.id,
      roles: [...this.config.roles],
      hostname: hostname(),
      pid: process.pid,
      startedAt: now,
      heartbeatAt: now,
    });
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_INTERVAL_MS);
    this.timer.unref();
  }

  /** Before shutdown hooks run, while the database connections are still open. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    if (this.dataSource.isInitialized) {
      await this.dataSource
        .getRepository(Instance)
        .delete({ id: this.id })
        .catch(() => undefined);
    }
  }

  async live(): Promise<Instance[]> {
    return this.dataSource
      .getRepository(Instance)
      .createQueryBuilder('instance')
      .where(`instance.heartbeatAt > now() - make_interval(secs => :ttl)`, { ttl: INSTANCE_TTL_SECONDS })
      .orderBy('instance.startedAt', 'ASC')
      .getMany();
  }

  private async beat(): Promise<void> {
    try {
      await this.dataSource.query('UPDATE platform_instance SET heartbeat_at = now() WHERE id = $1', [this.id]);
      await this.dataSource.query(
        `DELETE FROM platform_instance WHERE heartbeat_at < now() - make_interval(secs => $1)`,
        [INSTANCE_TTL_SECONDS * 5],
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'instance heartbeat failed');
    }
  }
}
