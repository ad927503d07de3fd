import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CommissionLedger } from '#commission';
import { allocateProportionally, isBeforeShipment } from '#domain';
import { JobQueue, ProblemException, type Actor } from '#platform';
import { OrderLine } from '../orders/order-line.entity.js';
import type { Order } from '../orders/order.entity.js';
import { Refund, type RefundedLine } from '../orders/refund.entity.js';
import { RetailerOrder } from '../orders/retailer-order.entity.js';
import { ROUTE_QUEUE, type RouteJob } from '../order-queues.js';
import { RetailerOrderLifecycle } from './retailer-order-lifecycle.js';
import type { AcceptBody, RefundBody, ShipBody } from './retailer-order-actions.dto.js';
import { RefundView } from './retailer-order-actions.dto.js';
import { ledgerLines } from './ledger-lines.js';

export type Locked = { order: Order; retailerOrder: RetailerOrder };

/** What retailers, channels and operators do to retailer orders; each in one transaction under the order's lock. */
@Injectable()
export class RetailerOrderActions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: RetailerOrderLifecycle,
    private readonly jobs: JobQueue,
    private readonly ledger: CommissionLedger,
  ) {}

  /** A pulling retailer confirms it has taken the order into its system, with its reference. */
  acknowledge(actor: Actor, id: string, reference: string): Promise<void> {
    return this.act(actor, id, (manager, locked) =>
      this.lifecycle.transition(manager, actor, locked, { to: 'submitted', patch: { externalReference: reference } }),
    );
  }

  accept(actor: Actor, id: string, body: AcceptBody): Promise<void> {
    return this.act(actor, id, (manager, locked) => this.acceptLocked(manager, actor, locked, body.lines ?? []));
  }

  /** Accepts a locked retailer order, refusing the lines decided so; refusing every line refuses the order. */
  async acceptLocked(
    manager: EntityManager,
    actor: Actor,
    locked: Locked,
    decisionList: readonly { lineId: string; accepted: boolean; reason?: string }[] = [],
  ): Promise<void> {
    const lines = await manager.find(OrderLine, { where: { retailerOrderId: locked.retailerOrder.id } });
    const decisions = new Map(decisionList.map((decision) => [decision.lineId, decision]));
    const unknown = [...decisions.keys()].filter((lineId) => !lines.some((line) => line.id === lineId));
    if (unknown.length > 0)
      throw ProblemException.validation(
        unknown.map((lineId) => ({
          field: `lines[${decisionList.findIndex((line) => line.lineId === lineId)}].lineId`,
          message: 'is not a line of this order',
        })),
      );
    const refused = lines.filter((line) => decisions.get(line.id)?.accepted === false);
    const everyLineRefused = refused.length === lines.length;
    const to = everyLineRefused ? 'refused' : 'accepted';
    const reason = everyLineRefused
      ? refused
          .map((line) => decisions.get(line.id)?.reason)
          .filter(Boolean)
          .join('; ')
      : null;
    await this.lifecycle.transition(manager, actor, locked, {
      to,
      reason,
      alongside: async (_manager, retailerOrder) => {
        for (const line of lines) {
          const decision = decisions.get(line.id);
          await manager.update(
            OrderLine,
            { id: line.id },
            decision?.accepted === false
              ? { status: 'refused', reason: decision.reason ?? null }
              : { status: 'accepted', reason: null },
          );
        }
        // The commission of the accepted lines is earned now.
        await this.ledger.accrue(
          manager,
          actor,
          ledgerLines(
            retailerOrder,
            lines.filter((line) => decisions.get(line.id)?.accepted !== false),
          ),
        );
      },
    });
  }

  /** Cancels or refuses a locked retailer order, closing its lines (accepted ones give back their commission). */
  async closeLocked(
    manager: EntityManager,
    actor: Actor,
    locked: Locked,
    to: 'cancelled' | 'refused',
    reason: string,
  ): Promise<void> {
    await this.lifecycle.transition(manager, actor, locked, {
      to,
      reason,
      alongside: () => this.closeOpenLines(manager, actor, locked.retailerOrder, to, reason),
    });
  }

  refuse(actor: Actor, id: string, reason: string): Promise<void> {
    return this.act(actor, id, (manager, locked) => this.closeLocked(manager, actor, locked, 'refused', reason));
  }

  ship(actor: Actor, id: string, body: ShipBody): Promise<void> {
    return this.act(actor, id, (manager, locked) =>
      this.lifecycle.transition(manager, actor, locked, {
        to: 'shipped',
        patch: { carrier: body.carrier, trackingNumber: body.number, trackingUrl: body.url ?? null },
      }),
    );
  }

  deliver(actor: Actor, id: string): Promise<void> {
    return this.act(actor, id, (manager, locked) =>
      this.lifecycle.transition(manager, actor, locked, { to: 'delivered' }),
    );
  }

  cancel(actor: Actor, id: string, reason: string): Promise<void> {
    return this.act(actor, id, (manager, locked) => this.cancelLocked(manager, actor, locked, reason));
  }

  /** A channel cancels its order: every part not yet shipped is cancelled; 409 if any part has shipped. */
  async cancelOrder(actor: Actor, orderId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // By retailer and currency: the ledger takes a lock per retailer and currency, and two
      // cancellations that took them in different orders would deadlock.
      const parts = await manager.find(RetailerOrder, {
        where: { orderId },
        select: { id: true, retailerId: true, currency: true },
        order: { retailerId: 'ASC', currency: 'ASC', id: 'ASC' },
      });
      const lockedParts: Locked[] = [];
      for (const part of parts) lockedParts.push((await this.lifecycle.lock(manager, part.id)) as Locked);
      const shipped = lockedParts.filter(
        ({ retailerOrder }) => retailerOrder.status === 'shipped' || retailerOrder.status === 'delivered',
      );
      if (shipped.length > 0)
        throw ProblemException.conflict(
          'Part of the order has already shipped; it can no longer be cancelled.',
          'status',
        );
      const open = lockedParts.filter(({ retailerOrder }) => isBeforeShipment(retailerOrder.status));
      if (open.length === 0) throw ProblemException.conflict('The order has nothing left to cancel.', 'status');
      for (const locked of open) await this.cancelLocked(manager, actor, locked, reason);
    });
  }

  /** An operator sends a failed retailer order back to routing, starting a fresh series of attempts. */
  retryRouting(actor: Actor, id: string): Promise<void> {
    return this.act(actor, id, async (manager, locked) => {
      if (locked.retailerOrder.method === 'pull')
        throw ProblemException.conflict('This retailer pulls its orders; there is nothing to retry.', 'method');
      await this.lifecycle.transition(manager, actor, locked, { to: 'pending' });
      await manager.update(RetailerOrder, { id }, { routingSeriesStart: locked.retailerOrder.routingAttempts });
      await this.jobs.send(
        ROUTE_QUEUE,
        { retailerOrderId: id, attempt: locked.retailerOrder.routingAttempts + 1 } satisfies RouteJob,
        { manager },
      );
    });
  }

  async refund(actor: Actor, id: string, body: RefundBody, retailerId?: string): Promise<RefundView> {
    if (body.amountMinor !== undefined && body.lines !== undefined)
      throw ProblemException.validation([{ field: 'amountMinor', message: 'give amountMinor or lines, not both' }]);
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.lifecycle.lock(manager, id, { retailerId });
      if (!locked) throw ProblemException.notFound(`Retailer order ${id}`);
      const { retailerOrder } = locked;
      if (!['accepted', 'shipped', 'delivered'].includes(retailerOrder.status)) {
        throw ProblemException.conflict(
          `A retailer order that is ${retailerOrder.status} cannot be refunded; ` +
            'only accepted, shipped or delivered ones.',
          'status',
        );
      }
      const lines = await manager.find(OrderLine, { where: { retailerOrderId: id } });
      const earlier = await manager.find(Refund, { where: { retailerOrderId: id } });
      const refundable =
        lines.filter((line) => line.status === 'accepted').reduce((sum, line) => sum + BigInt(line.totalMinor), 0n) -
        BigInt(retailerOrder.refundedMinor);
      const refundedLines = body.lines ? linesToRefund(body.lines, lines, earlier) : [];
      const amount = body.lines
        ? refundedLines.reduce((sum, line) => sum + BigInt(line.amountMinor), 0n)
        : BigInt(body.amountMinor as string);
      if (amount > refundable) {
        throw ProblemException.unprocessable(
          [
            {
              field: body.lines ? 'lines' : 'amountMinor',
              message: `exceeds what is left to refund (${refundable} minor units)`,
            },
          ],
          'The refund is larger than what is left to refund.',
        );
      }
      const refund = await manager.save(
        manager.create(Refund, {
          retailerOrderId: id,
          currency: retailerOrder.currency,
          amountMinor: amount.toString(),
          lines: refundedLines,
          reason: body.reason,
          actorRole: actor.role,
        }),
      );
      // A plain amount is spread over the accepted lines by what is left to refund of each, exactly.
      const accepted = lines.filter((line) => line.status === 'accepted');
      const perLine = body.lines
        ? accepted.map((line) =>
            refundedLines
              .filter((done) => done.lineId === line.id)
              .reduce((sum, done) => sum + BigInt(done.amountMinor), 0n),
          )
        : allocateProportionally(
            amount,
            accepted.map((line) => BigInt(line.totalMinor) - BigInt(line.refundedMinor)),
          );
      const booked = ledgerLines(retailerOrder, accepted);
      await this.ledger.refund(
        manager,
        actor,
        refund.id,
        booked.map((line, index) => ({ line, refundMinor: perLine[index]! })),
        body.reason,
      );
      for (const [index, line] of accepted.entries()) {
        if (perLine[index]! > 0n)
          await manager.update(
            OrderLine,
            { id: line.id },
            { refundedMinor: (BigInt(line.refundedMinor) + perLine[index]!).toString() },
          );
      }
      retailerOrder.refundedMinor = (BigInt(retailerOrder.refundedMinor) + amount).toString();
      const saved = await manager.save(retailerOrder);
      await this.lifecycle.publish(manager, 'retailer_order.refunded', locked.order, saved, saved.status, {
        refund: {
          id: refund.id,
          amountMinor: refund.amountMinor,
          currency: refund.currency.trim(),
          reason: refund.reason,
        },
      });
      return Object.assign(new RefundView(), {
        id: refund.id,
        retailerOrderId: id,
        currency: refund.currency.trim(),
        amountMinor: refund.amountMinor,
        lines: refund.lines,
        reason: refund.reason,
        createdAt: refund.createdAt,
      });
    });
  }

  async refunds(id: string): Promise<RefundView[]> {
    const rows = await this.dataSource
      .getRepository(Refund)
      .find({ where: { retailerOrderId: id }, order: { createdAt: 'ASC' } });
    return rows.map((refund) =>
      Object.assign(new RefundView(), {
        id: refund.id,
        retailerOrderId: id,
        currency: refund.currency.trim(),
        amountMinor: refund.amountMinor,
        lines: refund.lines,
        reason: refund.reason,
        createdAt: refund.createdAt,
      }),
    );
  }

  private async cancelLocked(manager: EntityManager, actor: Actor, locked: Locked, reason: string): Promise<void> {
    await this.closeLocked(manager, actor, locked, 'cancelled', reason);
  }

  /** Closes the lines still open or accepted; accepted ones give back what is left of their commission. */
  private async closeOpenLines(
    manager: EntityManager,
    actor: Actor,
    retailerOrder: RetailerOrder,
    status: 'refused' | 'cancelled',
    reason: string,
  ): Promise<void> {
    const accepted = await manager.find(OrderLine, {
      where: { retailerOrderId: retailerOrder.id, status: 'accepted' },
    });
    await this.ledger.reverse(manager, actor, ledgerLines(retailerOrder, accepted), reason);
    await manager.update(
      OrderLine,
      { retailerOrderId: retailerOrder.id, status: In(['open', 'accepted']) },
      { status, reason },
    );
  }

  /** Runs an action on a retailer order (of the given retailer only, when `actor` is one), under its lock. */
  private async act(
    actor: Actor,
    id: string,
    action: (manager: EntityManager, locked: Locked) => Promise<unknown>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const locked = await this.lifecycle.lock(manager, id, {
        retailerId: actor.role === 'retailer' ? (actor.retailerId as string) : undefined,
      });
      if (!locked) throw ProblemException.notFound(`Retailer order ${id}`);
      await action(manager, locked);
    });
  }
}

function linesToRefund(
  wanted: readonly { lineId: string; quantity: number }[],
  lines: readonly OrderLine[],
  earlier: readonly Refund[],
): RefundedLine[] {
  return wanted.map((want, index) => {
    const line = lines.find((candidate) => candidate.id === want.lineId);
    if (!line)
      throw ProblemException.validation([{ field: `lines[${index}].lineId`, message: 'is not a line of this order' }]);
    if (line.status !== 'accepted')
      throw ProblemException.unprocessable(
        [{ field: `lines[${index}].lineId`, message: `the line is ${line.status}, not accepted` }],
        'Only accepted lines can be refunded.',
      );
    const refunded = earlier
      .flatMap((refund) => refund.lines)
      .filter((done) => done.lineId === line.id)
      .reduce((sum, done) => sum + done.quantity, 0);
    if (want.quantity > line.quantity - refunded) {
      throw ProblemException.unprocessable(
        [
          {
            field: `lines[${index}].quantity`,
            message: `must be at most ${line.quantity - refunded} (the quantity not yet refunded)`,
          },
        ],
        'More than what is left of the line.',
      );
    }
    const amount = BigInt(line.unitPriceMinor) * BigInt(want.quantity);
    if (amount > BigInt(line.totalMinor) - BigInt(line.refundedMinor)) {
      throw ProblemException.unprocessable(
        [
          {
            field: `lines[${index}].quantity`,
            message: 'is more than what is left to refund of the line after earlier refunds',
          },
        ],
        'More than what is left of the line.',
      );
    }
    return { lineId: line.id, quantity: want.quantity, amountMinor: amount.toString() };
  });
}
