import type { ConnectorHttp } from './http/connector-http.js';

/** What a connector gets to work with, for one config of one retailer. */
export interface ConnectorContext<S, K> {
  readonly settings: S;
  readonly secrets: K;
  readonly retailer: { readonly id: string; readonly defaultCurrency: string };
  /** HTTP client with timeouts, retries, a circuit breaker and this config's rate limit. */
  readonly http: ConnectorHttp;
  readonly signal: AbortSignal;
  readonly log: (message: string, details?: Record<string, unknown>) => void;
}
