import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor, type Actor } from '#platform';
import { DashboardQuery, DashboardView } from './dashboard.dto.js';
import { DashboardService } from './dashboard.service.js';

@ApiTags('admin: console')
@ApiBearerAuth()
@AllowRoles('operator')
@Controller('v1/admin/dashboard')
export class AdminDashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @ApiOperation({
    summary:
      'The marketplace at a glance: sales and commission per day and currency, ' +
      'orders, routing, catalogs and webhook failures.',
  })
  @ApiOkResponse({ type: DashboardView })
  get(@Query() query: DashboardQuery): Promise<DashboardView> {
    return this.dashboard.build(query, null);
  }
}

@ApiTags('retailer: console')
@ApiBearerAuth()
@AllowRoles('retailer')
@Controller('v1/retailer/dashboard')
export class RetailerDashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @ApiOperation({
    summary: 'This retailer at a glance: its sales and commission per day and currency, orders, routing and catalogs.',
  })
  @ApiOkResponse({ type: DashboardView })
  get(@CurrentActor() actor: Actor, @Query() query: DashboardQuery): Promise<DashboardView> {
    return this.dashboard.build(query, actor.retailerId!);
  }
}
