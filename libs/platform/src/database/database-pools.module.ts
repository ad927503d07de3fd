import { Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { instrumentDatabase } from '../metrics/database-metrics.js';
import { MetricsRegistry } from '../metrics/metrics.registry.js';
import { separateJobPool } from './work-pools.js';

/**
 * The process's connection pools: with the worker role, job work gets a pool of its own (work-pools.ts); then waits
 * and statements of both are measured (database-metrics.ts), in that order, as each wraps how connections are taken.
 */
@Global()
@Module({})
export class DatabasePoolsModule implements OnModuleInit, OnApplicationShutdown {
  private closeJobPool: (() => Promise<void>) | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: MetricsRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.roles.has('worker')) {
      this.closeJobPool = await separateJobPool(this.dataSource, this.config.databasePools.jobs);
    }
    instrumentDatabase(this.dataSource, this.registry);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.closeJobPool?.();
  }
}
