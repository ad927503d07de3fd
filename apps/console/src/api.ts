/**
 * Calls to Souk's HTTP API from the console. The session cookie (HttpOnly) travels by itself; state
 * changing calls carry the session's CSRF token, which lives only in this module's memory. Errors
 * are RFC 9457 problems, thrown as ApiError.
 */

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly errors?: readonly { readonly field?: string; readonly message?: string; readonly path?: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `The server answered ${status}.`);
  }

  /** The last segment of the problem type: "csrf", "console-not-for-channels", ... */
  get kind(): string {
    return (this.problem.type ?? '').split('/').pop() ?? '';
  }
}

/** Thrown on 401: the session is gone; the app goes back to sign-in. */
let onUnauthorized: () => void = () => undefined;
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export interface RequestOptions {
  readonly query?: Query;
  readonly body?: unknown;
  /** Raw body (an uploaded file) with its content type. */
  readonly raw?: { readonly body: Blob; readonly contentType: string };
  /** Do not treat 401 as the end of the session (sign-in itself). */
  readonly quiet401?: boolean;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  let body: BodyInit | undefined;
  if (options.raw) {
    headers['content-type'] = options.raw.contentType;
    body = options.raw.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(withQuery(path, options.query), {
    method,
    headers,
    body,
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    const problem: Problem =
      typeof parsed === 'object' && parsed !== null
        ? (parsed as Problem)
        : { title: response.statusText, status: response.status };
    if (response.status === 401 && !options.quiet401) onUnauthorized();
    throw new ApiError(response.status, problem);
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body, query }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** What to tell a person about an error, and what they can do. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = (error.problem.errors ?? []).map((item) => item.message).filter(Boolean);
    const base = error.message;
    if (error.status === 403 && error.kind === 'csrf')
      return 'This page lost its session token. Reload the page and try again.';
    if (error.status === 403) return `${base} Your key's role is not allowed to do this.`;
    if (error.status === 404) return `${base} It may have been removed: go back to the list and reload it.`;
    if (error.status >= 500)
      return `${base} The server failed: try again in a moment, and tell the operator if it keeps failing.`;
    return fields.length ? `${base} ${fields.join(' ')}` : base;
  }
  if (error instanceof TypeError)
    return 'The marketplace could not be reached. Check that it is running and your network, then try again.';
  return error instanceof Error ? error.message : String(error);
}
