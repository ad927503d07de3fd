import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConnectorConfig, ConnectorRegistry } from '#integrations';
import {
  AuditService,
  OutboundPolicy,
  ProblemException,
  SecretBox,
  assertOutboundUrl,
  generateWebhookSecret,
  type Actor,
} from '#platform';
import { Retailer } from '#retailers';
import { OrderSettingsView, OrderSettingsWithSecretView, type OrderSettingsBody } from './order-settings.dto.js';
import { DEFAULT_ACCEPTANCE_MINUTES, RetailerOrderSettings } from './retailer-order-settings.entity.js';

/** How each retailer receives its orders, and its order webhook signing secret. */
@Injectable()
export class OrderSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly secrets: SecretBox,
    private readonly connectors: ConnectorRegistry,
    private readonly outbound: OutboundPolicy,
  ) {}

  async get(retailerId: string): Promise<OrderSettingsView> {
    await this.retailer(this.dataSource.manager, retailerId);
    return OrderSettingsView.of(
      retailerId,
      await this.dataSource.getRepository(RetailerOrderSettings).findOne({ where: { retailerId } }),
    );
  }

  /** The settings a checkout routes by; a retailer that never set any pulls its orders. */
  async forCheckout(
    manager: EntityManager,
    retailerIds: readonly string[],
  ): Promise<Map<string, RetailerOrderSettings>> {
    const rows = retailerIds.length
      ? await manager
          .getRepository(RetailerOrderSettings)
          .createQueryBuilder('s')
          .where('s.retailerId IN (:...ids)', { ids: retailerIds })
          .getMany()
      : [];
    const byRetailer = new Map(rows.map((row) => [row.retailerId, row]));
    for (const retailerId of retailerIds) {
      if (!byRetailer.has(retailerId))
        byRetailer.set(
          retailerId,
          Object.assign(new RetailerOrderSettings(), {
            retailerId,
            method: 'pull',
            webhookUrl: null,
            webhookSecretSealed: null,
            connectorConfigId: null,
            acceptanceMinutes: DEFAULT_ACCEPTANCE_MINUTES,
          }),
        );
    }
    return byRetailer;
  }

  /**
   * Sets how the retailer receives orders. The first switch to webhook creates the signing secret
   * and returns it, once; later changes keep it (rotate it explicitly).
   */
  async set(
    actor: Actor,
    retailerId: string,
    body: OrderSettingsBody,
  ): Promise<OrderSettingsView | OrderSettingsWithSecretView> {
    assertOutboundUrl(this.outbound, body.webhookUrl, 'webhookUrl');
    return this.dataSource.transaction(async (manager) => {
      // Locking the retailer serializes changes, so that two first ones do not both insert the row.
      await this.retailer(manager, retailerId, { lock: true });
      if (body.method === 'connector')
        await this.checkConnectorConfig(manager, retailerId, body.connectorConfigId as string);
      const existing = await manager.findOne(RetailerOrderSettings, {
        where: { retailerId },
        lock: { mode: 'pessimistic_write' },
      });
      const before = existing ? OrderSettingsView.of(retailerId, existing) : null;
      const newSecret = body.method === 'webhook' && !existing?.webhookSecretSealed ? generateWebhookSecret() : null;
      const settings = await manager.save(
        Object.assign(existing ?? manager.create(RetailerOrderSettings, { retailerId }), {
          method: body.method,
          webhookUrl: body.webhookUrl ?? null,
          connectorConfigId: body.method === 'connector' ? body.connectorConfigId : null,
          acceptanceMinutes: body.acceptanceMinutes ?? existing?.acceptanceMinutes ?? DEFAULT_ACCEPTANCE_MINUTES,
          ...(newSecret ? { webhookSecretSealed: this.secrets.seal(newSecret) } : {}),
        }),
      );
      const view = OrderSettingsView.of(retailerId, settings);
      await this.audit.record(manager, actor, {
        action: 'retailer.order-settings.update',
        entityType: 'retailer',
        entityId: retailerId,
        before,
        after: view,
      });
      return newSecret ? Object.assign(new OrderSettingsWithSecretView(), view, { webhookSecret: newSecret }) : view;
    });
  }

  /** Replaces the order webhook signing secret; the old one stops at once. */
  async rotateWebhookSecret(actor: Actor, retailerId: string): Promise<OrderSettingsWithSecretView> {
    return this.dataSource.transaction(async (manager) => {
      await this.retailer(manager, retailerId);
      const existing = await manager.findOne(RetailerOrderSettings, {
        where: { retailerId },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing?.method !== 'webhook')
        throw ProblemException.conflict(
          'The retailer does not receive orders by webhook; set method webhook first.',
          'method',
        );
      const webhookSecret = generateWebhookSecret();
      existing.webhookSecretSealed = this.secrets.seal(webhookSecret);
      const view = OrderSettingsView.of(retailerId, await manager.save(existing));
      await this.audit.record(manager, actor, {
        action: 'retailer.order-settings.rotate-webhook-secret',
        entityType: 'retailer',
        entityId: retailerId,
        before: view,
        after: view,
      });
      return Object.assign(new OrderSettingsWithSecretView(), view, { webhookSecret });
    });
  }

  private async retailer(
    manager: EntityManager,
    retailerId: string,
    options: { lock?: boolean } = {},
  ): Promise<Retailer> {
    const retailer = await manager.findOne(Retailer, {
      where: { id: retailerId },
      ...(options.lock ? { lock: { mode: 'for_no_key_update' as const } } : {}),
    });
    if (!retailer) throw ProblemException.notFound(`Retailer ${retailerId}`);
    return retailer;
  }

  private async checkConnectorConfig(manager: EntityManager, retailerId: string, configId: string): Promise<void> {
    const config = await manager.findOne(ConnectorConfig, { where: { id: configId, retailerId } });
    if (!config)
      throw ProblemException.unprocessable(
        [{ field: 'connectorConfigId', message: "is not one of this retailer's connector configs" }],
        'Unknown connector config.',
      );
    const connector = this.connectors.get(config.connectorId);
    if (!connector?.orders || !connector.spec.capabilities.includes('orders')) {
      throw ProblemException.unprocessable(
        [{ field: 'connectorConfigId', message: `its connector (${config.connectorId}) cannot place orders` }],
        'This connector cannot place orders.',
      );
    }
  }
}
