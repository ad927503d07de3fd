export * from './retailer.dto.js';
export * from './retailer.entity.js';
export * from './retailer.service.js';
export * from './retailers-api.module.js';
export * from './retailers.module.js';
export * from './retailer-scope.js';
