import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AuditService,
  OutboundPolicy,
  ProblemException,
  SecretBox,
  assertOutboundUrl,
  generateWebhookSecret,
  paginate,
  updateAudited,
  type Actor,
  type Page,
} from '#platform';
import {
  ChannelView,
  ChannelWithSecretView,
  type ChannelListQuery,
  type CreateChannelBody,
  type UpdateChannelBody,
} from './channel.dto.js';
import { Channel, type ChannelStatus } from './channel.entity.js';
import { channelFeedUrl } from './channel-feed-urls.js';
import type { ChannelFeedTokenView } from './feed-token.dto.js';
import { feedTokenHash, generateFeedToken } from './feed-token.js';

/** Chat front ends: onboarding, upkeep and their webhook signing secrets. */
@Injectable()
export class ChannelService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly secrets: SecretBox,
    private readonly outbound: OutboundPolicy,
  ) {}

  async create(actor: Actor, body: CreateChannelBody): Promise<ChannelWithSecretView> {
    assertOutboundUrl(this.outbound, body.webhookUrl, 'webhookUrl');
    const webhookSecret = generateWebhookSecret();
    return this.dataSource.transaction(async (manager) => {
      const channel = await manager.save(
        manager.create(Channel, {
          name: body.name,
          webhookUrl: body.webhookUrl ?? null,
          locale: body.locale ? Intl.getCanonicalLocales(body.locale)[0] : 'en',
          currency: body.currency ?? 'EUR',
          whatsappNumber: body.whatsappNumber ?? null,
          whatsappCatalogId: body.whatsappCatalogId ?? null,
          status: 'active',
          webhookSecretSealed: this.secrets.seal(webhookSecret),
        }),
      );
      const view = ChannelView.of(channel);
      await this.audit.record(manager, actor, {
        action: 'channel.create',
        entityType: 'channel',
        entityId: channel.id,
        before: null,
        after: view,
      });
      return Object.assign(new ChannelWithSecretView(), view, { webhookSecret });
    });
  }

  async list(query: ChannelListQuery): Promise<Page<ChannelView>> {
    const builder = this.dataSource.getRepository(Channel).createQueryBuilder('channel');
    if (query.status) builder.andWhere('channel.status = :status', { status: query.status });
    const page = await paginate(builder, 'channel', query);
    return { items: page.items.map((channel) => ChannelView.of(channel)), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<ChannelView> {
    return ChannelView.of(await this.find(this.dataSource.manager, id));
  }

  async update(actor: Actor, id: string, body: UpdateChannelBody): Promise<ChannelView> {
    assertOutboundUrl(this.outbound, body.webhookUrl, 'webhookUrl');
    const locale = body.locale ? { locale: Intl.getCanonicalLocales(body.locale)[0] } : {};
    return this.change(actor, id, 'channel.update', (channel) => Object.assign(channel, body, locale));
  }

  async setStatus(actor: Actor, id: string, status: ChannelStatus): Promise<ChannelView> {
    return this.change(actor, id, status === 'paused' ? 'channel.pause' : 'channel.activate', (channel) => {
      channel.status = status;
    });
  }

  /** Replaces the webhook secret; the old one stops working at once. */
  async rotateWebhookSecret(actor: Actor, id: string): Promise<ChannelWithSecretView> {
    const webhookSecret = generateWebhookSecret();
    const seal = (channel: Channel) => {
      channel.webhookSecretSealed = this.secrets.seal(webhookSecret);
    };
    const view = await this.change(actor, id, 'channel.rotate-webhook-secret', seal, true);
    return Object.assign(new ChannelWithSecretView(), view, { webhookSecret });
  }

  /**
   * Makes a new catalog feed token, which replaces the old one at once; `baseUrl` is where this
   * server is reached, for the feed URLs in the answer. The token is shown only in this answer.
   */
  async rotateFeedToken(actor: Actor, id: string, baseUrl: string): Promise<ChannelFeedTokenView> {
    const token = generateFeedToken();
    const createdAt = new Date();
    await this.change(
      actor,
      id,
      'channel.rotate-feed-token',
      (channel) => Object.assign(channel, { feedTokenHash: feedTokenHash(token), feedTokenCreatedAt: createdAt }),
      true,
    );
    return {
      channelId: id,
      token,
      createdAt,
      urls: { tsv: channelFeedUrl(baseUrl, id, token, 'tsv'), rss: channelFeedUrl(baseUrl, id, token, 'rss') },
    };
  }

  /** The plain webhook secret, for signing outgoing webhooks only. */
  async webhookSecret(id: string): Promise<string> {
    return this.secrets.open((await this.find(this.dataSource.manager, id)).webhookSecretSealed);
  }

  private async change(
    actor: Actor,
    id: string,
    action: string,
    apply: (channel: Channel) => void,
    alwaysAudit = false,
  ): Promise<ChannelView> {
    return this.dataSource.transaction((manager) =>
      updateAudited(manager, this.audit, actor, {
        entity: Channel,
        entityType: 'channel',
        id,
        action,
        view: ChannelView.of,
        apply,
        alwaysAudit,
      }),
    );
  }

  private async find(manager: EntityManager, id: string): Promise<Channel> {
    const channel = await manager.findOne(Channel, { where: { id } });
    if (!channel) throw ProblemException.notFound(`Channel ${id}`);
    return channel;
  }
}
