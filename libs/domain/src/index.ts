export * from './availability.js';
export * from './chat/index.js';
export * from './country.js';
export * from './currency.js';
export * from './gtin.js';
export * from './money.js';
export * from './offer.js';
export * from './slug.js';
