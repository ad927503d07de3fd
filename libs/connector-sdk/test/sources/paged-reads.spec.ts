import { cursorPages, linkedPages, nextLink, numberedPages } from '#connector-sdk';

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe('numberedPages', () => {
  it('stops at the page count the server reports, even when the last page is full', async () => {
    const asked: number[] = [];
    const pages = await collect(
      numberedPages(async (page) => (asked.push(page), { items: [page, page], totalPages: 3 }), 2),
    );
    expect(asked).toEqual([1, 2, 3]);
    expect(pages.map((page) => page.last)).toEqual([false, false, true]);
  });

  it('without a page count, stops at a short page or an empty one', async () => {
    const short = await collect(
      numberedPages(async (page) => ({ items: page < 3 ? [1, 2] : [1], totalPages: null }), 2),
    );
    expect(short.map((page) => [page.page, page.items.length, page.last])).toEqual([
      [1, 2, false],
      [2, 2, false],
      [3, 1, true],
    ]);
    const empty = await collect(
      numberedPages(async (page) => ({ items: page < 2 ? [1, 2] : [], totalPages: null }), 2),
    );
    expect(empty.map((page) => page.last)).toEqual([false, true]);
  });

  it('fetches nothing more once the signal is aborted', async () => {
    const controller = new AbortController();
    const asked: number[] = [];
    const pages = numberedPages(
      async (page) => (asked.push(page), { items: [page], totalPages: 10 }),
      1,
      controller.signal,
    );
    await pages.next();
    controller.abort(new Error('stopped'));
    await expect(pages.next()).rejects.toThrow('stopped');
    expect(asked).toEqual([1]);
  });
});

describe('linkedPages and nextLink', () => {
  it('follows the next URL each answer names until one names none', async () => {
    const next: Record<string, string | null> = { '/p1': '/p2', '/p2': '/p3', '/p3': null };
    const pages = await collect(linkedPages('/p1', async (url) => ({ body: url.toUpperCase(), nextUrl: next[url]! })));
    expect(pages).toEqual([
      { url: '/p1', body: '/P1', last: false },
      { url: '/p2', body: '/P2', last: false },
      { url: '/p3', body: '/P3', last: true },
    ]);
  });

  it('reads rel="next" from a Link header with several links and relations, quoted or not', () => {
    const shopify =
      '<https://shop.example/admin/api/2025-01/products.json?limit=250&page_info=abc>; rel="previous", <https://shop.example/admin/api/2025-01/products.json?limit=250&page_info=def>; rel="next"';
    expect(nextLink(shopify)).toBe('https://shop.example/admin/api/2025-01/products.json?limit=250&page_info=def');
    expect(nextLink('<https://api.example/items?page=2>; rel=next')).toBe('https://api.example/items?page=2');
    expect(nextLink('<https://api.example/items?page=2>; title="a, b"; rel="last next"')).toBe(
      'https://api.example/items?page=2',
    );
    expect(nextLink('<https://api.example/items?page=1>; rel="prev"')).toBeNull();
    expect(nextLink(undefined)).toBeNull();
  });
});

describe('cursorPages', () => {
  it("passes each answer's cursor to the next fetch, and stops when there is none or it repeats", async () => {
    const asked: (string | null)[] = [];
    const next: Record<string, string | null> = { start: 'c1', c1: 'c2', c2: null };
    const pages = await collect(
      cursorPages(
        async (cursor) => (asked.push(cursor), { items: [cursor ?? 'start'], nextCursor: next[cursor ?? 'start']! }),
      ),
    );
    expect(asked).toEqual([null, 'c1', 'c2']);
    expect(pages.map((page) => page.last)).toEqual([false, false, true]);
    const stuck = await collect(cursorPages(async () => ({ items: [1], nextCursor: 'same' })));
    expect(stuck.map((page) => page.last)).toEqual([false, true]);
  });
});
