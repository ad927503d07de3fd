import { ConnectorError, type RawItem, type ReadPage } from '../connector.js';

export const PAGE_SIZE = 1000;

/**
 * Groups items into pages. Only the last page carries the new checkpoint: a feed or file cannot be
 * resumed mid-file, so a run that stops early must read it again from the start. The last page is
 * yielded even when empty, so that the new checkpoint is committed. When the source is broken (a
 * ConnectorError), the items read before the break are still yielded, with the previous
 * checkpoint, then the error; on any other error (an abort) no further page is yielded.
 */
export async function* inPages<C>(
  items: AsyncIterable<RawItem>,
  previous: C | null,
  next: () => C | null,
  size = PAGE_SIZE,
): AsyncGenerator<ReadPage<C>> {
  let page: RawItem[] = [];
  try {
    for await (const item of items) {
      if (page.length === size) {
        yield { items: page, checkpoint: previous };
        page = [];
      }
      page.push(item);
    }
  } catch (error) {
    if (error instanceof ConnectorError && page.length > 0) yield { items: page, checkpoint: previous };
    throw error;
  }
  yield { items: page, checkpoint: next() };
}
