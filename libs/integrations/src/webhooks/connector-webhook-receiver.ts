import { createHash } from 'node:crypto';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { InboundWebhook } from '#connector-sdk';
import { ProblemException, type Actor } from '#platform';
import { ConnectorConfig } from '../connector-configs/connector-config.entity.js';
import { ConnectorConfigService } from '../connector-configs/connector-config.service.js';
import { ConnectorRegistry } from '../connector-registry.js';
import { ConnectorWebhookReceipt } from './connector-webhook-receipt.entity.js';
import { WebhookEventHandlers } from './webhook-event-handlers.js';

export type ReceiptOutcome = 'applied' | 'duplicate' | 'ping';

/**
 * Webhooks from shop systems, for one connector config: the connector verifies the delivery and
 * says what it means; Souk applies it in one transaction with a receipt keyed by the shop's
 * delivery id and by the body's digest, so a replayed delivery is applied once, also when it is
 * resent under another delivery id (which the shops do not sign) or none. What the events mean is
 * applied by the handlers the catalog and orders libraries register (changes become an incremental
 * sync, removed items are marked removed, order updates move the retailer order along).
 */
@Injectable()
export class ConnectorWebhookReceiver {
  private readonly logger = new Logger(ConnectorWebhookReceiver.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: ConnectorRegistry,
    private readonly configs: ConnectorConfigService,
    private readonly handlers: WebhookEventHandlers,
  ) {}

  async receive(configId: string, webhook: InboundWebhook): Promise<ReceiptOutcome> {
    const config = await this.dataSource.getRepository(ConnectorConfig).findOne({ where: { id: configId } });
    const connector = config ? this.registry.get(config.connectorId) : undefined;
    if (!config || !connector?.webhooks) throw ProblemException.notFound(`Webhook endpoint ${configId}`);
    const verdict = connector.webhooks.receive(
      { settings: config.settings, secrets: this.configs.openSecrets(config) },
      webhook,
    );
    if (verdict.kind === 'ping') return 'ping';
    if (verdict.kind === 'rejected') {
      this.logger.warn({ configId, reason: verdict.reason }, 'connector webhook rejected');
      throw new ProblemException(
        HttpStatus.UNAUTHORIZED,
        'unauthorized',
        'Unauthorized',
        'The webhook could not be verified: check the webhook secret set in the connector config.',
      );
    }
    // The shop system acts for its retailer.
    const actor: Actor = { role: 'retailer', keyId: null, retailerId: config.retailerId };
    const bodySha256 = createHash('sha256').update(webhook.rawBody).digest();
    return this.dataSource.transaction(async (manager) => {
      // Conflicts on either unique key (delivery id, or body) leave the row out: a replay.
      const inserted = (
        await manager
          .createQueryBuilder()
          .insert()
          .into(ConnectorWebhookReceipt)
          .values({ configId, deliveryId: verdict.deliveryId, bodySha256 })
          .orIgnore()
          .execute()
      ).raw as unknown[];
      if (inserted.length === 0) return 'duplicate';
      await this.handlers.apply({ manager, config, actor }, verdict.events);
      return 'applied';
    });
  }
}
