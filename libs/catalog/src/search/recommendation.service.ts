import { Injectable } from '@nestjs/common';
import { ProblemException } from '#platform';
import { UserEventService } from '../personal/user-event.service.js';
import type { ChannelContext } from '../visibility/channel-context.js';
import type { SearchQuery, SearchResultView } from './search.dto.js';
import { SearchService } from './search.service.js';

/**
 * "Recommended for you": the visible products in the user's strongest categories and brands,
 * ranked by how much the user cares about each (the personal boost), leaving out what they bought.
 * A user with no recorded interest gets the newest products.
 */
@Injectable()
export class RecommendationService {
  constructor(
    private readonly searches: SearchService,
    private readonly userEvents: UserEventService,
  ) {}

  async forUser(channel: ChannelContext, userRef: string, query: SearchQuery): Promise<SearchResultView> {
    if (userRef.length === 0 || userRef.length > 200)
      throw ProblemException.validation([{ field: 'userRef', message: 'must be 1 to 200 characters' }]);
    const interests = await this.userEvents.interests(channel.id, userRef);
    const known = interests.categories.length > 0 || interests.brands.length > 0;
    const excludeProductIds = await this.userEvents.purchasedProductIds(channel.id, userRef);
    return this.searches.search(channel, { ...query, q: undefined, sort: known ? 'relevance' : 'newest' }, interests, {
      interestsOnly: known,
      excludeProductIds,
    });
  }
}
