import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ChannelWebhookService } from '#channels';
import {
  IllegalTransitionError,
  assertTransition,
  deriveOrderStatus,
  nextStatuses,
  type RetailerOrderStatus,
} from '#domain';
import { JobQueue, ProblemException, type Actor } from '#platform';
import type { OrderView } from '../orders/order.dto.js';
import { Order } from '../orders/order.entity.js';
import { RetailerOrder } from '../orders/retailer-order.entity.js';
import { RETAILER_NOTICE_QUEUE, type RetailerNoticeJob } from '../order-queues.js';
import type { OrderEventType, RetailerOrderEventData } from './order-events.js';

export interface TransitionRequest {
  readonly to: RetailerOrderStatus;
  readonly reason?: string | null;
  /** Field changes that go with the transition (tracking, external reference). */
  readonly patch?: Partial<Pick<RetailerOrder, 'externalReference' | 'carrier' | 'trackingNumber' | 'trackingUrl'>>;
  /** Runs under the locks, after the status check and before the save (line changes). */
  readonly alongside?: (manager: EntityManager, retailerOrder: RetailerOrder) => Promise<void>;
}

/**
 * The one place a retailer order changes status. Under a lock on the parent order and then the
 * retailer order (always in that order, so concurrent changes of sibling retailer orders queue up
 * instead of deadlocking), it checks the state machine, records the transition, rewrites the
 * order's derived status and publishes the event to the channel, all in the caller's transaction.
 */
@Injectable()
export class RetailerOrderLifecycle {
  constructor(
    private readonly webhooks: ChannelWebhookService,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * Locks the order and the retailer order for a change; null when no such retailer order (for this retailer, if
   * given). A caller that knows the retailer order's order (it never changes) saves a read by passing `orderId`.
   */
  async lock(
    manager: EntityManager,
    retailerOrderId: string,
    { retailerId, orderId }: { retailerId?: string; orderId?: string } = {},
  ): Promise<{ order: Order; retailerOrder: RetailerOrder } | null> {
    const found =
      orderId !== undefined && retailerId === undefined
        ? { orderId }
        : await manager.findOne(RetailerOrder, {
            where: { id: retailerOrderId, ...(retailerId ? { retailerId } : {}) },
            select: { id: true, orderId: true },
          });
    if (!found) return null;
    const order = await manager.findOneOrFail(Order, {
      where: { id: found.orderId },
      lock: { mode: 'pessimistic_write' },
    });
    const retailerOrder = await manager.findOne(RetailerOrder, {
      where: { id: retailerOrderId, orderId: found.orderId },
      lock: { mode: 'pessimistic_write' },
    });
    return retailerOrder ? { order, retailerOrder } : null;
  }

  /** Moves a locked retailer order to another status; 409 problem for a move the state machine forbids. */
  async transition(
    manager: EntityManager,
    actor: Actor,
    locked: { order: Order; retailerOrder: RetailerOrder },
    request: TransitionRequest,
  ): Promise<RetailerOrder> {
    const { order, retailerOrder } = locked;
    const from = retailerOrder.status;
    try {
      assertTransition(from, request.to);
    } catch (error) {
      if (error instanceof IllegalTransitionError) {
        throw new ProblemException(HttpStatus.CONFLICT, 'illegal-transition', 'Illegal status change', error.message, {
          currentStatus: from,
          allowedStatuses: nextStatuses(from),
        });
      }
      throw error;
    }
    await request.alongside?.(manager, retailerOrder);
    const now = new Date();
    Object.assign(retailerOrder, request.patch ?? {});
    retailerOrder.status = request.to;
    if (request.reason !== undefined) retailerOrder.reason = request.reason;
    if (request.to === 'submitted') retailerOrder.submittedAt = now;
    if (request.to === 'accepted') retailerOrder.acceptedAt = now;
    if (request.to === 'shipped') retailerOrder.shippedAt = now;
    if (request.to === 'delivered') retailerOrder.deliveredAt = now;
    if (request.to === 'pending') retailerOrder.reason = null;
    retailerOrder.closedAt = ['refused', 'delivered', 'cancelled'].includes(request.to) ? now : null;
    const { saved, siblingStatuses } = await this.write(manager, retailerOrder, from, actor, request.reason ?? null);
    await this.writeOrderStatus(manager, order, [request.to, ...siblingStatuses]);
    await this.publish(manager, `retailer_order.${request.to}`, order, saved, from);
    if (request.to === 'cancelled' && actor.role !== 'retailer' && retailerKnowsOf(saved)) {
      await this.jobs.send(
        RETAILER_NOTICE_QUEUE,
        { retailerOrderId: saved.id, type: 'retailer_order.cancelled' } satisfies RetailerNoticeJob,
        { manager },
      );
    }
    return saved;
  }

  /**
   * Writes what a transition changes of a retailer order and records the transition, in one statement that returns the
   * new version and update time and the statuses of the order's other retailer orders (as the order's lock holder sees
   * them, its own earlier changes included). The row is locked and in hand, so unlike `save` it is not read again.
   */
  private async write(
    manager: EntityManager,
    retailerOrder: RetailerOrder,
    from: RetailerOrderStatus,
    actor: Actor,
    reason: string | null,
  ): Promise<{ saved: RetailerOrder; siblingStatuses: RetailerOrderStatus[] }> {
    const rows = (await manager.query(
      `WITH written AS (
         UPDATE retailer_order
            SET status = $2, reason = $3, submitted_at = $4, accepted_at = $5, shipped_at = $6, delivered_at = $7,
                closed_at = $8, external_reference = $9, carrier = $10, tracking_number = $11, tracking_url = $12,
                version = version + 1, updated_at = CURRENT_TIMESTAMP
          WHERE id = $1
         RETURNING id, order_id, version, updated_at
       ), recorded AS (
         INSERT INTO retailer_order_transition (retailer_order_id, from_status, to_status, actor_role, reason)
         SELECT id, $13, $2, $14, $15 FROM written
       )
       SELECT written.version, written.updated_at,
              array(SELECT sibling.status FROM retailer_order sibling
                     WHERE sibling.order_id = written.order_id AND sibling.id <> written.id) AS sibling_statuses
         FROM written`,
      [
        retailerOrder.id,
        retailerOrder.status,
        retailerOrder.reason,
        retailerOrder.submittedAt,
        retailerOrder.acceptedAt,
        retailerOrder.shippedAt,
        retailerOrder.deliveredAt,
        retailerOrder.closedAt,
        retailerOrder.externalReference,
        retailerOrder.carrier,
        retailerOrder.trackingNumber,
        retailerOrder.trackingUrl,
        from,
        actor.role,
        reason,
      ],
    )) as { version: number; updated_at: Date; sibling_statuses: RetailerOrderStatus[] }[];
    const [written] = rows;
    if (!written) throw new Error(`retailer order ${retailerOrder.id} vanished under its lock`);
    retailerOrder.version = written.version;
    retailerOrder.updatedAt = written.updated_at;
    return { saved: retailerOrder, siblingStatuses: written.sibling_statuses };
  }

  /** Rewrites the order's derived status from its retailer orders' statuses (the caller holds the order's lock). */
  private async writeOrderStatus(manager: EntityManager, order: Order, statuses: RetailerOrderStatus[]): Promise<void> {
    const status = deriveOrderStatus(statuses);
    if (status !== order.status) {
      order.status = status;
      await manager.update(Order, { id: order.id }, { status });
    }
  }

  /** Publishes `order.created` to the order's channel, in the checkout's transaction, from the new order's view. */
  async publishCreated(manager: EntityManager, order: OrderView): Promise<void> {
    await this.webhooks.publish(manager, order.channelId, 'order.created', {
      orderId: order.id,
      orderStatus: order.status,
      totals: order.totals,
      retailerOrders: order.retailerOrders.map((retailerOrder) => ({
        retailerOrderId: retailerOrder.id,
        retailerId: retailerOrder.retailerId,
        status: retailerOrder.status,
        version: retailerOrder.version,
        currency: retailerOrder.currency,
        totalMinor: retailerOrder.totalMinor,
      })),
    });
  }

  /** Publishes a retailer order event to the order's channel, in the caller's transaction. */
  async publish(
    manager: EntityManager,
    type: OrderEventType,
    order: Order,
    retailerOrder: RetailerOrder,
    previousStatus: RetailerOrderStatus | null,
    extra: Partial<RetailerOrderEventData> = {},
  ): Promise<void> {
    const data: RetailerOrderEventData = {
      orderId: order.id,
      orderStatus: order.status,
      retailerOrderId: retailerOrder.id,
      retailerId: retailerOrder.retailerId,
      status: retailerOrder.status,
      previousStatus,
      version: retailerOrder.version,
      reason: retailerOrder.reason,
      externalReference: retailerOrder.externalReference,
      tracking:
        retailerOrder.trackingNumber || retailerOrder.carrier
          ? { carrier: retailerOrder.carrier, number: retailerOrder.trackingNumber, url: retailerOrder.trackingUrl }
          : null,
      ...extra,
    };
    await this.webhooks.publish(manager, order.channelId, type, data);
  }
}

/** Whether the retailer may have the order in its own system, so a cancellation must be sent to it. */
function retailerKnowsOf(retailerOrder: RetailerOrder): boolean {
  return (
    retailerOrder.method === 'webhook' &&
    (retailerOrder.externalReference !== null || retailerOrder.routingAttempts > 0)
  );
}
