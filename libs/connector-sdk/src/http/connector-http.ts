import type { AxiosRequestConfig, AxiosResponse } from 'axios';

/**
 * The HTTP client a connector gets in its context: axios with a timeout, retries with exponential
 * backoff and jitter that honour Retry-After on 429 and 503, a circuit breaker, and the config's
 * request rate limit. Implemented in http/create-connector-http.ts.
 */
export interface ConnectorHttp {
  request<T = unknown>(config: AxiosRequestConfig): Promise<AxiosResponse<T>>;
}
