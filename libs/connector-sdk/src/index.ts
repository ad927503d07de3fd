export * from './connector.js';
export * from './http/connector-http.js';
