import { Body, Get, HttpCode, Injectable, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, ParseId, type Actor, type Page } from '#platform';
import type { RetailerScope } from '#retailers';
import {
  ConnectorConfigListQuery,
  ConnectorConfigPage,
  ConnectorConfigView,
  ConnectorView,
  UpdateConnectorConfigBody,
} from '../connector-configs/connector-config.dto.js';
import { ConnectorConfigService } from '../connector-configs/connector-config.service.js';
import { ConnectorRegistry } from '../connector-registry.js';

/**
 * The connector routes that retailers and operators share; each subclass says who may call them
 * and which retailers a caller's scope covers. Creation differs (an operator names the retailer),
 * so each subclass adds its own. (Injectable only so that the constructor's parameter types are
 * recorded for the subclasses.)
 */
@Injectable()
export abstract class ConnectorConfigRoutes {
  constructor(
    protected readonly configs: ConnectorConfigService,
    protected readonly registry: ConnectorRegistry,
  ) {}

  protected abstract scope(actor: Actor): RetailerScope;

  @Get('connectors')
  @ApiOperation({
    summary: 'The connectors this marketplace offers, with the JSON Schema of their settings and secrets.',
  })
  @ApiOkResponse({ type: [ConnectorView] })
  connectors(): ConnectorView[] {
    return this.registry.all().map((connector) => ConnectorView.of(connector));
  }

  @Get('connector-configs')
  @ApiOkResponse({ type: ConnectorConfigPage })
  list(@CurrentActor() actor: Actor, @Query() query: ConnectorConfigListQuery): Promise<Page<ConnectorConfigView>> {
    return this.configs.list(this.scope(actor), query);
  }

  @Get('connector-configs/:id')
  @ApiOkResponse({ type: ConnectorConfigView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<ConnectorConfigView> {
    return this.configs.get(this.scope(actor), id);
  }

  @Patch('connector-configs/:id')
  @ApiOperation({ summary: 'Change a config. Secrets, when sent, replace the stored ones whole.' })
  @ApiOkResponse({ type: ConnectorConfigView })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Body() body: UpdateConnectorConfigBody,
  ): Promise<ConnectorConfigView> {
    return this.configs.update(actor, this.scope(actor), id, body);
  }

  @Post('connector-configs/:id/enable')
  @HttpCode(200)
  @ApiOkResponse({ type: ConnectorConfigView })
  enable(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<ConnectorConfigView> {
    return this.configs.setEnabled(actor, this.scope(actor), id, true);
  }

  @Post('connector-configs/:id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: ConnectorConfigView })
  disable(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<ConnectorConfigView> {
    return this.configs.setEnabled(actor, this.scope(actor), id, false);
  }
}
