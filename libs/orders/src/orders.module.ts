import { Module, type DynamicModule } from '@nestjs/common';
import { ChannelsModule } from '#channels';
import { AdminOrdersController } from './api/admin-orders.controller.js';
import { ChannelCartController } from './api/channel-cart.controller.js';
import { ChannelOrdersController } from './api/channel-orders.controller.js';
import { ExternalOrderUpdates } from './inbound/external-order-updates.js';
import { OrderWebhookEvents } from './inbound/order-webhook-events.js';
import { RetailerOrdersController } from './api/retailer-orders.controller.js';
import { CartService } from './carts/cart.service.js';
import { RetailerOrderActions } from './lifecycle/retailer-order-actions.js';
import { RetailerOrderLifecycle } from './lifecycle/retailer-order-lifecycle.js';
import { CheckoutService } from './checkout/checkout.service.js';
import { LiveOfferCheck } from './checkout/live-offer-check.js';
import { OrderQueries } from './orders/order-queries.js';
import { OrderReader } from './orders/order-reader.js';
import { AcceptanceDeadline } from './routing/acceptance-deadline.js';
import { OrderRouter } from './routing/order-router.js';
import { RetailerNotices } from './routing/retailer-notices.js';
import { OrderSettingsService } from './settings/order-settings.service.js';
import { OrderHealth } from './health/order-health.js';

const SERVICES = [
  OrderHealth,
  CartService,
  CheckoutService,
  LiveOfferCheck,
  OrderReader,
  OrderQueries,
  RetailerOrderLifecycle,
  RetailerOrderActions,
  OrderSettingsService,
  OrderRouter,
  RetailerNotices,
  AcceptanceDeadline,
  ExternalOrderUpdates,
  OrderWebhookEvents,
];

/**
 * Carts, checkout, retailer orders and their routing. It uses the connector runtime (placing
 * orders through connectors, shops' order updates), the catalog module (offers and their
 * visibility), the commission module (frozen commission, ledger) and the channels module (user
 * references, webhooks), the first three passed in so that each is built once.
 */
@Module({})
export class OrdersModule {
  static forRoot(options: {
    api: boolean;
    integrations: DynamicModule;
    catalog: DynamicModule;
    commission: DynamicModule;
  }): DynamicModule {
    return {
      module: OrdersModule,
      imports: [options.integrations, options.catalog, options.commission, ChannelsModule],
      providers: SERVICES,
      controllers: options.api
        ? [ChannelCartController, ChannelOrdersController, RetailerOrdersController, AdminOrdersController]
        : [],
      exports: [CheckoutService, RetailerOrderActions, AcceptanceDeadline, OrderSettingsService, OrderHealth],
    };
  }
}
