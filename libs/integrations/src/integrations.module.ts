import { Module, type DynamicModule } from '@nestjs/common';
import type { Connector } from '#connector-sdk';
import { AdminConnectorConfigsController } from './api/admin-connector-configs.controller.js';
import { RetailerConnectorConfigsController } from './api/retailer-connector-configs.controller.js';
import { ConnectorConfigService } from './connector-configs/connector-config.service.js';
import { ConnectorContextFactory } from './connector-configs/connector-context.factory.js';
import { CONNECTORS, ConnectorRegistry } from './connector-registry.js';
import { ConnectorWebhookReceiver } from './webhooks/connector-webhook-receiver.js';
import { ConnectorWebhooksController } from './webhooks/connector-webhooks.controller.js';
import { WebhookEventHandlers } from './webhooks/webhook-event-handlers.js';

const SERVICES = [
  ConnectorRegistry,
  ConnectorConfigService,
  ConnectorContextFactory,
  WebhookEventHandlers,
  ConnectorWebhookReceiver,
];

/**
 * The connector runtime that the catalog (reading catalogs) and orders (placing orders) build on:
 * the installed connectors by id, retailers' connector configs with their sealed secrets, the
 * context a connector works with, and the shops' webhooks, whose events the libraries that own
 * the data apply. The application passes the connectors it offers.
 */
@Module({})
export class IntegrationsModule {
  static forRoot(options: { connectors: readonly Connector[]; api: boolean }): DynamicModule {
    return {
      module: IntegrationsModule,
      providers: [{ provide: CONNECTORS, useValue: options.connectors }, ...SERVICES],
      controllers: options.api
        ? [AdminConnectorConfigsController, RetailerConnectorConfigsController, ConnectorWebhooksController]
        : [],
      exports: SERVICES,
    };
  }
}
