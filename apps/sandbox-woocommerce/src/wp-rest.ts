/**
 * What WordPress's REST server does around every WooCommerce route: error bodies, parameter
 * validation, pagination headers, `_fields`, dates in the site's timezone and in GMT, and
 * PHP's JSON encoding (slashes and non-ASCII escaped, as wp_json_encode writes them).
 */

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly data: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return { code: this.code, message: this.message, data: { status: this.status, ...this.data } };
  }
}

export function noRoute(): RestError {
  return new RestError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
}

export function invalidParam(name: string, message: string, code = 'rest_invalid_param'): RestError {
  return new RestError(400, 'rest_invalid_param', `Invalid parameter(s): ${name}`, {
    params: { [name]: message },
    details: { [name]: { code, message, data: null } },
  });
}

/** wp_json_encode without flags: "/" as "\/" and every non-ASCII UTF-16 unit as \uXXXX. */
export function phpJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** "2025-03-01T10:00:00": WooCommerce's date format, without offset or fraction. */
export function wcDate(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19);
}

export class SiteClock {
  constructor(readonly offsetMinutes: number) {}

  /** The site-local rendering (`date_modified`) of an instant. */
  local(epochMs: number): string {
    return wcDate(epochMs + this.offsetMinutes * 60_000);
  }

  gmt(epochMs: number): string {
    return wcDate(epochMs);
  }

  /**
   * A date-time query parameter as WordPress reads it (rest_parse_date): RFC 3339, the offset
   * optional. Without an offset it is GMT when `dates_are_gmt` is set, else the site's local time.
   */
  parse(name: string, text: string, datesAreGmt: boolean): number {
    const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text.trim());
    const epoch = match ? Date.parse(`${match[1]}${match[3] ?? 'Z'}`) : NaN;
    if (!match || Number.isNaN(epoch)) throw invalidParam(name, 'Invalid date.', 'rest_invalid_date');
    if (match[3] !== undefined || datesAreGmt) return epoch;
    return epoch - this.offsetMinutes * 60_000;
  }
}

export class QueryParams {
  constructor(readonly params: URLSearchParams) {}

  text(name: string): string | null {
    const value = this.params.get(name);
    return value === null || value === '' ? null : value;
  }

  integer(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const raw = this.text(name);
    if (raw === null) return fallback;
    if (!/^-?\d+$/.test(raw.trim())) throw invalidParam(name, `${name} is not of type integer.`, 'rest_invalid_type');
    const value = Number(raw);
    if (value < min || value > max) {
      const message =
        max === Number.MAX_SAFE_INTEGER
          ? `${name} must be greater than or equal to ${min}`
          : `${name} must be between ${min} (inclusive) and ${max} (inclusive)`;
      throw invalidParam(name, message, 'rest_out_of_bounds');
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.text(name);
    if (raw === null) return fallback;
    if (!(allowed as readonly string[]).includes(raw))
      throw invalidParam(name, `${name} is not one of ${allowed.join(', ')}.`, 'rest_not_in_enum');
    return raw as T;
  }

  boolean(name: string): boolean {
    const raw = this.text(name);
    return raw !== null && ['1', 'true', 'yes'].includes(raw.toLowerCase());
  }

  /** A list given as `a,b` or as repeated `name[]=` entries. */
  list(name: string): string[] {
    const values = [...this.params.getAll(name), ...this.params.getAll(`${name}[]`)];
    return values
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter((value) => value !== '');
  }
}

export interface PageOf<T> {
  readonly items: readonly T[];
  readonly headers: Record<string, string>;
}

/** Pages a collection as WC_REST_CRUD_Controller::get_items does, with X-WP-Total, X-WP-TotalPages and Link. */
export function paginate<T>(all: readonly T[], query: QueryParams, requestUrl: URL): PageOf<T> {
  const perPage = query.integer('per_page', 10, 1, 100);
  const page = query.integer('page', 1, 1);
  const total = all.length;
  const totalPages = Math.ceil(total / perPage);
  const items = all.slice((page - 1) * perPage, page * perPage);
  const headers: Record<string, string> = { 'X-WP-Total': String(total), 'X-WP-TotalPages': String(totalPages) };
  const links: string[] = [];
  const linkTo = (target: number) => {
    const url = new URL(requestUrl);
    url.searchParams.set('page', String(target));
    return url.toString();
  };
  if (page > 1) links.push(`<${linkTo(Math.min(page - 1, Math.max(totalPages, 1)))}>; rel="prev"`);
  if (totalPages > page) links.push(`<${linkTo(page + 1)}>; rel="next"`);
  if (links.length > 0) headers.Link = links.join(', ');
  return { items, headers };
}

/** WordPress's `_fields`: only the named top-level fields of each object. */
export function onlyFields(value: unknown, query: QueryParams): unknown {
  const fields = query.list('_fields').map((field) => field.split('.')[0]!);
  if (fields.length === 0) return value;
  const pick = (item: unknown) =>
    typeof item === 'object' && item !== null
      ? Object.fromEntries(Object.entries(item).filter(([key]) => fields.includes(key)))
      : item;
  return Array.isArray(value) ? value.map(pick) : pick(value);
}

/** Money as WooCommerce writes it: a decimal string with the store's decimals. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** "19.9", "216", "19.90" as cents; null for "", null or anything else. */
export function parseCents(text: string | null | undefined): number | null {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec((text ?? '').trim());
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : null;
}
