import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { migrationsApplied } from '../database/migration-runner.js';

/** Ready only when the database has every migration this build knows. */
@Injectable()
export class MigrationsHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async isApplied(key: string) {
    const indicator = this.indicators.check(key);
    try {
      return (await migrationsApplied(this.dataSource))
        ? indicator.up()
        : indicator.down({ message: 'migrations are pending' });
    } catch {
      return indicator.down({ message: 'migration state could not be read' });
    }
  }
}
