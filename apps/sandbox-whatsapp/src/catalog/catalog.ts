import { parseFeed, type FeedAttributes } from './feed-parsing.js';

/** A product of the catalog connected to the number, as the phone shows it. */
export interface CatalogProduct {
  /** The feed's `id`: what messages send as `product_retailer_id`. */
  readonly retailerId: string;
  readonly title: string;
  readonly description: string;
  /** `in stock`, `out of stock`, `preorder`, `available for order` or `discontinued`. */
  readonly availability: string;
  /** The price a buyer pays: the feed's sale_price when there is one, else its price. */
  readonly price: Money | null;
  /** The feed's price when a sale price replaces it, for showing it struck through. */
  readonly regularPrice: Money | null;
  readonly imageUrl: string | null;
  readonly link: string | null;
  readonly brand: string | null;
}

export interface Money {
  /** A decimal string as in the feed, e.g. "9.99". */
  readonly amount: string;
  readonly currency: string;
}

/** The catalog's state for the records and the simulator. */
export interface CatalogSnapshot {
  readonly catalogId: string;
  readonly feedUrl: string | null;
  readonly loadedAt: string | null;
  /** Why the last load failed, if it did; the products of the load before stay. */
  readonly error: string | null;
  readonly products: readonly CatalogProduct[];
}

/**
 * The Meta catalog connected to the phone number, read from a catalog feed like Meta's scheduled
 * fetch. It loads on first use and again on `refresh()`; product and multi-product messages are
 * checked against it.
 */
export class Catalog {
  private products = new Map<string, CatalogProduct>();
  private loadedAt: Date | null = null;
  private error: string | null = null;
  private loading: Promise<void> | null = null;

  constructor(
    readonly catalogId: string,
    private feedUrl: string | null,
    private readonly now: () => Date,
  ) {}

  /** Reads another feed from now on (loaded on next use). */
  setFeedUrl(url: string | null): void {
    this.feedUrl = url;
    this.loadedAt = null;
    this.products = new Map();
  }

  /** Fetches the feed again; a failed fetch keeps the products read before and records why. */
  refresh(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  async product(retailerId: string): Promise<CatalogProduct | undefined> {
    await this.ensureLoaded();
    return this.products.get(retailerId);
  }

  async snapshot(): Promise<CatalogSnapshot> {
    await this.ensureLoaded();
    return {
      catalogId: this.catalogId,
      feedUrl: this.feedUrl,
      loadedAt: this.loadedAt?.toISOString() ?? null,
      error: this.error,
      products: [...this.products.values()],
    };
  }

  private async ensureLoaded(): Promise<void> {
    if (this.loadedAt === null && this.feedUrl !== null) await this.refresh();
  }

  private async load(): Promise<void> {
    const url = this.feedUrl;
    if (url === null) return;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      if (!response.ok) throw new Error(`the feed answered HTTP ${response.status}`);
      const products = parseFeed(await response.text()).flatMap((item) => {
        const product = toProduct(item);
        return product ? [product] : [];
      });
      this.products = new Map(products.map((product) => [product.retailerId, product]));
      this.error = null;
    } catch (error) {
      this.error = `Reading the catalog feed ${url} failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    this.loadedAt = this.now();
  }
}

function toProduct(item: FeedAttributes): CatalogProduct | null {
  const retailerId = item.id;
  if (!retailerId) return null;
  const price = money(item.price);
  const sale = money(item.sale_price);
  return {
    retailerId,
    title: item.title ?? retailerId,
    description: item.description ?? '',
    availability: (item.availability ?? 'in stock').replace(/_/g, ' ').toLowerCase(),
    price: sale ?? price,
    regularPrice: sale ? price : null,
    imageUrl: item.image_link ?? null,
    link: item.link ?? null,
    brand: item.brand ?? null,
  };
}

/** "9.99 EUR" (Google's form) or "EUR 9.99"; null when it is neither. */
function money(text: string | undefined): Money | null {
  if (!text) return null;
  const match =
    /^(\d+(?:[.,]\d+)?)\s*([A-Z]{3})$/.exec(text.trim()) ?? /^([A-Z]{3})\s*(\d+(?:[.,]\d+)?)$/.exec(text.trim());
  if (!match) return null;
  const [amount, currency] = /^\d/.test(match[1]!) ? [match[1]!, match[2]!] : [match[2]!, match[1]!];
  return { amount: amount.replace(',', '.'), currency };
}
