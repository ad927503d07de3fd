import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Connector } from '#connector-sdk';
import {
  AuditService,
  OutboundPolicy,
  PG_FOREIGN_KEY_VIOLATION,
  ProblemException,
  SecretBox,
  paginate,
  updateAudited,
  violatedConstraint,
  type Actor,
  type FieldError,
  type Page,
} from '#platform';
import type { RetailerScope } from '#retailers';
import { ConnectorConfig } from './connector-config.entity.js';
import {
  ConnectorConfigView,
  type ConnectorConfigListQuery,
  type CreateConnectorConfigBody,
  type UpdateConnectorConfigBody,
} from './connector-config.dto.js';
import { ConnectorRegistry } from '../connector-registry.js';
import { zodFieldErrors } from './schema-errors.js';

/** Connector configs: settings checked by the connector's schema, secrets sealed, every write audited. */
@Injectable()
export class ConnectorConfigService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly secretBox: SecretBox,
    private readonly registry: ConnectorRegistry,
    private readonly outbound: OutboundPolicy,
  ) {}

  async create(actor: Actor, retailerId: string, body: CreateConnectorConfigBody): Promise<ConnectorConfigView> {
    const connector = this.connector(body.connectorId, 'connectorId');
    const settings = this.validSettings(connector, body.settings);
    const secrets = this.validSecrets(connector, body.secrets ?? {});
    try {
      return await this.dataSource.transaction(async (manager) => {
        const config = await manager.save(
          manager.create(ConnectorConfig, {
            retailerId,
            connectorId: connector.spec.id,
            name: body.name,
            settings,
            secretsSealed: this.secretBox.seal(JSON.stringify(secrets)),
            enabled: body.enabled ?? true,
            scheduleIntervalMinutes: body.scheduleIntervalMinutes ?? null,
            nextRunAt: body.scheduleIntervalMinutes ? new Date() : null,
            allowEmptyCatalog: body.allowEmptyCatalog ?? false,
          }),
        );
        const view = this.view(config);
        await this.audit.record(manager, actor, {
          action: 'connector_config.create',
          entityType: 'connector_config',
          entityId: config.id,
          before: null,
          after: view,
        });
        return view;
      });
    } catch (error) {
      if (violatedConstraint(error, PG_FOREIGN_KEY_VIOLATION) === 'fk_connector_config_retailer') {
        throw ProblemException.unprocessable(
          [{ field: 'retailerId', message: 'no retailer has this id' }],
          'The config names a retailer that does not exist.',
        );
      }
      throw error;
    }
  }

  async list(scope: RetailerScope, query: ConnectorConfigListQuery): Promise<Page<ConnectorConfigView>> {
    const builder = this.dataSource.getRepository(ConnectorConfig).createQueryBuilder('config');
    const retailerId = scope.retailerId ?? query.retailerId;
    if (retailerId) builder.andWhere('config.retailerId = :retailerId', { retailerId });
    if (query.enabled) builder.andWhere('config.enabled = :enabled', { enabled: query.enabled === 'true' });
    const page = await paginate(builder, 'config', query);
    return { items: page.items.map((config) => this.view(config)), nextCursor: page.nextCursor };
  }

  async get(scope: RetailerScope, id: string): Promise<ConnectorConfigView> {
    return this.view(await this.find(this.dataSource.manager, scope, id));
  }

  /** The config itself, for the sync machinery; throws 404 outside the scope. */
  async find(manager: EntityManager, scope: RetailerScope, id: string): Promise<ConnectorConfig> {
    const config = await manager.findOne(ConnectorConfig, {
      where: { id, ...(scope.retailerId ? { retailerId: scope.retailerId } : {}) },
    });
    if (!config) throw ProblemException.notFound(`Connector config ${id}`);
    return config;
  }

  async update(
    actor: Actor,
    scope: RetailerScope,
    id: string,
    body: UpdateConnectorConfigBody,
  ): Promise<ConnectorConfigView> {
    const existing = await this.find(this.dataSource.manager, scope, id);
    const connector = this.connector(existing.connectorId, 'connectorId');
    const settings = body.settings ? this.validSettings(connector, body.settings) : undefined;
    const secrets = body.secrets ? this.validSecrets(connector, body.secrets) : undefined;
    return this.dataSource.transaction((manager) =>
      updateAudited(manager, this.audit, actor, {
        entity: ConnectorConfig,
        entityType: 'connector_config',
        id,
        action: 'connector_config.update',
        view: (config) => this.view(config),
        alwaysAudit: secrets !== undefined,
        apply: (config) => {
          if (body.name !== undefined) config.name = body.name;
          if (settings) config.settings = settings;
          if (secrets) config.secretsSealed = this.secretBox.seal(JSON.stringify(secrets));
          if (body.enabled !== undefined) config.enabled = body.enabled;
          if (body.allowEmptyCatalog !== undefined) config.allowEmptyCatalog = body.allowEmptyCatalog;
          if (body.scheduleIntervalMinutes !== undefined) {
            config.scheduleIntervalMinutes = body.scheduleIntervalMinutes;
            config.nextRunAt = body.scheduleIntervalMinutes
              ? new Date(Date.now() + body.scheduleIntervalMinutes * 60_000)
              : null;
          }
        },
      }),
    );
  }

  async setEnabled(actor: Actor, scope: RetailerScope, id: string, enabled: boolean): Promise<ConnectorConfigView> {
    return this.update(actor, scope, id, { enabled });
  }

  /** The plain secrets, for building a connector's context only. */
  openSecrets(config: ConnectorConfig): Record<string, unknown> {
    return config.secretsSealed
      ? (JSON.parse(this.secretBox.open(config.secretsSealed)) as Record<string, unknown>)
      : {};
  }

  connector(id: string, field: string): Connector {
    const connector = this.registry.get(id);
    if (!connector) {
      const known = this.registry
        .all()
        .map((candidate) => candidate.spec.id)
        .join(', ');
      throw ProblemException.validation([
        { field, message: `is not a connector of this marketplace (known: ${known})` },
      ]);
    }
    return connector;
  }

  /** Settings as the connector's schema reads them, with every http(s) URL in them one the outbound policy allows. */
  private validSettings(connector: Connector, settings: unknown): Record<string, unknown> {
    const parsed = this.parse(connector.spec.settings, settings, 'settings');
    const errors = this.refusedUrls(parsed, 'settings');
    if (errors.length > 0) throw ProblemException.validation(errors);
    return parsed;
  }

  /** Walks the settings for strings that are http(s) URLs: a connector may fetch any of them. */
  private refusedUrls(value: unknown, field: string): FieldError[] {
    if (typeof value === 'string') {
      if (!/^https?:\/\//i.test(value.trim())) return [];
      const refusal = this.outbound.checkUrl(value.trim());
      return refusal ? [{ field, message: refusal.message }] : [];
    }
    if (Array.isArray(value)) return value.flatMap((item, index) => this.refusedUrls(item, `${field}[${index}]`));
    if (typeof value === 'object' && value !== null)
      return Object.entries(value).flatMap(([key, item]) => this.refusedUrls(item, `${field}.${key}`));
    return [];
  }

  private validSecrets(connector: Connector, secrets: unknown): Record<string, unknown> {
    return this.parse(connector.spec.secrets, secrets, 'secrets');
  }

  private parse(schema: Connector['spec']['settings'], value: unknown, prefix: string): Record<string, unknown> {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      // Secret values never appear in the problem: zod messages name the rule, not the value.
      const errors: FieldError[] = zodFieldErrors(parsed.error, prefix);
      throw ProblemException.validation(errors);
    }
    return parsed.data as Record<string, unknown>;
  }

  private view(config: ConnectorConfig): ConnectorConfigView {
    const secrets = this.openSecrets(config);
    const names = Object.entries(secrets)
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .map(([name]) => name)
      .sort();
    return ConnectorConfigView.of(config, names);
  }
}
