import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../http/access.decorators.js';
import { MigrationsHealthIndicator } from './migrations.health.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly migrations: MigrationsHealthIndicator,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process is up and answering.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the database answers and every migration is applied (503 otherwise).' })
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 3000 }),
      () => this.migrations.isApplied('migrations'),
    ]);
  }
}
