export * from './connector.js';
export * from './http/connector-http.js';
export { createConnectorHttp, type ConnectorHttpOptions } from './http/create-connector-http.js';
export { CircuitOpenError, HttpRequestError } from './http/http-request-error.js';
export { normalizeGoogleItem, type GoogleItemFields } from './normalize/google-item.js';
