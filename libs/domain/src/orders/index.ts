export * from './order-status.js';
export * from './order-totals.js';
export * from './retailer-order-status.js';
