import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles } from '../http/access.decorators.js';
import type { Page } from '../http/pagination.js';
import { AuditQuery } from './audit-query.dto.js';
import type { AuditEntry } from './audit-entry.entity.js';
import { AuditService } from './audit.service.js';

@ApiTags('admin: audit log')
@ApiBearerAuth()
@AllowRoles('operator')
@Controller('v1/admin/audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Every write, newest first: who, what, when, and the record before and after.' })
  list(@Query() query: AuditQuery): Promise<Page<AuditEntry>> {
    const { limit, cursor, ...filter } = query;
    return this.audit.list(filter, { limit, cursor });
  }
}
