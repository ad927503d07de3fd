export * from './channel-api.js';
export * from './problem.js';
export * from './souk-client.js';
export type { components, operations, paths } from './souk-api.js';
