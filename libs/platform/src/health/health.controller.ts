import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../http/access.decorators.js';
import { ApiProblemResponse } from '../http/problem.view.js';
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
  // Terminus documents the route only when it can require() @nestjs/swagger, which an ES module
  // process cannot and Jest can: documented here instead, the OpenAPI document is the same in both.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOkResponse({
    description: 'Ready: `{"status":"ok","info":{...},"error":{},"details":{...}}`, one entry per check.',
  })
  @ApiProblemResponse(503, 'Not ready: a problem (`unavailable`) with `checks` giving the state of each check.')
  @ApiOperation({ summary: 'Readiness: the database answers and every migration is applied (503 otherwise).' })
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 3000 }),
      () => this.migrations.isApplied('migrations'),
    ]);
  }
}
