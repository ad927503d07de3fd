import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Channel } from '#channels';
import { ProblemException, type Actor } from '#platform';

/** The settings of the calling channel that shape what it is shown. */
export interface ChannelContext {
  readonly id: string;
  readonly locale: string;
  readonly currency: string;
  readonly whatsappNumber: string | null;
  readonly whatsappCatalogId: string | null;
}

@Injectable()
export class ChannelContexts {
  constructor(private readonly dataSource: DataSource) {}

  /** The calling channel's settings: as read with its key (ApiKeyGuard), else read now (a console session). */
  async of(actor: Actor): Promise<ChannelContext> {
    const id = actor.channelId as string;
    if (actor.channel) return { id, ...actor.channel };
    return this.read(id);
  }

  private async read(channelId: string): Promise<ChannelContext> {
    const channel = await this.dataSource.getRepository(Channel).findOne({ where: { id: channelId } });
    if (!channel) throw ProblemException.notFound(`Channel ${channelId}`);
    return {
      id: channel.id,
      locale: channel.locale,
      currency: channel.currency,
      whatsappNumber: channel.whatsappNumber,
      whatsappCatalogId: channel.whatsappCatalogId,
    };
  }
}
