import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConnectorConfig, ConnectorContextFactory, ConnectorRegistry } from '#integrations';
import {
  APP_CONFIG,
  InstanceRegistry,
  JobQueue,
  OutboundPolicy,
  SYSTEM_ACTOR,
  SecretBox,
  type AppConfig,
  type Job,
} from '#platform';
import { Retailer } from '#retailers';
import { RetailerOrderLifecycle } from '../lifecycle/retailer-order-lifecycle.js';
import { RetailerOrder } from '../orders/retailer-order.entity.js';
import { deliverOrderByConnector } from './connector-order-delivery.js';
import type { DeliveryResult } from './delivery-result.js';
import { claimedAttemptOf, claimNextAttempt, type ClaimedAttempt, type RoutedRetailerOrder } from './route-claim.js';
import { RoutingAttempt } from '../orders/routing-attempt.entity.js';
import { ROUTE_QUEUE, type RouteJob } from '../order-queues.js';
import { deliverOrderByWebhook } from './webhook-order-delivery.js';
import { retryDelayMs } from './retry-delay.js';

/**
 * Routes retailer orders to their retailers (worker role). Each job makes one attempt:
 *   1. claim: under the order's lock, check the retailer order is still pending and that this job's
 *      attempt is the next one, and record the attempt as started;
 *   2. call the retailer with no lock held (webhook or connector), always with the retailer order id
 *      as idempotency key, so a repeated call finds the order it created instead of making another;
 *   3. record the outcome and, in the same transaction, move the retailer order on: submitted when
 *      placed, failed when refused for good or out of attempts, else the next attempt as a job
 *      delayed by backoff or by the retailer's Retry-After.
 * A worker killed mid-call leaves an unfinished attempt; pg-boss hands the job to another worker
 * (heartbeat), which marks that attempt abandoned and makes it again.
 */
@Injectable()
export class OrderRouter implements OnModuleInit {
  private readonly logger = new Logger(OrderRouter.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly lifecycle: RetailerOrderLifecycle,
    private readonly secrets: SecretBox,
    private readonly instances: InstanceRegistry,
    private readonly connectors: ConnectorRegistry,
    private readonly contexts: ConnectorContextFactory,
    private readonly outbound: OutboundPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<RouteJob>({
      queue: ROUTE_QUEUE,
      // pg-boss retries a job only when a worker died or the database failed mid-job (the job
      // expires a little after the longest call could end); the retailer's own failures are
      // retried as new jobs with their own delay.
      settings: {
        retryLimit: 5,
        retryDelay: 1,
        retryBackoff: true,
        expireInSeconds: Math.ceil(this.config.orderRouting.timeoutMs / 1000) + 20,
      },
      concurrency: this.config.orderRouting.concurrency,
      handle: (job) => this.route(job),
    });
  }

  private async route(job: Job<RouteJob>): Promise<void> {
    const claimed = await this.claim(job.data);
    if (!claimed) return;
    const result = await this.deliver(claimed).catch((error: unknown): DeliveryResult => ({
      kind: 'retry',
      status: null,
      error: `could not send: ${error instanceof Error ? error.message : String(error)}`,
      retryAfterMs: null,
    }));
    await this.settle(claimed.retailerOrder, claimed.attempt, result);
  }

  /** The next attempt in one statement; a job whose attempt was started before takes the longer way. */
  private async claim(job: RouteJob): Promise<ClaimedAttempt | null> {
    const claimed = await claimNextAttempt(
      this.dataSource.manager,
      job.retailerOrderId,
      job.attempt,
      this.instances.id,
    );
    return claimed ?? this.claimAgain(job);
  }

  /**
   * The claim of a job whose attempt is not the retailer order's next one: by a worker that died mid-call (its attempt
   * is marked abandoned and made again), a stale copy, or an order no longer pending (nothing to do).
   */
  private async claimAgain(job: RouteJob): Promise<ClaimedAttempt | null> {
    return this.dataSource.transaction(async (manager) => {
      // Only the retailer order's row: a claim changes no status, so it need not queue behind its
      // siblings on the parent order's lock.
      const retailerOrder = await manager.findOne(RetailerOrder, {
        where: { id: job.retailerOrderId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!retailerOrder || retailerOrder.status !== 'pending') return null;
      if (retailerOrder.routingAttempts >= job.attempt) {
        const earlier = await manager.findOne(RoutingAttempt, {
          where: { retailerOrderId: retailerOrder.id, number: retailerOrder.routingAttempts },
        });
        if (!earlier || earlier.outcome !== null || retailerOrder.routingAttempts !== job.attempt) return null;
        await manager.update(
          RoutingAttempt,
          { id: earlier.id },
          { outcome: 'abandoned', finishedAt: new Date(), error: 'the worker stopped during the call' },
        );
      } else if (retailerOrder.routingAttempts !== job.attempt - 1) {
        return null;
      }
      const number = retailerOrder.routingAttempts + 1;
      await manager.update('retailer_order', { id: retailerOrder.id }, { routingAttempts: number });
      const attempt = await manager.save(
        manager.create(RoutingAttempt, {
          retailerOrderId: retailerOrder.id,
          number,
          method: retailerOrder.method,
          startedAt: new Date(),
          instanceId: this.instances.id,
        }),
      );
      return claimedAttemptOf(manager, retailerOrder.id, attempt.id);
    });
  }

  private async deliver({ retailerOrder, outbound, webhook }: ClaimedAttempt): Promise<DeliveryResult> {
    const { timeoutMs } = this.config.orderRouting;
    if (retailerOrder.method === 'webhook') {
      if (!webhook.url || !webhook.secretSealed)
        return { kind: 'rejected', status: null, error: 'the retailer has no order webhook URL' };
      return deliverOrderByWebhook(webhook.url, this.secrets.open(webhook.secretSealed), outbound, {
        timeoutMs,
        outbound: this.outbound,
      });
    }
    if (retailerOrder.method === 'connector') {
      const config = retailerOrder.connectorConfigId
        ? await this.dataSource
            .getRepository(ConnectorConfig)
            .findOne({ where: { id: retailerOrder.connectorConfigId } })
        : null;
      const connector = config ? this.connectors.get(config.connectorId) : undefined;
      if (!config || !connector?.orders)
        return {
          kind: 'rejected',
          status: null,
          error: "the retailer's order connector config is gone or cannot place orders",
        };
      const retailer = await this.dataSource
        .getRepository(Retailer)
        .findOneOrFail({ where: { id: retailerOrder.retailerId } });
      return deliverOrderByConnector(
        connector.orders,
        this.contexts.create(config, retailer, AbortSignal.timeout(timeoutMs)),
        outbound,
      );
    }
    return { kind: 'rejected', status: null, error: `retailer orders by ${retailerOrder.method} are not routed` };
  }

  private async settle(
    retailerOrder: RoutedRetailerOrder,
    attempt: ClaimedAttempt['attempt'],
    result: DeliveryResult,
  ): Promise<void> {
    const { maxAttempts, retryBaseMs } = this.config.orderRouting;
    const retailerOrderId = retailerOrder.id;
    const inSeries = attempt.number - retailerOrder.routingSeriesStart;
    await this.dataSource.transaction(async (manager) => {
      const retry = result.kind === 'retry' && inSeries < maxAttempts;
      const retryAt = retry
        ? new Date(Date.now() + Math.max(retryDelayMs(inSeries, retryBaseMs), result.retryAfterMs ?? 0))
        : null;
      await manager.update(
        RoutingAttempt,
        { id: attempt.id },
        {
          finishedAt: new Date(),
          outcome: result.kind === 'placed' ? 'placed' : result.kind === 'retry' ? 'retry' : 'rejected',
          responseStatus: result.status,
          error: result.kind === 'placed' ? null : result.error,
          retryAt,
        },
      );
      if (retry && retryAt) {
        // A transient failure changes no status: the next attempt is queued under the retailer order's lock alone.
        const current = await manager.findOne(RetailerOrder, {
          where: { id: retailerOrderId },
          lock: { mode: 'pessimistic_write' },
        });
        if (current?.status === 'pending')
          await this.jobs.send(ROUTE_QUEUE, { retailerOrderId, attempt: attempt.number + 1 } satisfies RouteJob, {
            manager,
            startAfter: retryAt,
          });
        return;
      }
      const locked = await this.lifecycle.lock(manager, retailerOrderId, { orderId: retailerOrder.orderId });
      if (!locked) return;
      if (locked.retailerOrder.status !== 'pending') {
        // Cancelled while the call was in flight: the retailer may now hold it, so it is told.
        if (result.kind === 'placed' && locked.retailerOrder.externalReference === null) {
          await manager.update('retailer_order', { id: retailerOrderId }, { externalReference: result.reference });
        }
        return;
      }
      if (result.kind === 'placed') {
        await this.lifecycle.transition(manager, SYSTEM_ACTOR, locked, {
          to: 'submitted',
          patch: { externalReference: result.reference },
        });
      } else {
        const reason =
          result.kind === 'retry'
            ? `gave up after ${inSeries} attempts; the last ${result.error}`
            : `the retailer refused the order: ${result.error}`;
        await this.lifecycle.transition(manager, SYSTEM_ACTOR, locked, { to: 'failed', reason });
        this.logger.warn(
          { retailerOrderId, attempts: attempt.number, error: result.error },
          'retailer order routing failed',
        );
      }
    });
  }
}
