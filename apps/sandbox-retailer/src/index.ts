export * from './faults.js';
export * from './fulfilment.js';
export * from './order-events.js';
export * from './retailer-sandbox.js';
export * from './standard-webhook-verify.js';
