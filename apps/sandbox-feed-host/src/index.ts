export * from './feed-host.js';
