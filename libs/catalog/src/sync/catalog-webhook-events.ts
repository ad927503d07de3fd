import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { WebhookEvent } from '#connector-sdk';
import { WebhookEventHandlers, type WebhookEventContext, type WebhookEventHandler } from '#integrations';
import { CatalogChangeRequests } from './catalog-change-requests.js';

/**
 * What a shop's webhook says of its catalog: removed items are marked removed, and any change asks for an incremental
 * sync.
 */
@Injectable()
export class CatalogWebhookEvents implements WebhookEventHandler, OnModuleInit {
  readonly handles = ['catalog-changed', 'items-removed'] as const;

  constructor(
    private readonly handlers: WebhookEventHandlers,
    private readonly changes: CatalogChangeRequests,
  ) {}

  onModuleInit(): void {
    this.handlers.register(this);
  }

  async apply({ manager, config }: WebhookEventContext, events: readonly WebhookEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type === 'items-removed')
        await this.changes.removeItems(manager, config.id, event.itemIds ?? [], event.itemGroupIds ?? []);
    }
    if (events.some((event) => event.type === 'catalog-changed')) await this.changes.request(manager, config.id);
  }
}
