import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor, type Actor } from '#platform';
import type { RetailerScope } from '#retailers';
import { ConnectorConfigView, CreateConnectorConfigBody } from '../connector-configs/connector-config.dto.js';
import { ConnectorConfigRoutes } from './connector-config-routes.js';

/** A retailer's own connector configs. */
@ApiTags('retailer: catalog')
@ApiBearerAuth()
@AllowRoles('retailer')
@Controller('v1/retailer')
export class RetailerConnectorConfigsController extends ConnectorConfigRoutes {
  protected scope(actor: Actor): RetailerScope {
    return { retailerId: actor.retailerId as string };
  }

  @Post('connector-configs')
  @ApiCreatedResponse({ type: ConnectorConfigView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateConnectorConfigBody): Promise<ConnectorConfigView> {
    return this.configs.create(actor, actor.retailerId as string, body);
  }
}
