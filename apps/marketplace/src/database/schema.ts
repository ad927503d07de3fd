import { ApiKey } from '#auth';
import { Channel } from '#channels';
import { AuditEntry, Instance, type SchemaDefinition } from '#platform';
import { Retailer } from '#retailers';
import { Foundation1795312723035 } from './migrations/1795312723035-foundation.js';

/** Every entity and migration of the marketplace; the migrations alone build the schema. */
export const MARKETPLACE_SCHEMA: SchemaDefinition = {
  entities: [AuditEntry, Instance, ApiKey, Retailer, Channel],
  migrations: [Foundation1795312723035],
};
