import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobQueue, OutboundPolicy, SecretBox, postWebhook, type Job } from '#platform';
import { RetailerOrder } from '../orders/retailer-order.entity.js';
import { RetailerOrderSettings } from '../settings/retailer-order-settings.entity.js';
import { RETAILER_NOTICE_QUEUE, type RetailerNoticeJob } from '../order-queues.js';

/**
 * Tells a webhook retailer that an order it may hold was cancelled by someone else (the channel,
 * an operator, the acceptance deadline): a signed `retailer_order.cancelled` POST to its order URL,
 * retried with backoff by pg-boss on transient failures.
 */
@Injectable()
export class RetailerNotices implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly secrets: SecretBox,
    private readonly outbound: OutboundPolicy,
  ) {}

  onModuleInit(): void {
    this.jobs.register<RetailerNoticeJob>({
      queue: RETAILER_NOTICE_QUEUE,
      settings: { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 30 },
      handle: (job) => this.notify(job),
    });
  }

  private async notify(job: Job<RetailerNoticeJob>): Promise<void> {
    const retailerOrder = await this.dataSource
      .getRepository(RetailerOrder)
      .findOne({ where: { id: job.data.retailerOrderId } });
    if (!retailerOrder) return;
    const settings = await this.dataSource
      .getRepository(RetailerOrderSettings)
      .findOne({ where: { retailerId: retailerOrder.retailerId } });
    if (!settings?.webhookUrl || !settings.webhookSecretSealed) return;
    const body = JSON.stringify({
      type: job.data.type,
      timestamp: new Date().toISOString(),
      data: {
        retailerOrderId: retailerOrder.id,
        orderId: retailerOrder.orderId,
        reference: retailerOrder.externalReference,
        reason: retailerOrder.reason,
      },
    });
    const attempt = await postWebhook(
      settings.webhookUrl,
      this.secrets.open(settings.webhookSecretSealed),
      { id: `${retailerOrder.id}.cancelled`, body },
      { outbound: this.outbound },
    );
    // 404: the retailer never got the order (every placing attempt failed before it was created).
    if (attempt.ok || attempt.status === 404 || !attempt.retryable) return;
    throw new Error(`cancellation notice for retailer order ${retailerOrder.id} not delivered: ${attempt.error}`);
  }
}
