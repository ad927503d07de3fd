/**
 * The three ways shop systems page a list, so a connector says how to fetch one page and the SDK
 * says when the list ends:
 *   - numbered pages (`?page=1,2,...`): until the page count the server reports, else an empty or
 *     short page (WooCommerce's X-WP-TotalPages);
 *   - linked pages: each answer names the next page's URL (an RFC 8288 `Link: <...>; rel="next"`
 *     header, as Shopify sends; `nextLink` reads it), until it names none;
 *   - cursors: each answer carries the cursor of the next page, until it carries none.
 * Each yields a page with `last` set on the last one, and checks the signal before every fetch.
 */

export interface NumberedPage<T> {
  readonly items: readonly T[];
  /** The number of pages the server reports, when it does. */
  readonly totalPages: number | null;
}

export async function* numberedPages<T>(
  fetchPage: (page: number) => Promise<NumberedPage<T>>,
  pageSize: number,
  signal?: AbortSignal,
): AsyncGenerator<{ readonly page: number; readonly items: readonly T[]; readonly last: boolean }> {
  for (let page = 1; ; page += 1) {
    signal?.throwIfAborted();
    const { items, totalPages } = await fetchPage(page);
    const last = items.length === 0 || (totalPages !== null ? page >= totalPages : items.length < pageSize);
    yield { page, items, last };
    if (last) return;
  }
}

export async function* linkedPages<T>(
  firstUrl: string,
  fetchPage: (url: string) => Promise<{ readonly body: T; readonly nextUrl: string | null }>,
  signal?: AbortSignal,
): AsyncGenerator<{ readonly url: string; readonly body: T; readonly last: boolean }> {
  let url: string | null = firstUrl;
  while (url !== null) {
    signal?.throwIfAborted();
    const { body, nextUrl }: { body: T; nextUrl: string | null } = await fetchPage(url);
    yield { url, body, last: nextUrl === null };
    url = nextUrl;
  }
}

export async function* cursorPages<T>(
  fetchPage: (cursor: string | null) => Promise<{ readonly items: readonly T[]; readonly nextCursor: string | null }>,
  signal?: AbortSignal,
): AsyncGenerator<{ readonly items: readonly T[]; readonly last: boolean }> {
  let cursor: string | null = null;
  for (;;) {
    signal?.throwIfAborted();
    const { items, nextCursor }: { items: readonly T[]; nextCursor: string | null } = await fetchPage(cursor);
    const last = nextCursor === null || nextCursor === cursor;
    yield { items, last };
    if (last) return;
    cursor = nextCursor;
  }
}

/** The URL a `Link` header gives for rel="next" (the relation may be one of several), or null. */
export function nextLink(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  for (const link of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(link);
    const relation = match ? /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2]!) : null;
    const relations = (relation?.[1] ?? relation?.[2] ?? '').toLowerCase().split(/\s+/);
    if (match && relations.includes('next')) return match[1]!;
  }
  return null;
}
