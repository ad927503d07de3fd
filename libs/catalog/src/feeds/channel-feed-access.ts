import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Channel, feedTokenHash, feedTokenMatches } from '#channels';
import { ProblemException } from '#platform';

/** The channel a feed token opens. */
export interface FeedChannel {
  readonly id: string;
  readonly name: string;
}

/** Compared against when there is no channel or no token, so that the answer takes as long either way. */
const NO_HASH = feedTokenHash('');

/**
 * Checks a feed URL's token. Every failure is the same 404 (no such channel, a paused channel, no
 * token made yet, a wrong or missing token), so the URL tells nothing about which channels exist.
 */
@Injectable()
export class ChannelFeedAccess {
  constructor(private readonly dataSource: DataSource) {}

  async open(channelId: string, token: string | undefined): Promise<FeedChannel> {
    const channel = await this.dataSource
      .getRepository(Channel)
      .findOne({ where: { id: channelId }, select: { id: true, name: true, status: true, feedTokenHash: true } });
    const matches = feedTokenMatches(channel?.feedTokenHash ?? NO_HASH, token ?? '');
    if (!channel || channel.status !== 'active' || !channel.feedTokenHash || !token || !matches) {
      throw new ProblemException(
        404,
        'not-found',
        'Not found',
        'There is no catalog feed at this address, or the token is not the current one.',
      );
    }
    return { id: channel.id, name: channel.name };
  }
}
