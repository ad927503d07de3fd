import { Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from './config/app-config.js';
import { APP_CONFIG } from './config/config.module.js';
import { databaseMetrics } from './metrics/database-metrics.js';
import { MetricsRegistry } from './metrics/metrics.registry.js';
import { takeConnectionsByWork } from './database/connections-by-work.js';

/**
 * The process's connection pools (connections-by-work.ts): with the worker role, job work gets a pool of its own;
 * every wait and statement is measured (database-metrics.ts).
 */
@Global()
@Module({})
export class DatabasePoolsModule implements OnModuleInit, OnApplicationShutdown {
  private close: (() => Promise<void>) | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: MetricsRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.close = await takeConnectionsByWork(this.dataSource, {
      jobPoolSize: this.config.roles.has('worker') ? this.config.databasePools.jobs : undefined,
      watch: databaseMetrics(this.registry),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close?.();
  }
}
