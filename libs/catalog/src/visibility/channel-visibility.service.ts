import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Channel } from '#channels';
import { AuditService, PG_FOREIGN_KEY_VIOLATION, ProblemException, violatedConstraint, type Actor } from '#platform';
import { Retailer } from '#retailers';
import type { ChannelPolicyBody, ChannelPolicyView, ChannelSummaryView } from './channel-visibility.dto.js';
import { ChannelHiddenOffer, ChannelHiddenRetailer, RetailerChannelListEntry } from './channel-visibility.entities.js';

/** Who may show what: retailers' channel policies and operators' hidden retailers and offers; every change audited. */
@Injectable()
export class ChannelVisibilityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async policy(retailerId: string, manager: EntityManager = this.dataSource.manager): Promise<ChannelPolicyView> {
    const retailer = await manager.findOne(Retailer, { where: { id: retailerId } });
    if (!retailer) throw ProblemException.notFound(`Retailer ${retailerId}`);
    const list = await manager.find(RetailerChannelListEntry, { where: { retailerId }, order: { channelId: 'ASC' } });
    return { retailerId, mode: retailer.channelPolicy, channelIds: list.map((entry) => entry.channelId) };
  }

  async setPolicy(actor: Actor, retailerId: string, body: ChannelPolicyBody): Promise<ChannelPolicyView> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const before = await this.policy(retailerId, manager);
        await manager.update(Retailer, { id: retailerId }, { channelPolicy: body.mode });
        await manager.delete(RetailerChannelListEntry, { retailerId });
        const channelIds = body.mode === 'all' ? [] : [...body.channelIds].sort();
        if (channelIds.length > 0)
          await manager.insert(
            RetailerChannelListEntry,
            channelIds.map((channelId) => ({ retailerId, channelId })),
          );
        const after = await this.policy(retailerId, manager);
        await this.audit.record(manager, actor, {
          action: 'retailer.channel_policy',
          entityType: 'retailer',
          entityId: retailerId,
          before,
          after,
        });
        return after;
      });
    } catch (error) {
      if (violatedConstraint(error, PG_FOREIGN_KEY_VIOLATION) === 'fk_retailer_channel_list_channel') {
        throw ProblemException.unprocessable(
          [{ field: 'channelIds', message: 'names a channel that does not exist' }],
          'The list names an unknown channel.',
        );
      }
      throw error;
    }
  }

  /** The active channels, for a retailer choosing its list (names only). */
  async channels(): Promise<ChannelSummaryView[]> {
    const channels = await this.dataSource
      .getRepository(Channel)
      .find({ where: { status: 'active' }, select: { id: true, name: true }, order: { name: 'ASC', id: 'ASC' } });
    return channels.map(({ id, name }) => ({ id, name }));
  }

  async hideRetailer(actor: Actor, channelId: string, retailerId: string, hidden: boolean): Promise<void> {
    await this.toggle(
      actor,
      ChannelHiddenRetailer,
      { channelId, retailerId },
      hidden,
      'channel.hide_retailer',
      channelId,
      { retailerId, hidden },
    );
  }

  async hideOffer(actor: Actor, channelId: string, offerId: string, hidden: boolean): Promise<void> {
    await this.toggle(actor, ChannelHiddenOffer, { channelId, offerId }, hidden, 'channel.hide_offer', channelId, {
      offerId,
      hidden,
    });
  }

  private async toggle(
    actor: Actor,
    entity: typeof ChannelHiddenRetailer | typeof ChannelHiddenOffer,
    key: Record<string, string>,
    hidden: boolean,
    action: string,
    channelId: string,
    change: object,
  ): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const existed = (await manager.count(entity, { where: key })) > 0;
        if (existed === hidden) return;
        if (hidden) await manager.insert(entity, key);
        else await manager.delete(entity, key);
        await this.audit.record(manager, actor, {
          action,
          entityType: 'channel',
          entityId: channelId,
          before: { ...change, hidden: existed },
          after: change,
        });
      });
    } catch (error) {
      const constraint = violatedConstraint(error, PG_FOREIGN_KEY_VIOLATION);
      if (constraint)
        throw ProblemException.notFound(
          constraint.endsWith('_channel') ? `Channel ${channelId}` : 'The retailer or offer',
        );
      throw error;
    }
  }
}
