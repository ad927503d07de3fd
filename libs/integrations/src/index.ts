export * from './connector-configs/connector-config.dto.js';
export * from './connector-configs/connector-config.entity.js';
export * from './connector-configs/connector-config.service.js';
export * from './connector-configs/connector-context.factory.js';
export * from './connector-registry.js';
export * from './integrations.module.js';
export * from './webhooks/connector-webhook-receipt.entity.js';
export * from './webhooks/webhook-event-handlers.js';
export { CONNECTOR_WEBHOOK_PATH } from './webhooks/connector-webhooks.controller.js';
