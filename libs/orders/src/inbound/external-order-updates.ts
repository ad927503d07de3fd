import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ExternalOrderUpdate } from '#connector-sdk';
import { canTransition, type RetailerOrderStatus } from '#domain';
import type { Actor } from '#platform';
import { RetailerOrderLifecycle } from '../lifecycle/retailer-order-lifecycle.js';
import { RetailerOrderActions } from '../lifecycle/retailer-order-actions.js';
import { RetailerOrder } from '../orders/retailer-order.entity.js';

/** The road a retailer order travels to a status the shop reports. */
const ROAD: readonly RetailerOrderStatus[] = ['pending', 'submitted', 'accepted', 'shipped', 'delivered'];

/**
 * Applies what a shop system says about an order Souk placed there: the retailer order (found by
 * Souk's id kept on the shop's order, else by the shop's reference, always within the config's
 * retailer) moves forward along pending → submitted → accepted → shipped → delivered, one legal
 * step at a time so every step is recorded and sent to the channel; or it is cancelled or refused.
 * An update that would move it backwards, or that the state machine forbids, changes nothing.
 */
@Injectable()
export class ExternalOrderUpdates {
  private readonly logger = new Logger(ExternalOrderUpdates.name);

  constructor(
    private readonly lifecycle: RetailerOrderLifecycle,
    private readonly actions: RetailerOrderActions,
  ) {}

  async apply(manager: EntityManager, actor: Actor, retailerId: string, update: ExternalOrderUpdate): Promise<boolean> {
    const found =
      (update.retailerOrderId && /^[0-9a-f-]{36}$/i.test(update.retailerOrderId)
        ? await manager.findOne(RetailerOrder, {
            where: { id: update.retailerOrderId, retailerId },
            select: { id: true },
          })
        : null) ??
      (update.reference
        ? await manager.findOne(RetailerOrder, {
            where: { retailerId, externalReference: update.reference },
            select: { id: true },
          })
        : null);
    if (!found || !update.status) return false;
    const locked = await this.lifecycle.lock(manager, found.id, { retailerId });
    if (!locked) return false;
    const from = locked.retailerOrder.status;
    const target = update.status;
    if (target === 'cancelled' || target === 'refused') {
      if (!canTransition(from, target)) return this.ignored(found.id, from, target);
      await this.actions.closeLocked(manager, actor, locked, target, update.reason ?? `${target} in the shop system`);
      return true;
    }
    const start = ROAD.indexOf(from);
    const end = ROAD.indexOf(target);
    if (start < 0 || end <= start) return this.ignored(found.id, from, target);
    for (const step of ROAD.slice(start + 1, end + 1)) {
      const patch =
        step === 'submitted' && update.reference
          ? { externalReference: update.reference }
          : step === 'shipped' && update.tracking
            ? {
                carrier: update.tracking.carrier,
                trackingNumber: update.tracking.number,
                trackingUrl: update.tracking.url,
              }
            : {};
      if (step === 'accepted') await this.actions.acceptLocked(manager, actor, locked);
      else await this.lifecycle.transition(manager, actor, locked, { to: step, patch });
    }
    return true;
  }

  private ignored(id: string, from: RetailerOrderStatus, to: RetailerOrderStatus): boolean {
    this.logger.log({ retailerOrderId: id, from, to }, 'shop order update ignored: it does not move the order forward');
    return false;
  }
}
