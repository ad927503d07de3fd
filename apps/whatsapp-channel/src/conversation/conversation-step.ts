/** What was shown of a search hit, kept so a row can be shown as a card without asking Souk again. */
export interface HitMemo {
  readonly productId: string;
  readonly offerId: string;
  readonly title: string;
  readonly retailerName: string;
  readonly price: string;
  readonly imageLink: string | null;
  readonly offerCount: number;
  /** Absent from memos stored before variants were shown: one. */
  readonly variantCount?: number;
}

/** A page of results as it was shown: what was searched, its hits, and the cursor of the next page. */
export interface ResultsMemo {
  readonly q: string | null;
  readonly categoryId: number | null;
  readonly label: string;
  readonly total: number;
  readonly hits: readonly HitMemo[];
  readonly nextCursor: string | null;
}

export type CheckoutQuestion = 'name' | 'line1' | 'postalCode' | 'city' | 'country' | 'email';

/** Where a conversation stands; kept as JSON in `conversation.step`. */
export type Step =
  | { readonly kind: 'new' }
  | { readonly kind: 'idle' }
  | { readonly kind: 'results'; readonly results: ResultsMemo }
  | { readonly kind: 'product'; readonly hit: HitMemo; readonly results: ResultsMemo | null }
  | { readonly kind: 'checkout'; readonly ask: CheckoutQuestion }
  /** A summary was shown; `number` is the conversation step it was shown at, part of the order's idempotency key. */
  | { readonly kind: 'confirm'; readonly number: number };

export function readStep(value: unknown): Step {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' && ['new', 'idle', 'results', 'product', 'checkout', 'confirm'].includes(kind)
    ? (value as Step)
    : { kind: 'idle' };
}
