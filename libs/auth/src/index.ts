export * from './api-key-secret.js';
export * from './api-key.dto.js';
export * from './api-key.entity.js';
export * from './api-key.service.js';
export * from './auth-api.module.js';
export * from './auth.module.js';
export * from './rate-limit-window.entity.js';
export * from './sessions/index.js';
