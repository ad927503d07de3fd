import { setTimeout as sleep } from 'node:timers/promises';
import type { AxiosRequestConfig, AxiosResponse } from 'axios';
import {
  CircuitOpenError,
  ConnectorError,
  HttpRequestError,
  OutboundRefusedError,
  linkedPages,
  nextLink,
  type ConnectorContext,
} from '#connector-sdk';
import type { ShopifySecrets, ShopifySettings } from './settings.js';

export type ShopifyContext = ConnectorContext<ShopifySettings, ShopifySecrets>;

export const CREDENTIALS_REFUSED =
  'The access token was refused: create an Admin API access token in your Shopify admin ' +
  '(Settings → Apps and sales channels → Develop apps) with read_products and write_orders, and paste it here';

/** Statuses whose body says what is wrong; the client would not retry them anyway. */
const EXPLAINED_STATUSES = new Set([401, 402, 403, 404, 423]);
/** After the client's own retries gave up on 429s, this many more rounds, a second apart. */
const THROTTLE_ROUNDS = 3;
const THROTTLE_ROUND_PAUSE_MS = 1000;
/** When the call-limit header shows the bucket this full, the next call waits for it to drain to half. */
const BUCKET_HIGH_WATER = 0.8;

export function adminUrl(
  settings: ShopifySettings,
  resource: string,
  query: Record<string, string | number> = {},
): string {
  const search = new URLSearchParams(
    Object.entries(query).map(([name, value]): [string, string] => [name, String(value)]),
  ).toString();
  return `${settings.shopUrl}/admin/api/${settings.apiVersion}/${resource}.json${search ? `?${search}` : ''}`;
}

/** Not versioned: the scopes the access token was granted. */
export function accessScopesUrl(settings: ShopifySettings): string {
  return `${settings.shopUrl}/admin/oauth/access_scopes.json`;
}

/** One call with the access token; waits afterwards if the call-limit header says the bucket is nearly full. */
export async function shopifyRequest<T>(
  context: ShopifyContext,
  config: AxiosRequestConfig,
): Promise<AxiosResponse<T>> {
  const response = await context.http.request<T>({
    ...config,
    headers: {
      Accept: 'application/json',
      ...(config.data !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...config.headers,
      'X-Shopify-Access-Token': context.secrets.accessToken,
    },
  });
  await drainBucket(context, response.headers['x-shopify-shop-api-call-limit']);
  return response;
}

/**
 * A GET that returns only 2xx answers. Shopify's refusals (401, 402, 403, 404, 423) become a
 * ConnectorError that says what to do; the client's errors (HttpRequestError after its retries,
 * CircuitOpenError, an abort) propagate as they are, except that 429s get a few more rounds.
 */
export async function shopifyGet<T>(context: ShopifyContext, url: string): Promise<AxiosResponse<T>> {
  for (let round = 0; ; round++) {
    try {
      const response = await shopifyRequest<T>(context, {
        method: 'GET',
        url,
        validateStatus: (status) => (status >= 200 && status < 300) || EXPLAINED_STATUSES.has(status),
      });
      if (response.status >= 300) throw refusal(response.status, response.data, url);
      return response;
    } catch (error) {
      if (!(error instanceof HttpRequestError && error.status === 429) || round >= THROTTLE_ROUNDS) throw error;
      context.log('Shopify kept answering 429; waiting before another round of retries', {
        url: error.url,
        round: round + 1,
      });
      await sleep(THROTTLE_ROUND_PAUSE_MS, undefined, { signal: context.signal });
    }
  }
}

/** The ConnectorError for an answer Shopify explains in its body. */
export function refusal(status: number, body: unknown, url: string): ConnectorError {
  const said = shopifyMessage(body);
  switch (status) {
    case 401:
      return new ConnectorError(CREDENTIALS_REFUSED, 'credentials');
    case 403: {
      const scope = /for ([a-z_]+) scope/.exec(said)?.[1];
      return new ConnectorError(
        scope
          ? `The access token lacks the ${scope} scope (Shopify answered 403: "${said}"). ` +
              `In your Shopify admin, open Settings → Apps and sales channels → Develop apps → your app → ` +
              `Configuration, add ${scope}, install the app again and paste the new access token here.`
          : `Shopify refused this request (HTTP 403${said ? `: "${said}"` : ''}): the access token may not do this.`,
        'permission',
      );
    }
    case 402:
      return new ConnectorError(
        `Shopify says the shop is frozen (HTTP 402 Payment Required): ` +
          `the shop's bill is unpaid, and its Admin API is closed until it is paid.`,
        'permission',
      );
    case 423:
      return new ConnectorError(
        `Shopify says the shop is locked (HTTP 423 Locked): its Admin API is closed; contact Shopify support.`,
        'permission',
      );
    case 404:
      return new ConnectorError(
        `There is no Shopify Admin API at ${url} (HTTP 404): ` +
          `check the shop URL, which is https://{your-shop}.myshopify.com, and the API version.`,
        'not-found',
      );
    default:
      return new ConnectorError(
        `Shopify answered ${url} with HTTP ${status}${said ? `: "${said}"` : ''}.`,
        'unreachable',
      );
  }
}

/** An answer that is not the Admin API's (a storefront page, a proxy's login form, another server). */
export function notShopify(url: string): ConnectorError {
  return new ConnectorError(
    `${url} answered, but not as Shopify's Admin API does: ` +
      `check the shop URL, which is https://{your-shop}.myshopify.com.`,
    'not-found',
  );
}

/** Explains a client error (no answer, 5xx or 429 after every retry) for check and read. */
export function explainFailure(error: unknown, url: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (error instanceof OutboundRefusedError)
    return new ConnectorError(`The shop at ${hostOf(url)} was not called: ${error.message}.`, 'not-allowed', {
      cause: error,
    });
  if (error instanceof HttpRequestError) {
    if (error.status === 429) {
      return new ConnectorError(
        `Shopify kept answering 429 Too Many Requests (${error.message}): ` +
          `other apps or syncs may be using this token's call limit; lower requestsPerSecond or try again later.`,
        'unreachable',
        { cause: error },
      );
    }
    if (error.code === 'ENOTFOUND')
      return new ConnectorError(
        `The shop's host ${hostOf(url)} does not exist (${error.message}): ` +
          `check the shop URL, which is https://{your-shop}.myshopify.com.`,
        'not-found',
        { cause: error },
      );
    return new ConnectorError(`Shopify could not be reached: ${error.message}.`, 'unreachable', { cause: error });
  }
  if (error instanceof CircuitOpenError)
    return new ConnectorError(`Shopify could not be reached: ${error.message}.`, 'unreachable', { cause: error });
  const detail = error instanceof Error ? error.message : String(error);
  return new ConnectorError(`The shop at ${hostOf(url)} could not be reached (${detail}).`, 'unreachable', {
    cause: error,
  });
}

/** Shopify's `errors` as one line: a string as it is, `{"line_items":["..."]}` as "line_items: ...". */
export function shopifyMessage(body: unknown): string {
  const errors =
    typeof body === 'object' && body !== null
      ? ((body as { errors?: unknown; error?: unknown }).errors ?? (body as { error?: unknown }).error)
      : undefined;
  return flatten(errors).slice(0, 500);
}

function flatten(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value))
    return value
      .map(flatten)
      .filter((part) => part !== '')
      .join(', ');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([name, inner]) => (name === 'base' ? flatten(inner) : `${name}: ${flatten(inner)}`))
      .join('; ');
  }
  return String(value);
}

/** The page_info of the Link header's rel="next" URL, or null on the last page. */
export function nextPageInfo(link: unknown): string | null {
  const next = nextLink(link);
  if (next === null) return null;
  try {
    return new URL(next).searchParams.get('page_info');
  } catch {
    return null;
  }
}

/** Pages through a list resource: the first URL with filters, then `limit`, `fields` and `page_info` only. */
export async function* listPages<T>(
  context: ShopifyContext,
  resource: string,
  query: Record<string, string | number>,
): AsyncGenerator<{ readonly body: T; readonly response: AxiosResponse<T>; readonly last: boolean }> {
  const carried = Object.fromEntries(Object.entries(query).filter(([name]) => name === 'limit' || name === 'fields'));
  const pages = linkedPages(
    adminUrl(context.settings, resource, query),
    async (url) => {
      const response: AxiosResponse<T> = await shopifyGet<T>(context, url);
      if (typeof response.data !== 'object' || response.data === null) throw notShopify(url);
      // The next URL is built from Shopify's page_info alone, on the shop's own address.
      const pageInfo = nextPageInfo(response.headers.link);
      return {
        body: response,
        nextUrl: pageInfo === null ? null : adminUrl(context.settings, resource, { ...carried, page_info: pageInfo }),
      };
    },
    context.signal,
  );
  for await (const { body: response, last } of pages) yield { body: response.data, response, last };
}

async function drainBucket(context: ShopifyContext, header: unknown): Promise<void> {
  const match = typeof header === 'string' ? /^(\d+)\/(\d+)$/.exec(header.trim()) : null;
  if (!match) return;
  const [used, size] = [Number(match[1]), Number(match[2])];
  if (size <= 0 || used < size * BUCKET_HIGH_WATER) return;
  // The bucket leaks at about the configured rate (Shopify's plans: 2, 4 or 20 calls a second).
  const waitMs = Math.min(10_000, ((used - size / 2) * 1000) / context.settings.requestsPerSecond);
  context.log('Shopify call limit nearly reached; pausing', { callLimit: header, waitMs });
  await sleep(waitMs, undefined, { signal: context.signal });
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
