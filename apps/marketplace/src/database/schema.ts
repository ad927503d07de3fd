import { ApiKey } from '#auth';
import { Channel, ChannelWebhookDelivery } from '#channels';
import { AuditEntry, Instance, type SchemaDefinition } from '#platform';
import { Retailer } from '#retailers';
import { Foundation1795312723035 } from './migrations/1795312723035-foundation.js';
import { JobSchema1795313590000 } from './migrations/1795313590000-job-schema.js';
import { ChannelWebhookDeliveries1795313592409 } from './migrations/1795313592409-channel-webhook-deliveries.js';

/** Every entity and migration of the marketplace; the migrations alone build the schema. */
export const MARKETPLACE_SCHEMA: SchemaDefinition = {
  entities: [AuditEntry, Instance, ApiKey, Retailer, Channel, ChannelWebhookDelivery],
  migrations: [Foundation1795312723035, JobSchema1795313590000, ChannelWebhookDeliveries1795313592409],
};
