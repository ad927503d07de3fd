import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { WebhookEvent } from '#connector-sdk';
import { WebhookEventHandlers, type WebhookEventContext, type WebhookEventHandler } from '#integrations';
import { ExternalOrderUpdates } from './external-order-updates.js';

/** What a shop's webhook says of the orders Souk placed there: each update moves its retailer order along. */
@Injectable()
export class OrderWebhookEvents implements WebhookEventHandler, OnModuleInit {
  readonly handles = ['order-updated'] as const;

  constructor(
    private readonly handlers: WebhookEventHandlers,
    private readonly updates: ExternalOrderUpdates,
  ) {}

  onModuleInit(): void {
    this.handlers.register(this);
  }

  async apply({ manager, config, actor }: WebhookEventContext, events: readonly WebhookEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type === 'order-updated') await this.updates.apply(manager, actor, config.retailerId, event.order);
    }
  }
}
