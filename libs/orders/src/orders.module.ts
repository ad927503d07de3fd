import { Module, type DynamicModule } from '@nestjs/common';
import { ChannelsModule } from '#channels';
import { AdminOrdersController } from './api/admin-orders.controller.js';
import { ChannelCartController } from './api/channel-cart.controller.js';
import { ChannelOrdersController } from './api/channel-orders.controller.js';
import { ConnectorWebhooksController } from './api/connector-webhooks.controller.js';
import { ConnectorWebhookReceiver } from './inbound/connector-webhook-receiver.js';
import { ExternalOrderUpdates } from './inbound/external-order-updates.js';
import { RetailerOrdersController } from './api/retailer-orders.controller.js';
import { CartService } from './carts/cart.service.js';
import { RetailerOrderActions } from './lifecycle/retailer-order-actions.js';
import { RetailerOrderLifecycle } from './lifecycle/retailer-order-lifecycle.js';
import { CheckoutService } from './orders/checkout.service.js';
import { LiveOfferCheck } from './orders/live-offer-check.js';
import { OrderQueries } from './orders/order-queries.js';
import { OrderReader } from './orders/order-reader.js';
import { AcceptanceDeadline } from './routing/acceptance-deadline.js';
import { OrderRouter } from './routing/order-router.js';
import { RetailerNotices } from './routing/retailer-notices.js';
import { OrderSettingsService } from './settings/order-settings.service.js';
import { OrderHealth } from './health/order-health.js';

const SERVICES = [OrderHealth, CartService, CheckoutService, LiveOfferCheck, OrderReader, OrderQueries, RetailerOrderLifecycle, RetailerOrderActions, OrderSettingsService, OrderRouter, RetailerNotices, AcceptanceDeadline, ExternalOrderUpdates, ConnectorWebhookReceiver];

/**
 * Carts, checkout, retailer orders and their routing. It uses the catalog module (visibility, user
 * references, connectors), the commission module (frozen commission, ledger) and the channels
 * module (webhooks), passed in so that each is built once.
 */
@Module({})
export class OrdersModule {
  static forRoot(options: { api: boolean; catalog: DynamicModule; commission: DynamicModule }): DynamicModule {
    return {
      module: OrdersModule,
      imports: [options.catalog, options.commission, ChannelsModule],
      providers: SERVICES,
      controllers: options.api ? [ChannelCartController, ChannelOrdersController, RetailerOrdersController, AdminOrdersController, ConnectorWebhooksController] : [],
      exports: [CheckoutService, RetailerOrderActions, AcceptanceDeadline, OrderSettingsService, OrderHealth],
    };
  }
}
