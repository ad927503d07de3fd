import type { Connector, ConnectorContext, RawItem } from '#connector-sdk';
import type { NormalizedOffer } from '#domain';

export interface IssueRow {
  itemId: string | null;
  line: number | null;
  severity: 'error' | 'warning';
  field: string | null;
  message: string;
}

export interface MappedPage {
  readonly offers: NormalizedOffer[];
  readonly issues: IssueRow[];
  /** Items read, including the ones that failed. */
  readonly read: number;
  readonly failed: number;
}

/** Told of a connector's `map` that threw (a bug in the connector, not a bad item), with the item it threw on. */
export type MapFailureReport = (
  error: unknown,
  item: { readonly itemId: string | null; readonly line: number | null },
) => void;

/**
 * Maps a page of raw items to offers. A bad item becomes issues and never stops the page; the
 * second occurrence of an id within the page is reported and skipped (the first one wins). A `map`
 * that throws fails only its item, and the error goes to `reportMapFailure` with its stack.
 */
export function mapPage(
  connector: Connector,
  context: ConnectorContext<unknown, unknown>,
  items: readonly RawItem[],
  reportMapFailure: MapFailureReport,
): MappedPage {
  const offers = new Map<string, NormalizedOffer>();
  const issues: IssueRow[] = [];
  let failed = 0;
  for (const item of items) {
    const where = { itemId: item.ref.id ?? null, line: item.ref.line ?? null };
    let result;
    try {
      result = connector.map(item, context);
    } catch (error) {
      reportMapFailure(error, where);
      result = {
        offer: null,
        issues: [{ severity: 'error' as const, field: null, message: 'the connector could not read this item' }],
      };
    }
    const itemId = result.offer?.retailerItemId ?? where.itemId;
    for (const issue of result.issues)
      issues.push({ ...where, itemId, severity: issue.severity, field: issue.field, message: issue.message });
    if (!result.offer) {
      failed += 1;
      continue;
    }
    if (offers.has(result.offer.retailerItemId)) {
      failed += 1;
      issues.push({ ...where, itemId, severity: 'error', field: 'id', message: duplicateMessage });
      continue;
    }
    offers.set(result.offer.retailerItemId, result.offer);
  }
  return { offers: [...offers.values()], issues, read: items.length, failed };
}

export const duplicateMessage = 'the id appears more than once in this sync; the first occurrence was kept';
