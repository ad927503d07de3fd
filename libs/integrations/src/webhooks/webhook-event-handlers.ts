import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WebhookEvent } from '#connector-sdk';
import type { Actor } from '#platform';
import type { ConnectorConfig } from '../connector-configs/connector-config.entity.js';

export type WebhookEventType = WebhookEvent['type'];

/** Where one verified delivery is applied: in the transaction of its receipt, as the config's retailer. */
export interface WebhookEventContext {
  readonly manager: EntityManager;
  readonly config: ConnectorConfig;
  readonly actor: Actor;
}

/**
 * Applies the events of a shop's webhook that are its concern (the catalog: changed and removed
 * items; orders: order updates). The library that owns the data registers its handler at start.
 */
export interface WebhookEventHandler {
  readonly handles: readonly WebhookEventType[];
  apply(context: WebhookEventContext, events: readonly WebhookEvent[]): Promise<void>;
}

/** One handler per event type, registered by the libraries that build on the connector runtime. */
@Injectable()
export class WebhookEventHandlers {
  private readonly byType = new Map<WebhookEventType, WebhookEventHandler>();

  register(handler: WebhookEventHandler): void {
    for (const type of handler.handles) {
      if (this.byType.has(type)) throw new Error(`a handler for ${type} webhook events is registered already`);
      this.byType.set(type, handler);
    }
  }

  /** Gives each handler the events of its types, in delivery order. */
  async apply(context: WebhookEventContext, events: readonly WebhookEvent[]): Promise<void> {
    const byHandler = new Map<WebhookEventHandler, WebhookEvent[]>();
    for (const event of events) {
      const handler = this.byType.get(event.type);
      if (!handler) throw new Error(`no handler is registered for ${event.type} webhook events`);
      byHandler.set(handler, [...(byHandler.get(handler) ?? []), event]);
    }
    for (const [handler, own] of byHandler) await handler.apply(context, own);
  }
}
