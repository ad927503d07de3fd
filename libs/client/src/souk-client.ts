import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './souk-api.js';

export interface SoukClientOptions {
  /** Where Souk is reached, such as `https://souk.example` (without `/v1`). */
  readonly baseUrl: string;
  /** A Souk API key (a channel's `souk_ch_...` for the channel API), sent as `Authorization: Bearer <key>`. */
  readonly apiKey: string;
  /** A fetch of your own (tests, retries, a proxy); the global fetch by default. */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request besides the key, such as `X-Request-Id`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A typed client of every route of Souk's OpenAPI document:
 * `client.GET('/v1/channel/search', { params: { query: { q } } })`.
 */
export type SoukClient = Client<paths>;

export function createSoukClient(options: SoukClientOptions): SoukClient {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { ...options.headers, authorization: `Bearer ${options.apiKey}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
