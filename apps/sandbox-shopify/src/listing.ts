/**
 * How the REST Admin API lists resources: `limit` (default 50, at most 250), `fields`, filters on
 * the first request, then cursor pages through the `Link` header's `page_info`. A request with
 * `page_info` may carry only `limit` and `fields`: the filters travel inside the opaque cursor.
 */

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 250;

/** A 400 or 422 answer with Shopify's `errors` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: unknown,
  ) {
    super(typeof errors === 'string' ? errors : JSON.stringify(errors));
  }
}

interface Cursor {
  /** The filters of the first request. */
  readonly filters: Record<string, string>;
  readonly direction: 'next' | 'previous';
  /** The id the page continues after (next) or before (previous). */
  readonly from: number;
}

export interface ListRequest {
  readonly filters: Record<string, string>;
  readonly limit: number;
  readonly fields: string | null;
  readonly cursor: { readonly direction: 'next' | 'previous'; readonly from: number } | null;
}

/** Reads limit, fields, the filters it knows and page_info; throws ApiError(400) as Shopify would. */
export function readListRequest(query: URLSearchParams, knownFilters: readonly string[]): ListRequest {
  const limit = readLimit(query.get('limit'));
  const fields = query.get('fields');
  const pageInfo = query.get('page_info');
  if (pageInfo !== null) {
    for (const name of query.keys()) {
      if (name !== 'page_info' && name !== 'limit' && name !== 'fields') {
        throw new ApiError(400, {
          [name]:
            `${name} cannot be passed when page_info is present. ` +
            'See https://shopify.dev/api/usage/pagination-rest for more information.',
        });
      }
    }
    const cursor = decodeCursor(pageInfo);
    return { filters: cursor.filters, limit, fields, cursor: { direction: cursor.direction, from: cursor.from } };
  }
  const filters: Record<string, string> = {};
  for (const name of knownFilters) {
    const value = query.get(name);
    if (value !== null) filters[name] = value;
  }
  return { filters, limit, fields, cursor: null };
}

function readLimit(text: string | null): number {
  if (text === null) return DEFAULT_LIMIT;
  const limit = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT))
    throw new ApiError(400, { limit: `limit must be a number between 1 and ${MAX_LIMIT}` });
  return limit;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ f: cursor.filters, d: cursor.direction, i: cursor.from })).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as {
      f?: unknown;
      d?: unknown;
      i?: unknown;
    };
    if (
      typeof json.f === 'object' &&
      json.f !== null &&
      (json.d === 'next' || json.d === 'previous') &&
      Number.isSafeInteger(json.i)
    ) {
      return { filters: json.f as Record<string, string>, direction: json.d, from: json.i as number };
    }
  } catch {
    // answered below
  }
  throw new ApiError(400, { page_info: 'Invalid value.' });
}

export interface ListedPage<T> {
  readonly items: readonly T[];
  /** The Link header, or null when there is no other page. */
  readonly link: string | null;
}

/**
 * One page of `items` (already filtered, sorted by id ascending) for the request, with the Link
 * header pointing at `baseUrl` (the resource's URL without a query).
 */
export function listPage<T extends { id: number }>(
  items: readonly T[],
  request: ListRequest,
  baseUrl: string,
): ListedPage<T> {
  let start = 0;
  let end = Math.min(items.length, request.limit);
  if (request.cursor?.direction === 'next') {
    start = items.findIndex((item) => item.id > request.cursor!.from);
    if (start === -1) start = items.length;
    end = Math.min(items.length, start + request.limit);
  } else if (request.cursor?.direction === 'previous') {
    const before = items.findIndex((item) => item.id >= request.cursor!.from);
    end = before === -1 ? items.length : before;
    start = Math.max(0, end - request.limit);
  }
  const page = items.slice(start, end);
  const links: string[] = [];
  const url = (direction: 'next' | 'previous', from: number) => {
    const query = new URLSearchParams({ limit: String(request.limit) });
    if (request.fields !== null) query.set('fields', request.fields);
    query.set('page_info', encodeCursor({ filters: request.filters, direction, from }));
    return `<${baseUrl}?${query.toString()}>; rel="${direction}"`;
  };
  if (start > 0 && page.length > 0) links.push(url('previous', page[0]!.id));
  if (end < items.length && page.length > 0) links.push(url('next', page.at(-1)!.id));
  return { items: page, link: links.length > 0 ? links.join(', ') : null };
}

/** Keeps only the named top-level fields, in the resource's own order, as `fields=` does. */
export function selectFields<T extends object>(resource: T, fields: string | null): Partial<T> {
  if (fields === null || fields.trim() === '') return resource;
  const wanted = new Set(fields.split(',').map((name) => name.trim()));
  return Object.fromEntries(Object.entries(resource).filter(([name]) => wanted.has(name))) as Partial<T>;
}

/** A time filter such as updated_at_min; throws ApiError(400) when it is not a date. */
export function readTime(filters: Record<string, string>, name: string): number | null {
  const value = filters[name];
  if (value === undefined) return null;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new ApiError(400, { [name]: `${name} must be a date in ISO 8601 format` });
  return time;
}

export function readId(filters: Record<string, string>, name: string): number | null {
  const value = filters[name];
  if (value === undefined) return null;
  if (!/^\d+$/.test(value)) throw new ApiError(400, { [name]: `${name} must be an integer` });
  return Number(value);
}
