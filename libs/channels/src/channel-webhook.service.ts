import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  InstanceRegistry,
  JobQueue,
  OutboundPolicy,
  PageQuery,
  ProblemException,
  SecretBox,
  paginate,
  postWebhook,
  type Job,
  type Page,
} from '#platform';
import { ChannelWebhookDelivery } from './channel-webhook-delivery.entity.js';
import { WebhookDeliveryView } from './channel-webhook.dto.js';
import { Channel } from './channel.entity.js';

export const CHANNEL_WEBHOOK_QUEUE = 'channel-webhook.deliver';
/** Attempts after the first; with backoff from 5 s this spans about an hour and a half. */
const RETRY_LIMIT = 10;

interface DeliverJob {
  deliveryId: string;
}

/**
 * Webhooks to channels, signed with the channel's secret (Standard Webhooks) and delivered at
 * least once by the worker role: the event is recorded and its job enqueued in one transaction,
 * transient failures are retried with exponential backoff, and every attempt is recorded.
 */
@Injectable()
export class ChannelWebhookService implements OnModuleInit {
  private readonly logger = new Logger(ChannelWebhookService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly secrets: SecretBox,
    private readonly instances: InstanceRegistry,
    private readonly outbound: OutboundPolicy,
  ) {}

  onModuleInit(): void {
    this.jobs.register<DeliverJob>({
      queue: CHANNEL_WEBHOOK_QUEUE,
      // A delivery takes at most its 10 s timeout, so the job of a worker that died mid-delivery
      // expires and goes to another worker within about half a minute.
      settings: { retryLimit: RETRY_LIMIT, retryDelay: 5, retryBackoff: true, expireInSeconds: 30 },
      concurrency: 8,
      handle: (job) => this.deliver(job),
    });
  }

  /** Sends a `channel.webhook_test` event, so a channel can check that it receives and verifies webhooks. */
  async sendTestEvent(channelId: string): Promise<WebhookDeliveryView> {
    return this.dataSource.transaction(async (manager) => {
      const channel = await manager.findOne(Channel, { where: { id: channelId } });
      if (!channel) throw ProblemException.notFound(`Channel ${channelId}`);
      if (!channel.webhookUrl) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'conflict',
          'Conflict',
          'The channel has no webhook URL; set webhookUrl first.',
          {
            errors: [{ field: 'webhookUrl', message: 'is not set' }],
          },
        );
      }
      const id = randomUUID();
      const body = JSON.stringify({
        type: 'channel.webhook_test',
        timestamp: new Date().toISOString(),
        data: { channelId, message: 'A test event from Souk. Verify its signature with your webhook secret.' },
      });
      const delivery = await manager.save(
        manager.create(ChannelWebhookDelivery, { id, channelId, eventType: 'channel.webhook_test', body }),
      );
      await this.jobs.send(CHANNEL_WEBHOOK_QUEUE, { deliveryId: id } satisfies DeliverJob, { manager });
      return WebhookDeliveryView.of(delivery);
    });
  }

  /**
   * Records an event for the channel's webhook and enqueues its delivery in the caller's
   * transaction, so the event exists exactly when the change it reports commits. A channel
   * without a webhook URL gets nothing (it reads the same facts through the API).
   */
  async publish(manager: EntityManager, channelId: string, type: string, data: object): Promise<void> {
    const id = randomUUID();
    const body = JSON.stringify({ type, timestamp: new Date().toISOString(), data });
    // Recorded only for a channel with a webhook URL, which the insert itself checks: one round trip, not two.
    const recorded = (await manager.query(
      `INSERT INTO channel_webhook_delivery (id, channel_id, event_type, body)
       SELECT $1, c.id, $3, $4 FROM channel c WHERE c.id = $2 AND c.webhook_url IS NOT NULL
       RETURNING id`,
      [id, channelId, type, body],
    )) as { id: string }[];
    if (recorded.length === 0) return;
    await this.jobs.send(CHANNEL_WEBHOOK_QUEUE, { deliveryId: id } satisfies DeliverJob, { manager });
  }

  /**
   * Sends a recorded event again, with the same webhook-id and body, so a receiver that
   * deduplicates by webhook-id still processes it once. A delivery still pending is left to run.
   */
  async replay(channelId: string, deliveryId: string): Promise<WebhookDeliveryView> {
    return this.dataSource.transaction(async (manager) => {
      const delivery = await manager.findOne(ChannelWebhookDelivery, {
        where: { id: deliveryId, channelId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!delivery) throw ProblemException.notFound(`Webhook delivery ${deliveryId}`);
      if (delivery.status === 'pending')
        throw ProblemException.conflict('The delivery is still pending; it will be retried on its own.');
      delivery.status = 'pending';
      delivery.deliveredAt = null;
      await manager.save(delivery);
      await this.jobs.send(CHANNEL_WEBHOOK_QUEUE, { deliveryId } satisfies DeliverJob, { manager });
      return WebhookDeliveryView.of(delivery);
    });
  }

  async list(channelId: string, page: PageQuery): Promise<Page<WebhookDeliveryView>> {
    const query = this.dataSource
      .getRepository(ChannelWebhookDelivery)
      .createQueryBuilder('delivery')
      .where('delivery.channelId = :channelId', { channelId });
    const result = await paginate(query, 'delivery', page);
    return { items: result.items.map((delivery) => WebhookDeliveryView.of(delivery)), nextCursor: result.nextCursor };
  }

  private async deliver(job: Job<DeliverJob>): Promise<void> {
    const repository = this.dataSource.getRepository(ChannelWebhookDelivery);
    // One statement: findOne with a relation reads the ids first and then the rows.
    const delivery = await repository
      .createQueryBuilder('delivery')
      .innerJoinAndSelect('delivery.channel', 'channel')
      .where('delivery.id = :id', { id: job.data.deliveryId })
      .getOne();
    if (!delivery || delivery.status !== 'pending') return;
    const channel = delivery.channel as Channel;
    const attempt = channel.webhookUrl
      ? await postWebhook(
          channel.webhookUrl,
          this.secrets.open(channel.webhookSecretSealed),
          { id: delivery.id, body: delivery.body },
          { outbound: this.outbound },
        )
      : { ok: false, retryable: false, status: null, error: 'the channel has no webhook URL' };
    const lastTry = job.retryCount >= RETRY_LIMIT;
    const status = attempt.ok ? 'delivered' : attempt.retryable && !lastTry ? 'pending' : 'failed';
    await repository.update(
      { id: delivery.id },
      {
        status,
        attempts: () => 'attempts + 1',
        lastAttemptAt: new Date(),
        lastResponseStatus: attempt.status,
        lastError: attempt.error,
        lastAttemptInstanceId: this.instances.id,
        deliveredAt: attempt.ok ? new Date() : null,
      },
    );
    if (status === 'pending') {
      // Failing the job makes pg-boss retry it later with backoff.
      throw new Error(`webhook ${delivery.id} to channel ${channel.id} not delivered: ${attempt.error}`);
    }
    if (status === 'failed')
      this.logger.warn(
        { deliveryId: delivery.id, channelId: channel.id, error: attempt.error },
        'channel webhook failed for good',
      );
  }
}
