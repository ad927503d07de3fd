import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles } from '../http/access.decorators.js';
import type { Instance } from './instance.entity.js';
import { InstanceRegistry } from './instance-registry.service.js';

@ApiTags('admin: instances')
@ApiBearerAuth()
@AllowRoles('operator')
@Controller('v1/admin/instances')
export class InstancesController {
  constructor(private readonly registry: InstanceRegistry) {}

  @Get()
  @ApiOperation({ summary: 'The running instances of the marketplace and the roles each serves.' })
  async list(): Promise<{ items: Instance[]; self: string }> {
    return { items: await this.registry.live(), self: this.registry.id };
  }
}
