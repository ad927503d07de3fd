/**
 * The connector SDK's test kit, for connectors' own tests: the contract every connector must keep
 * (with Jest), reading a whole catalog, and the outbound policy that lets a test reach its local
 * sandboxes. Its own entry point, `#connector-sdk/testing`, so the SDK proper never loads a test
 * framework.
 */
export * from './connector-contract.js';
export * from './loopback-sandboxes.js';
export * from './read-all.js';
