import { Inject, Injectable, Logger } from '@nestjs/common';
import { createConnectorHttp, type ConnectorContext } from '#connector-sdk';
import { APP_CONFIG, OutboundPolicy, type AppConfig } from '#platform';
import type { Retailer } from '#retailers';
import type { ConnectorConfig } from './connector-config.entity.js';
import { ConnectorConfigService } from './connector-config.service.js';

/**
 * Builds what a connector gets to work with: settings, opened secrets, a rate-limited HTTP client
 * that goes only where the outbound policy allows, and reads a feed no larger than an upload may be.
 */
@Injectable()
export class ConnectorContextFactory {
  private readonly logger = new Logger('Connector');

  constructor(
    private readonly configs: ConnectorConfigService,
    private readonly outbound: OutboundPolicy,
    @Inject(APP_CONFIG) private readonly appConfig: AppConfig,
  ) {}

  create(config: ConnectorConfig, retailer: Retailer, signal: AbortSignal): ConnectorContext<unknown, unknown> {
    const requestsPerSecond =
      typeof config.settings.requestsPerSecond === 'number' ? config.settings.requestsPerSecond : undefined;
    return {
      settings: config.settings,
      secrets: this.configs.openSecrets(config),
      retailer: { id: retailer.id, defaultCurrency: retailer.defaultCurrency },
      http: createConnectorHttp({
        ...(requestsPerSecond ? { requestsPerSecond } : {}),
        signal,
        userAgent: 'Souk-Connector/1',
        outbound: this.outbound,
        maxStreamedBytes: this.appConfig.maxUploadBytes,
      }),
      signal,
      log: (message, details) =>
        this.logger.log({ configId: config.id, connectorId: config.connectorId, ...details }, message),
    };
  }
}
