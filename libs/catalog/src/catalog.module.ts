import { Module, type DynamicModule } from '@nestjs/common';
import type { Connector } from '#connector-sdk';
import { AdminCatalogController } from './api/admin-catalog.controller.js';
import { AdminProductsController } from './api/admin-products.controller.js';
import { RetailerCatalogController } from './api/retailer-catalog.controller.js';
import { ConnectorConfigActions } from './connector-configs/connector-config-actions.service.js';
import { ConnectorConfigService } from './connector-configs/connector-config.service.js';
import { CONNECTORS, ConnectorRegistry } from './connector-configs/connector-registry.js';
import { CATEGORY_CONTROLLERS, CATEGORY_PROVIDERS } from './categories/categories.providers.js';
import { OfferCategories } from './categories/offer-categories.js';
import { CatalogHealth } from './health/catalog-health.js';
import { ProductList } from './products/product-list.js';
import { ProductService } from './products/product.service.js';
import { AdminChannelVisibilityController, ChannelProductsController, RetailerChannelPolicyController } from './visibility/channel-visibility.controllers.js';
import { ChannelVisibilityService } from './visibility/channel-visibility.service.js';
import { ConnectorContextFactory } from './sync/connector-context.factory.js';
import { SyncRunService } from './sync/sync-run.service.js';
import { CatalogChangeRequests } from './sync/catalog-change-requests.js';
import { UserRefHash } from './personal/user-ref-hash.js';
import { SyncRunner } from './sync/sync-runner.js';
import { SyncScheduler } from './sync/sync-scheduler.js';
import { UploadStore } from './uploads/upload-store.js';
import { SEARCH_CONTROLLERS, SEARCH_PROVIDERS } from './search/search.providers.js';
import { PERSONAL_CONTROLLERS, PERSONAL_PROVIDERS } from './personal/personal.providers.js';
import { FEED_CONTROLLERS, FEED_PROVIDERS } from './feeds/feeds.providers.js';

const SERVICES = [CatalogHealth, CatalogChangeRequests, ConnectorRegistry, ConnectorConfigService, ConnectorConfigActions, ConnectorContextFactory, SyncRunService, SyncRunner, SyncScheduler, UploadStore, ProductService, ProductList, OfferCategories, ChannelVisibilityService, ...CATEGORY_PROVIDERS, ...SEARCH_PROVIDERS, ...PERSONAL_PROVIDERS, ...FEED_PROVIDERS];

/** Catalog ingestion. The application passes the connectors it offers; the core knows them by id only. */
@Module({})
export class CatalogModule {
  static forRoot(options: { connectors: readonly Connector[]; api: boolean }): DynamicModule {
    return {
      module: CatalogModule,
      providers: [{ provide: CONNECTORS, useValue: options.connectors }, ...SERVICES],
      controllers: options.api ? [AdminCatalogController, RetailerCatalogController, AdminProductsController, ...CATEGORY_CONTROLLERS, RetailerChannelPolicyController, AdminChannelVisibilityController, ChannelProductsController, ...SEARCH_CONTROLLERS, ...PERSONAL_CONTROLLERS, ...FEED_CONTROLLERS] : [],
      exports: [CatalogChangeRequests, ConnectorRegistry, ConnectorConfigService, ConnectorConfigActions, ConnectorContextFactory, SyncRunService, SyncScheduler, SyncRunner, UserRefHash, CatalogHealth],
    };
  }
}
