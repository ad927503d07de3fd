import { Module, type DynamicModule } from '@nestjs/common';
import { AdminCatalogController } from './api/admin-catalog.controller.js';
import { AdminProductsController } from './api/admin-products.controller.js';
import { RetailerCatalogController } from './api/retailer-catalog.controller.js';
import { ConnectorConfigActions } from './sync/connector-config-actions.service.js';
import { CatalogWebhookEvents } from './sync/catalog-webhook-events.js';
import { CATEGORY_CONTROLLERS, CATEGORY_PROVIDERS } from './categories/categories.providers.js';
import { OfferCategories } from './categories/offer-categories.js';
import { CatalogHealth } from './health/catalog-health.js';
import { ProductList } from './search/product-list.js';
import { OfferList } from './offers/offer-list.js';
import { ProductService } from './products/product.service.js';
import { ChannelProductsController } from './products/channel-products.controller.js';
import {
  AdminChannelVisibilityController,
  RetailerChannelPolicyController,
} from './visibility/channel-visibility.controllers.js';
import { ChannelVisibilityService } from './visibility/channel-visibility.service.js';
import { SyncRunService } from './sync/sync-run.service.js';
import { CatalogChangeRequests } from './sync/catalog-change-requests.js';
import { ChannelsModule } from '#channels';
import { SyncRunner } from './sync/sync-runner.js';
import { SyncScheduler } from './sync/sync-scheduler.js';
import { UploadStore } from './uploads/upload-store.js';
import { SEARCH_CONTROLLERS, SEARCH_PROVIDERS } from './search/search.providers.js';
import { PERSONAL_CONTROLLERS, PERSONAL_PROVIDERS } from './personal/personal.providers.js';
import { FEED_CONTROLLERS, FEED_PROVIDERS } from './feeds/feeds.providers.js';

const SERVICES = [
  CatalogHealth,
  CatalogChangeRequests,
  ConnectorConfigActions,
  CatalogWebhookEvents,
  SyncRunService,
  SyncRunner,
  SyncScheduler,
  UploadStore,
  ProductService,
  ProductList,
  OfferList,
  OfferCategories,
  ChannelVisibilityService,
  ...CATEGORY_PROVIDERS,
  ...SEARCH_PROVIDERS,
  ...PERSONAL_PROVIDERS,
  ...FEED_PROVIDERS,
];

/**
 * Catalog ingestion on the connector runtime (passed in, so that it is built once), and the
 * channels' side of the catalog: visibility, search, feeds and personal ranking.
 */
@Module({})
export class CatalogModule {
  static forRoot(options: { integrations: DynamicModule; api: boolean }): DynamicModule {
    return {
      module: CatalogModule,
      imports: [options.integrations, ChannelsModule],
      providers: SERVICES,
      controllers: options.api
        ? [
            AdminCatalogController,
            RetailerCatalogController,
            AdminProductsController,
            ...CATEGORY_CONTROLLERS,
            RetailerChannelPolicyController,
            AdminChannelVisibilityController,
            ChannelProductsController,
            ...SEARCH_CONTROLLERS,
            ...PERSONAL_CONTROLLERS,
            ...FEED_CONTROLLERS,
          ]
        : [],
      exports: [
        CatalogChangeRequests,
        ConnectorConfigActions,
        SyncRunService,
        SyncScheduler,
        SyncRunner,
        CatalogHealth,
      ],
    };
  }
}
