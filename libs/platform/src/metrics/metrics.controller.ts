import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AllowRoles } from '../http/access.decorators.js';
import { MetricsRegistry } from './metrics.registry.js';

@ApiTags('admin: operations')
@ApiBearerAuth()
@AllowRoles('operator')
@Controller('v1/admin/metrics')
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({
    summary:
      "This process's metrics in the Prometheus text format: connection pool waits and statements by work " +
      '(request or job), event-loop delay, memory and CPU. A scraper sends the operator key as a bearer token.',
  })
  @ApiOkResponse({ description: 'The Prometheus text exposition format, version 0.0.4.' })
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
