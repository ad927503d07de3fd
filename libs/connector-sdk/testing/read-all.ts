import type { NotModified, ReadPage, RawItem } from '#connector-sdk';

/** What a read came to: the pages (and their items) yielded before it ended or failed, and how it ended. */
export interface ReadOutcome<C> {
  readonly pages: ReadPage<C>[];
  readonly items: RawItem[];
  readonly result: NotModified | void;
  readonly error: unknown;
}

/** Runs a connector's read to its end, keeping the pages yielded before any error (for connector tests). */
export async function readAll<C>(read: AsyncGenerator<ReadPage<C>, NotModified | void>): Promise<ReadOutcome<C>> {
  const pages: ReadPage<C>[] = [];
  try {
    for (;;) {
      const next = await read.next();
      if (next.done) return { pages, items: pages.flatMap((page) => page.items), result: next.value, error: undefined };
      pages.push(next.value);
    }
  } catch (error) {
    return { pages, items: pages.flatMap((page) => page.items), result: undefined, error };
  }
}
