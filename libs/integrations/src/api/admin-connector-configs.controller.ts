import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse, AllowRoles, CurrentActor, type Actor } from '#platform';
import { ALL_RETAILERS, type RetailerScope } from '#retailers';
import { AdminCreateConnectorConfigBody, ConnectorConfigView } from '../connector-configs/connector-config.dto.js';
import { ConnectorConfigRoutes } from './connector-config-routes.js';

/** Operators manage every retailer's connector configs. */
@ApiTags('admin: catalog')
@ApiBearerAuth()
@AllowRoles('operator')
@Controller('v1/admin')
export class AdminConnectorConfigsController extends ConnectorConfigRoutes {
  protected scope(): RetailerScope {
    return ALL_RETAILERS;
  }

  @Post('connector-configs')
  @ApiCreatedResponse({ type: ConnectorConfigView })
  @ApiProblemResponse(422, 'No retailer has this retailerId.')
  create(@CurrentActor() actor: Actor, @Body() body: AdminCreateConnectorConfigBody): Promise<ConnectorConfigView> {
    const { retailerId, ...rest } = body;
    return this.configs.create(actor, retailerId, rest);
  }
}
