export * from './channel-webhook-delivery.entity.js';
export * from './channel-webhook.dto.js';
export * from './channel-webhook.service.js';
export * from './channel.dto.js';
export * from './channel.entity.js';
export * from './channel.service.js';
export * from './channels-api.module.js';
export * from './channels.module.js';
