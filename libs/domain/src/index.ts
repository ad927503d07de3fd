export * from './country.js';
export * from './currency.js';
export * from './offer.js';
export * from './slug.js';
