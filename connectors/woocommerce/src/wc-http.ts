import {
  CircuitOpenError,
  ConnectorError,
  HttpRequestError,
  OutboundRefusedError,
  type ConnectorContext,
} from '#connector-sdk';
import type { WooSecrets, WooSettings } from './settings.js';

export type WooContext = ConnectorContext<WooSettings, WooSecrets>;

/** An answer from the site, whatever its status: the body as text, and as JSON when it is JSON. */
export interface WooAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly text: string;
  /** Undefined when the body is not JSON (an HTML page, an empty body). */
  readonly json: unknown;
  /** The URL asked, without credentials: for messages. */
  readonly url: string;
}

/** A WordPress REST error body: `{"code": "...", "message": "...", "data": {"status": N}}`. */
export interface WpError {
  readonly code: string;
  readonly message: string;
}

export interface WooRequest {
  readonly method?: 'GET' | 'POST' | 'PUT';
  /** Under `/wp-json/wc/v3/`, e.g. `products` or `products/12/variations`. */
  readonly path: string;
  readonly params?: Record<string, string | number | boolean | undefined>;
  readonly body?: unknown;
  /**
   * `retryable` (default) lets the SDK client retry 408, 425, 429 and 5xx answers and hand back
   * the others; `none` hands back every answer, for requests that must not be sent twice.
   */
  readonly retry?: 'retryable' | 'none';
  /** Overrides the client's timeout; 0 for none (the caller then gives a signal). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

const RETRIED_STATUSES = new Set([408, 425, 429]);

export function apiUrl(settings: WooSettings, path: string): string {
  return `${settings.siteUrl}/wp-json/wc/v3/${path}`;
}

/**
 * One request to the WooCommerce REST API through the config's HTTP client: the API key as HTTP
 * Basic auth (or as query parameters with `authInQuery`), JSON in and out, redirects not followed
 * (a POST that follows one becomes a GET). Answers the client does not retry come back whatever
 * their status; failures after every retry throw HttpRequestError or CircuitOpenError.
 */
export async function wooRequest(context: WooContext, request: WooRequest): Promise<WooAnswer> {
  const { settings, secrets } = context;
  const url = apiUrl(settings, request.path);
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.params ?? {}))
    if (value !== undefined) params[name] = String(value);
  if (settings.authInQuery)
    Object.assign(params, { consumer_key: secrets.consumerKey, consumer_secret: secrets.consumerSecret });
  const retry = request.retry ?? 'retryable';
  const response = await context.http.request<string>({
    method: request.method ?? 'GET',
    url,
    params,
    ...(settings.authInQuery ? {} : { auth: { username: secrets.consumerKey, password: secrets.consumerSecret } }),
    headers: {
      Accept: 'application/json',
      ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(request.body !== undefined ? { data: JSON.stringify(request.body) } : {}),
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    maxRedirects: 0,
    ...(request.timeoutMs !== undefined ? { timeout: request.timeoutMs } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    validateStatus: retry === 'none' ? () => true : (status) => !(status >= 500 || RETRIED_STATUSES.has(status)),
  });
  const text = typeof response.data === 'string' ? response.data : '';
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(response.headers ?? {}))
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value == null ? undefined : String(value);
  return { status: response.status, headers, text, json: parseJson(text, context), url: describeUrl(url, params) };
}

/**
 * JSON as WordPress sends it: possibly after a byte order mark, or after PHP notices that a
 * plugin printed before the body ("Deprecated: ... <br />"), which real stores do.
 */
function parseJson(text: string, context: WooContext): unknown {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    // Fall through: maybe a PHP notice before the JSON.
  }
  const start = body.search(/[[{]/);
  if (start <= 0 || /<html|<!doctype/i.test(body.slice(0, start))) return undefined;
  try {
    const json: unknown = JSON.parse(body.slice(start));
    context.log('WooCommerce sent text before its JSON answer (a PHP notice?); it was ignored', {
      prefix: body.slice(0, Math.min(start, 120)),
    });
    return json;
  } catch {
    return undefined;
  }
}

function describeUrl(url: string, params: Record<string, string>): string {
  const shown = Object.entries(params).filter(([name]) => name !== 'consumer_key' && name !== 'consumer_secret');
  return shown.length === 0 ? url : `${url}?${new URLSearchParams(shown).toString()}`;
}

export function wpError(json: unknown): WpError | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const { code, message } = json as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return null;
  return { code, message: typeof message === 'string' ? stripTags(message) : '' };
}

function stripTags(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function looksLikeHtml(answer: WooAnswer): boolean {
  return /^\s*</.test(answer.text) || /text\/html/i.test(answer.headers['content-type'] ?? '');
}

/** The total pages WordPress announces; null when the header is missing or unreadable. */
export function totalPages(answer: WooAnswer): number | null {
  const value = Number(answer.headers['x-wp-totalpages']);
  return answer.headers['x-wp-totalpages'] !== undefined && Number.isInteger(value) && value >= 0 ? value : null;
}

export function hostOf(siteUrl: string): string {
  try {
    return new URL(siteUrl).host;
  } catch {
    return siteUrl;
  }
}

const KEY_HELP =
  'create a REST API key in WooCommerce → Settings → Advanced → REST API with Read/Write permission, ' +
  'and enter its consumer key and secret';

/**
 * Explains an answer that is not what was asked for, with the check reason: 401/403 (credentials,
 * or `permission` for a write that a key which could read was refused), 404 (`not-found`: no
 * WooCommerce REST API at that address), a redirect (`settings`), an HTML page or other
 * unreadable answer (`format`).
 */
export function answerFailure(
  answer: WooAnswer,
  settings: WooSettings,
  options: { write?: boolean } = {},
): ConnectorError {
  const site = settings.siteUrl;
  const error = wpError(answer.json);
  const said = error ? `, ${error.code}${error.message ? `: "${error.message}"` : ''}` : '';
  if (answer.status === 401 || answer.status === 403) {
    if (options.write) {
      return new ConnectorError(
        `WooCommerce at ${hostOf(site)} refused to let this API key write (HTTP ${answer.status}${said}): ` +
          `the key can read but not create orders; ${KEY_HELP}.`,
        'permission',
      );
    }
    const plainHttp = site.startsWith('http://')
      ? ' Note that over plain http:// WooCommerce ignores API keys sent this way ' +
        '(it expects OAuth 1.0a signatures): use the https:// address.'
      : '';
    return new ConnectorError(
      `WooCommerce at ${hostOf(site)} refused the API key (HTTP ${answer.status}${said}): ${KEY_HELP}.${plainHttp}`,
      'credentials',
    );
  }
  if (answer.status >= 300 && answer.status < 400) {
    const location = answer.headers.location ?? 'another address';
    return new ConnectorError(
      `${answer.url} redirects to ${location}: set siteUrl to the address the site redirects to.`,
      'settings',
    );
  }
  if (answer.status === 404) {
    const why =
      error?.code === 'rest_no_route'
        ? 'WordPress answered, but without the WooCommerce REST API: check that WooCommerce is active'
        : 'check the site URL';
    return new ConnectorError(
      `WooCommerce REST API not found at ${apiUrl(settings, '')} (HTTP 404${said}): ` +
        `${why}, and that permalinks are not "Plain" (Settings → Permalinks).`,
      'not-found',
    );
  }
  if (looksLikeHtml(answer)) {
    return new ConnectorError(
      `${answer.url} answered with an HTML page (HTTP ${answer.status}) instead of WooCommerce's JSON: ` +
        `a security, cache or maintenance plugin may be intercepting /wp-json/, or the site URL is wrong.`,
      'format',
    );
  }
  return new ConnectorError(
    `${answer.url} answered HTTP ${answer.status}${said}, which is not what WooCommerce answers.`,
    'format',
  );
}

/** A request that got no usable answer at all (after retries), as a ConnectorError the retailer can act on. */
export function requestFailure(error: unknown, settings: WooSettings): unknown {
  if (error instanceof ConnectorError) return error;
  const host = hostOf(settings.siteUrl);
  if (error instanceof OutboundRefusedError)
    return new ConnectorError(`WooCommerce at ${host} was not called: ${error.message}.`, 'not-allowed', {
      cause: error,
    });
  if (error instanceof HttpRequestError) {
    const advice = error.status === 429 ? ': the site is limiting requests; lower requestsPerSecond' : '';
    return new ConnectorError(
      `WooCommerce at ${host} could not be reached: ${error.message}${advice}.`,
      'unreachable',
      { cause: error },
    );
  }
  if (error instanceof CircuitOpenError)
    return new ConnectorError(`WooCommerce at ${host} could not be reached: ${error.message}.`, 'unreachable', {
      cause: error,
    });
  return error;
}

/** GETs a JSON answer of 2xx, else throws the ConnectorError that explains why not. */
export async function wooGet(context: WooContext, path: string, params: WooRequest['params'] = {}): Promise<WooAnswer> {
  let answer: WooAnswer;
  try {
    answer = await wooRequest(context, { path, params });
  } catch (error) {
    context.signal.throwIfAborted();
    throw requestFailure(error, context.settings);
  }
  if (answer.status < 200 || answer.status >= 300 || answer.json === undefined)
    throw answerFailure(answer, context.settings);
  return answer;
}
