/** What the conversation asks of Souk, through the public channel API (implemented with #client). */

export interface SearchHit {
  readonly productId: string;
  readonly offerCount: number;
  /** Variants (sizes, colours) with a visible offer. */
  readonly variantCount: number;
  readonly bestOffer: {
    readonly offerId: string;
    readonly retailerName: string;
    readonly title: string;
    readonly imageLink: string | null;
    readonly priceMinor: string;
    readonly currency: string;
    /** Formatted by Souk in the channel's locale. */
    readonly price: string;
  };
}

export interface SearchPage {
  readonly total: number;
  readonly approximate: boolean;
  readonly items: readonly SearchHit[];
  readonly nextCursor: string | null;
}

export interface CategoryChoice {
  readonly id: number;
  readonly name: string;
  readonly count: number;
}

export interface ProductOffer {
  readonly offerId: string;
  readonly title: string;
  readonly retailerName: string;
  /** Which of the product's variants it sells. */
  readonly variantKey: string;
  /** Size, colour, ...: what tells this offer's variant from the product's others. */
  readonly variantAttributes: Readonly<Record<string, string>>;
  readonly availability: string;
  readonly effectivePriceMinor: string;
  readonly currency: string;
  /** What the buyer pays now, formatted by Souk for the channel locale. */
  readonly price: string;
  readonly imageLink: string | null;
}

export interface Money {
  readonly currency: string;
  readonly amountMinor: string;
  /** Formatted by Souk in the channel's locale. */
  readonly amount: string;
}

export interface CartLine {
  readonly offerId: string;
  readonly quantity: number;
  readonly title: string | null;
  readonly currency: string;
  readonly seenPriceMinor: string;
  readonly unitPriceMinor: string | null;
  readonly lineTotalMinor: string | null;
  /** Formatted by Souk in the channel's locale; null when the offer is gone. */
  readonly lineTotal: string | null;
  readonly issues: readonly string[];
}

export interface Cart {
  readonly retailers: readonly {
    readonly retailerId: string;
    readonly retailerName: string;
    readonly lines: readonly CartLine[];
    readonly subtotals: readonly Money[];
  }[];
  readonly unavailable: readonly CartLine[];
  readonly totals: readonly Money[];
  readonly readyForCheckout: boolean;
}

export interface CheckoutRequest {
  readonly userRef: string;
  readonly customer: { readonly name: string; readonly email: string | null; readonly phone: string };
  readonly shippingAddress: {
    readonly name: string;
    readonly line1: string;
    readonly postalCode: string;
    readonly city: string;
    readonly country: string;
  };
}

export type CheckoutOutcome =
  | {
      readonly kind: 'placed';
      readonly orderId: string;
      readonly retailerOrders: readonly { readonly retailerId: string }[];
    }
  | {
      readonly kind: 'lines-changed';
      readonly changes: readonly {
        readonly offerId: string;
        readonly issue: string;
        readonly unitPriceMinor?: string;
        readonly currency?: string;
        readonly stockQuantity?: number;
      }[];
    }
  /** Refused as it is (a country a retailer does not ship to, a field Souk finds wrong): `detail` says why. */
  | { readonly kind: 'refused'; readonly detail: string; readonly fields: readonly string[] };

export interface SoukPort {
  /** The channel this key belongs to: its name and locale. */
  channel(): Promise<{ readonly name: string; readonly locale: string }>;
  search(
    userRef: string,
    query: { readonly q?: string; readonly categoryId?: number; readonly cursor?: string; readonly limit: number },
  ): Promise<SearchPage>;
  categories(parentId?: number): Promise<readonly CategoryChoice[]>;
  /** The visible offers of a product, best first; null when the channel may not show it (any more). */
  productOffers(productId: string): Promise<readonly ProductOffer[] | null>;
  cart(userRef: string): Promise<Cart>;
  /** Sets a line's quantity (accepting the current price); null when the offer is not available. */
  setCartLine(userRef: string, offerId: string, quantity: number): Promise<Cart | null>;
  removeCartLine(userRef: string, offerId: string): Promise<Cart>;
  checkout(request: CheckoutRequest, idempotencyKey: string): Promise<CheckoutOutcome>;
}
