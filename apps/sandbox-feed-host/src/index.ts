export * from './demo-catalogs.js';
export * from './feed-host.js';
