export * from './console-api.module.js';
export * from './dashboard.dto.js';
export * from './dashboard.service.js';
