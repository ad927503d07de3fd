import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor, type Actor } from '#platform';
import { ConnectorConfigView, CreateConnectorConfigBody } from '../connector-configs/connector-config.dto.js';
import type { RetailerScope } from '#retailers';
import { CatalogRoutes } from './catalog-routes.js';

/** The retailer API for its own catalog: configs, uploads, syncs and their reports. */
@ApiTags('retailer: catalog')
@ApiBearerAuth()
@AllowRoles('retailer')
@Controller('v1/retailer')
export class RetailerCatalogController extends CatalogRoutes {
  protected scope(actor: Actor): RetailerScope {
    return { retailerId: actor.retailerId as string };
  }

  @Post('connector-configs')
  @ApiCreatedResponse({ type: ConnectorConfigView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateConnectorConfigBody): Promise<ConnectorConfigView> {
    return this.configs.create(actor, actor.retailerId as string, body);
  }
}
