import { ApiKey, ConsoleSession, RateLimitWindow } from '#auth';
import {
  CATEGORY_ENTITIES,
  CatalogUpload,
  CatalogUploadChunk,
  ChannelHiddenOffer,
  ChannelHiddenRetailer,
  Offer,
  Product,
  ProductMatchKey,
  RetailerChannelListEntry,
  SyncItemIssue,
  SyncRun,
  UserEvent,
} from '#catalog';
import { Channel, ChannelWebhookDelivery } from '#channels';
import { ConnectorConfig, ConnectorWebhookReceipt } from '#integrations';
import { CommissionEntry, CommissionRule, CommissionStatement } from '#commission';
import {
  Cart,
  CartLine,
  Order,
  OrderLine,
  Refund,
  RetailerOrder,
  RetailerOrderSettings,
  RetailerOrderTransition,
  RoutingAttempt,
} from '#orders';
import { AuditEntry, Instance, type SchemaDefinition } from '#platform';
import { Retailer } from '#retailers';
import { Foundation1795312723035 } from './migrations/1795312723035-foundation.js';
import { JobSchema1795313590000 } from './migrations/1795313590000-job-schema.js';
import { ChannelWebhookDeliveries1795313592409 } from './migrations/1795313592409-channel-webhook-deliveries.js';
import { CatalogIngestion1795314350512 } from './migrations/1795314350512-catalog-ingestion.js';
import { Categories1795315009051 } from './migrations/1795315009051-categories.js';
import { ChannelVisibility1795320269836 } from './migrations/1795320269836-channel-visibility.js';
import { RateLimits1795320546036 } from './migrations/1795320546036-rate-limits.js';
import { CatalogSearch1795321771298 } from './migrations/1795321771298-catalog-search.js';
import { RateLimitWindowsUnlogged1795326332664 } from './migrations/1795326332664-rate-limit-windows-unlogged.js';
import { Orders1796141802244 } from './migrations/1796141802244-orders.js';
import { Commission1796143290999 } from './migrations/1796143290999-commission.js';
import { ConnectorWebhooks1796144889992 } from './migrations/1796144889992-connector-webhooks.js';
import { JobSchemaPgBoss101796200000000 } from './migrations/1796200000000-job-schema-pg-boss-10.js';
import { WebhookReceiptsByBody1796200000001 } from './migrations/1796200000001-webhook-receipts-by-body.js';
import { CustomerPhoneOrEmail1796200000002 } from './migrations/1796200000002-customer-phone-or-email.js';
import { ChannelFeedTokens1796200000003 } from './migrations/1796200000003-channel-feed-tokens.js';
import { ConsoleSessions1796200000010 } from './migrations/1796200000010-console-sessions.js';
import { PublicReadViews1796200000011 } from './migrations/1796200000011-public-read-views.js';
import { ProductGroups1796200000012 } from './migrations/1796200000012-product-groups.js';
import { SearchProducts1796200000013 } from './migrations/1796200000013-search-products.js';
import { ChannelDirectoryChatSettings1796200000014 } from './migrations/1796200000014-channel-chat-settings.js';

/** Every entity and migration of the marketplace; the migrations alone build the schema. */
export const MARKETPLACE_SCHEMA: SchemaDefinition = {
  entities: [
    AuditEntry,
    Instance,
    ApiKey,
    RateLimitWindow,
    ConsoleSession,
    Retailer,
    Channel,
    ChannelWebhookDelivery,
    ConnectorConfig,
    SyncRun,
    SyncItemIssue,
    Offer,
    Product,
    ProductMatchKey,
    CatalogUpload,
    CatalogUploadChunk,
    ...CATEGORY_ENTITIES,
    RetailerChannelListEntry,
    ChannelHiddenRetailer,
    ChannelHiddenOffer,
    UserEvent,
    RetailerOrderSettings,
    Cart,
    CartLine,
    Order,
    RetailerOrder,
    OrderLine,
    RetailerOrderTransition,
    RoutingAttempt,
    Refund,
    CommissionRule,
    CommissionEntry,
    CommissionStatement,
    ConnectorWebhookReceipt,
  ],
  migrations: [
    Foundation1795312723035,
    JobSchema1795313590000,
    ChannelWebhookDeliveries1795313592409,
    CatalogIngestion1795314350512,
    Categories1795315009051,
    ChannelVisibility1795320269836,
    RateLimits1795320546036,
    CatalogSearch1795321771298,
    RateLimitWindowsUnlogged1795326332664,
    Orders1796141802244,
    Commission1796143290999,
    ConnectorWebhooks1796144889992,
    JobSchemaPgBoss101796200000000,
    WebhookReceiptsByBody1796200000001,
    CustomerPhoneOrEmail1796200000002,
    ChannelFeedTokens1796200000003,
    ConsoleSessions1796200000010,
    PublicReadViews1796200000011,
    ProductGroups1796200000012,
    SearchProducts1796200000013,
    ChannelDirectoryChatSettings1796200000014,
  ],
};
