import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NormalizedOffer } from '#domain';
import { categoryAssignLock } from './category-locks.js';
import { CategoryRemapService } from './category-remap.service.js';
import { resolveCategory } from './category-resolver.js';
import { lockForTransaction } from '#platform';

/**
 * The unified category of each offer of a sync page, resolved in the page's transaction before
 * the offers are written. The lock is taken before the rules are read, so a remap that follows a
 * rule change sees every page written under the older rules.
 */
@Injectable()
export class OfferCategories {
  constructor(private readonly remap: CategoryRemapService) {}

  async resolve(
    manager: EntityManager,
    retailerId: string,
    offers: readonly NormalizedOffer[],
  ): Promise<(number | null)[]> {
    if (offers.length === 0) return [];
    await lockForTransaction(manager, categoryAssignLock(retailerId));
    const rules = await this.remap.rulesFor(retailerId, manager);
    const taxonomy = await this.remap.taxonomy(manager);
    return offers.map((offer) => resolveCategory(offer, rules, taxonomy));
  }
}
