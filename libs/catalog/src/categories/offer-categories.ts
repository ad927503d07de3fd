import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NormalizedOffer } from '#domain';
import type { WrittenOffer } from '../offers/offer-writer.js';
import { categoryChanges } from './category-changes.js';
import { categoryAssignLock } from './category-locks.js';
import { CategoryRemapService } from './category-remap.service.js';
import { writeCategoryChanges } from './offer-category-writer.js';

/**
 * Gives the offers a sync page just wrote their unified category, in the page's transaction. The
 * lock is taken before the rules are read, so a remap that follows a rule change sees every page
 * written under the older rules.
 */
@Injectable()
export class OfferCategories {
  constructor(private readonly remap: CategoryRemapService) {}

  async assign(manager: EntityManager, retailerId: string, written: readonly WrittenOffer[], offers: readonly NormalizedOffer[]): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [categoryAssignLock(retailerId)]);
    const rules = await this.remap.rulesFor(retailerId, manager);
    const taxonomy = await this.remap.taxonomy(manager);
    const byId = new Map(offers.map((offer) => [offer.retailerItemId, offer]));
    const states = written.flatMap((row) => {
      const offer = byId.get(row.retailerItemId);
      return offer
        ? [{ id: row.id, categoryId: row.categoryId, categoryPath: offer.categoryPath, googleProductCategory: offer.googleProductCategory, title: offer.title }]
        : [];
    });
    await writeCategoryChanges(manager, categoryChanges(states, rules, taxonomy));
  }
}
