import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { CallRecorder, formatRetryAfter, LeakyBucket, type CallStats } from './call-limit.js';
import { generateCatalog } from './generated-catalog.js';
import { ApiError, listPage, readId, readListRequest, readTime, selectFields } from './listing.js';
import { OrderBook, type Tracking } from './order-book.js';
import { buildProduct, IdSequence, type ProductInput } from './product-builder.js';
import { shopTime } from './shop-clock.js';
import type { ShopifyOrder, ShopifyProduct, ShopifyVariant } from './shopify-types.js';
import { WebhookSender, type WebhookDelivery } from './webhook-sender.js';

export interface ShopifySandboxOptions {
  /** The Admin API access token (X-Shopify-Access-Token) the shop accepts. */
  readonly accessToken: string;
  /** The app's client secret: webhooks are signed with it. */
  readonly webhookSecret: string;
  /** The version the shop answers with when asked for one it does not support; default 2024-10. */
  readonly apiVersion?: string;
  /** Products in the generated catalog; default 50. */
  readonly products?: number;
  /** Variants of each generated product (every 7th has one "Default Title" variant); default 3. */
  readonly variantsPerProduct?: number;
  /** Default 40, as on Shopify's standard plans. */
  readonly bucketSize?: number;
  /** Default 2 calls a second, as on Shopify's standard plans. */
  readonly leakPerSecond?: number;
  /** Seed of the generated catalog; default 1. */
  readonly seed?: number;
  /** Whether the bucket's 429s carry Retry-After: always (default), every other one, or never. */
  readonly retryAfter?: 'always' | 'sometimes' | 'never';
  readonly shopName?: string;
  /** X-Shopify-Shop-Domain of webhooks and shop.json's myshopify_domain; default souk-sandbox.myshopify.com. */
  readonly shopDomain?: string;
  /** The shop's currency; default EUR. */
  readonly currency?: string;
  /** Webhook retries after a non-2xx answer; default 3. */
  readonly webhookRetries?: number;
  readonly webhookRetryDelayMs?: number;
}

export type OrderCreateFault = 'timeout-after' | 'timeout-before' | 'server-error';

/** The scopes a token of the sandbox has unless restrictScopes says otherwise. */
export const ALL_SCOPES = ['read_products', 'write_products', 'read_inventory', 'read_orders', 'write_orders'] as const;

/** API versions the sandbox answers with as asked; others get the shop's apiVersion. */
export const SUPPORTED_API_VERSIONS = ['2024-07', '2024-10', '2025-01', '2025-04'];

const PRODUCT_FILTERS = [
  'ids',
  'since_id',
  'status',
  'updated_at_min',
  'updated_at_max',
  'created_at_min',
  'created_at_max',
  'vendor',
  'product_type',
];
const ORDER_FILTERS = [
  'ids',
  'since_id',
  'status',
  'created_at_min',
  'created_at_max',
  'updated_at_min',
  'financial_status',
];
const PRODUCT_STATUSES = ['active', 'draft', 'archived'];
const MAX_BODY_BYTES = 1024 * 1024;
const THROTTLED = 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.';
const INVALID_TOKEN = '[API] Invalid API key or access token (unrecognized login or wrong password)';

type Answer = { readonly status: number; readonly body: unknown; readonly headers?: Record<string, string> };

/**
 * A fake Shopify store that speaks the REST Admin API closely enough to catch a connector's
 * mistakes: the access token header, scopes, the leaky-bucket call limit with its header and 429s,
 * cursor pagination through the Link header (with Shopify's 400 for filters next to page_info),
 * `fields`, products with Shopify's odd values, orders with their checks, and signed webhooks.
 * Test hooks change the catalog, fulfil and cancel orders, inject faults and report the client's
 * pace (`stats()`). See README.md in this folder.
 */
export class ShopifySandbox {
  readonly apiVersion: string;
  readonly shopDomain: string;
  readonly currency: string;
  private readonly ids = new IdSequence();
  private readonly catalog: ShopifyProduct[];
  private readonly book: OrderBook;
  private readonly webhooks: WebhookSender;
  private readonly bucket: LeakyBucket;
  private readonly calls = new CallRecorder();
  private scopes: readonly string[] = ALL_SCOPES;
  private stormLeft = 0;
  private stormRetryAfter: readonly (string | null)[] = [];
  private stormIndex = 0;
  private bucketRefusals = 0;
  private readonly orderFaults: { kind: OrderCreateFault; hangMs: number }[] = [];
  private readonly orderRequests: unknown[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | undefined;
  private base = '';

  constructor(private readonly options: ShopifySandboxOptions) {
    this.apiVersion = options.apiVersion ?? '2024-10';
    this.shopDomain = options.shopDomain ?? 'souk-sandbox.myshopify.com';
    this.currency = options.currency ?? 'EUR';
    this.catalog = generateCatalog(this.ids, {
      products: options.products ?? 50,
      variantsPerProduct: options.variantsPerProduct ?? 3,
      seed: options.seed ?? 1,
    });
    this.bucket = new LeakyBucket(options.bucketSize ?? 40, options.leakPerSecond ?? 2, performance.now());
    this.book = new OrderBook(this.ids, (id) => this.findVariant(id), this.currency, this.shopDomain);
    this.webhooks = new WebhookSender({
      secret: options.webhookSecret,
      shopDomain: this.shopDomain,
      apiVersion: this.apiVersion,
      retries: options.webhookRetries,
      retryDelayMs: options.webhookRetryDelayMs,
    });
  }

  /** Resolves to the shop's base URL, e.g. http://127.0.0.1:PORT (the Admin API is under /admin/api/{version}/). */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (response.headersSent) response.destroy();
        else send(response, { status: 500, body: { errors: error instanceof Error ? error.message : String(error) } });
      });
    });
    this.server = server;
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(port, host, done);
    });
    this.base = `http://${host}:${(server.address() as AddressInfo).port}`;
    return this.base;
  }

  async close(): Promise<void> {
    this.webhooks.close();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  }

  // ---- test hooks: access and pace ----

  /** From now on the token has only these scopes (e.g. ['read_products']); calls needing others get 403. */
  restrictScopes(scopes: readonly string[]): void {
    this.scopes = [...scopes];
  }

  /**
   * Answers the next `count` calls with 429 whatever the bucket holds. Their Retry-After cycles
   * through `retryAfter` (null: no header); by default fractional values and a missing one.
   */
  storm(count: number, retryAfter: readonly (string | null)[] = ['0.5', null, '0.2']): void {
    this.stormLeft = count;
    this.stormRetryAfter = retryAfter.length > 0 ? retryAfter : [null];
    this.stormIndex = 0;
  }

  stats(): CallStats {
    return this.calls.stats();
  }

  // ---- test hooks: catalog ----

  /** A copy of every product, sorted by id. */
  products(): ShopifyProduct[] {
    return structuredClone(this.catalog);
  }

  product(id: number): ShopifyProduct | undefined {
    const product = this.catalog.find((candidate) => candidate.id === id);
    return product && structuredClone(product);
  }

  /** Adds a product (active unless said otherwise) and sends products/create. */
  createProduct(input: ProductInput): ShopifyProduct {
    const product = buildProduct(this.ids, input, Date.now());
    this.catalog.push(product);
    this.webhooks.send('products/create', product);
    return structuredClone(product);
  }

  /** Changes product fields, bumps updated_at and sends products/update. */
  updateProduct(
    id: number,
    patch: Partial<
      Pick<ShopifyProduct, 'title' | 'body_html' | 'vendor' | 'product_type' | 'handle' | 'status' | 'tags'>
    >,
  ): ShopifyProduct {
    const product = this.mustFindProduct(id);
    Object.assign(product, patch);
    if (product.status === 'active' && product.published_at === null) product.published_at = shopTime(Date.now());
    return this.touched(product, []);
  }

  /** Changes variant fields, bumps the variant's and product's updated_at and sends products/update. */
  updateVariant(
    variantId: number,
    patch: Partial<
      Pick<
        ShopifyVariant,
        | 'price'
        | 'compare_at_price'
        | 'sku'
        | 'barcode'
        | 'inventory_quantity'
        | 'inventory_policy'
        | 'inventory_management'
        | 'title'
      >
    >,
  ): ShopifyProduct {
    const found = this.findVariant(variantId);
    if (!found) throw new Error(`No variant ${variantId}.`);
    if (patch.inventory_quantity !== undefined) found.variant.old_inventory_quantity = found.variant.inventory_quantity;
    Object.assign(found.variant, patch);
    return this.touched(found.product, [found.variant]);
  }

  updateVariantPrice(variantId: number, price: string): ShopifyProduct {
    return this.updateVariant(variantId, { price });
  }

  /** Removes the product and sends products/delete with `{"id": ...}`. */
  deleteProduct(id: number): void {
    const index = this.catalog.findIndex((product) => product.id === id);
    if (index === -1) throw new Error(`No product ${id}.`);
    this.catalog.splice(index, 1);
    this.webhooks.send('products/delete', { id });
  }

  // ---- test hooks: orders ----

  /** Every order created, in order (to check that a retried placement created one). */
  ordersCreated(): ShopifyOrder[] {
    return structuredClone([...this.book.all()]);
  }

  /** The body of every POST /orders.json that passed auth and the call limit, as sent. */
  orderCreateRequests(): unknown[] {
    return structuredClone(this.orderRequests);
  }

  /**
   * The next order creation fails: `server-error` answers 500 without creating; `timeout-before`
   * holds the request for `hangMs`, then answers 504 without creating; `timeout-after` creates the
   * order, then holds the answer and answers 504.
   */
  failNextOrderCreate(kind: OrderCreateFault, hangMs = 5000): void {
    this.orderFaults.push({ kind, hangMs });
  }

  /** Fulfils the whole order with this tracking; sends orders/fulfilled and orders/updated. */
  fulfillOrder(id: number, tracking: Tracking): ShopifyOrder {
    const order = this.book.fulfill(id, tracking, Date.now());
    this.webhooks.send('orders/fulfilled', order);
    this.webhooks.send('orders/updated', order);
    return structuredClone(order);
  }

  /** Cancels the order as the merchant would; sends orders/cancelled and orders/updated. */
  cancelOrder(id: number, reason = 'customer'): ShopifyOrder {
    const order = this.book.cancel(id, reason, Date.now());
    this.sendCancelled(order);
    return structuredClone(order);
  }

  // ---- test hooks: webhooks ----

  /** As if the app had subscribed this address to the topics (all topics when none are named). */
  registerWebhookAddress(url: string, topics?: readonly string[]): void {
    this.webhooks.register(url, topics);
  }

  webhookDeliveries(): readonly WebhookDelivery[] {
    return this.webhooks.deliveries();
  }

  /** Resolves when every webhook sent so far was delivered or ran out of retries. */
  webhooksSettled(): Promise<void> {
    return this.webhooks.settled();
  }

  /** The last webhook again, identical (same X-Shopify-Webhook-Id): a replay. Resolves to the status. */
  resendLastWebhook(): Promise<number | null> {
    return this.webhooks.resendLast();
  }

  sendWebhookWithBadSignature(topic: string, body: unknown): Promise<(number | null)[]> {
    return this.webhooks.sendWithBadSignature(topic, body);
  }

  // ---- HTTP ----

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.base || 'http://localhost');
    const method = request.method ?? 'GET';
    if (url.pathname.startsWith('/_sandbox/')) return send(response, await this.control(method, url.pathname, request));
    if (!url.pathname.startsWith('/admin/'))
      return send(response, {
        status: 404,
        body: '<!DOCTYPE html><title>Page not found</title>',
        headers: { 'content-type': 'text/html; charset=utf-8' },
      });

    const now = performance.now();
    this.calls.arrived(now);
    const headers: Record<string, string> = { 'x-request-id': randomUUID() };
    if (request.headers['x-shopify-access-token'] !== this.options.accessToken)
      return send(response, { status: 401, body: { errors: INVALID_TOKEN }, headers });
    const throttled = this.throttle(now);
    headers['x-shopify-shop-api-call-limit'] = this.bucket.header(now);
    if (throttled) return send(response, { ...throttled, headers: { ...headers, ...throttled.headers } });

    const versioned = /^\/admin\/api\/([^/]+)\/(.+)\.json$/.exec(url.pathname);
    if (versioned)
      headers['x-shopify-api-version'] = SUPPORTED_API_VERSIONS.includes(versioned[1]!)
        ? versioned[1]!
        : this.apiVersion;
    let answer: Answer;
    try {
      answer =
        url.pathname === '/admin/oauth/access_scopes.json' && method === 'GET'
          ? { status: 200, body: { access_scopes: this.scopes.map((handle) => ({ handle })) } }
          : versioned && /^(\d{4}-\d{2}|unstable)$/.test(versioned[1]!)
            ? await this.route(method, versioned[2]!, url, request, response)
            : { status: 404, body: { errors: 'Not Found' } };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      answer = { status: error.status, body: { errors: error.errors } };
    }
    if (answer.status === -1) return; // held by a fault
    send(response, { ...answer, headers: { ...headers, ...answer.headers } });
  }

  /** A 429 from a storm or the bucket, or null when the call may go ahead (and was added to the bucket). */
  private throttle(now: number): Answer | null {
    if (this.stormLeft > 0) {
      this.stormLeft -= 1;
      const retryAfter = this.stormRetryAfter[this.stormIndex++ % this.stormRetryAfter.length] ?? null;
      this.calls.refused(now, retryAfter === null ? null : Number(retryAfter) * 1000, 'storm');
      return {
        status: 429,
        body: { errors: THROTTLED },
        headers: retryAfter === null ? {} : { 'retry-after': retryAfter },
      };
    }
    const added = this.bucket.add(now);
    if (added.ok) return null;
    const mode = this.options.retryAfter ?? 'always';
    const withHeader = mode === 'always' || (mode === 'sometimes' && this.bucketRefusals++ % 2 === 0);
    const retryAfter = formatRetryAfter(added.waitMs);
    this.calls.refused(now, withHeader ? Number(retryAfter) * 1000 : null, 'bucket');
    return { status: 429, body: { errors: THROTTLED }, headers: withHeader ? { 'retry-after': retryAfter } : {} };
  }

  private async route(
    method: string,
    resource: string,
    url: URL,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<Answer> {
    const query = url.searchParams;
    const resourceUrl = `${this.base}${url.pathname}`;
    let match: RegExpExecArray | null;
    if (resource === 'shop' && method === 'GET') return { status: 200, body: { shop: this.shop() } };
    if (resource === 'products' && method === 'GET')
      return this.requireScope('read_products') ?? this.listProducts(query, resourceUrl);
    if (resource === 'products/count' && method === 'GET') {
      return (
        this.requireScope('read_products') ?? {
          status: 200,
          body: { count: this.filterProducts(readListRequest(query, PRODUCT_FILTERS).filters).length },
        }
      );
    }
    if ((match = /^products\/(\d+)$/.exec(resource)) && method === 'GET') {
      const product = this.catalog.find((candidate) => candidate.id === Number(match![1]));
      return (
        this.requireScope('read_products') ??
        (product ? { status: 200, body: { product: selectFields(product, query.get('fields')) } } : notFound())
      );
    }
    if (resource === 'orders' && method === 'GET')
      return this.requireScope('read_orders') ?? this.listOrders(query, resourceUrl);
    if (resource === 'orders' && method === 'POST')
      return this.requireScope('write_orders') ?? this.createOrder(await readJson(request), response);
    if (resource === 'orders/count' && method === 'GET') {
      return (
        this.requireScope('read_orders') ?? {
          status: 200,
          body: { count: this.filterOrders(readListRequest(query, ORDER_FILTERS).filters).length },
        }
      );
    }
    if ((match = /^orders\/(\d+)$/.exec(resource)) && method === 'GET') {
      const order = this.book.get(Number(match[1]));
      return (
        this.requireScope('read_orders') ??
        (order ? { status: 200, body: { order: selectFields(order, query.get('fields')) } } : notFound())
      );
    }
    if ((match = /^orders\/(\d+)\/cancel$/.exec(resource)) && method === 'POST') {
      const denied = this.requireScope('write_orders');
      if (denied) return denied;
      const body = await readJson(request);
      const reason =
        typeof (body as { reason?: unknown } | null)?.reason === 'string'
          ? (body as { reason: string }).reason
          : 'other';
      const order = this.book.cancel(Number(match[1]), reason, Date.now());
      this.sendCancelled(order);
      return { status: 200, body: { order } };
    }
    return notFound();
  }

  private requireScope(scope: string): Answer | null {
    const write = scope.replace(/^read_/, 'write_');
    if (this.scopes.includes(scope) || this.scopes.includes(write)) return null;
    return { status: 403, body: { errors: `[API] This action requires merchant approval for ${scope} scope.` } };
  }

  private shop(): Record<string, unknown> {
    return {
      id: 60_000_000_001,
      name: this.options.shopName ?? 'Souk Sandbox Shop',
      email: 'owner@souk-sandbox.example',
      domain: this.shopDomain,
      myshopify_domain: this.shopDomain,
      currency: this.currency,
      money_format: '€{{amount_with_comma_separator}}',
      iana_timezone: 'America/New_York',
      timezone: '(GMT-05:00) America/New_York',
      country_code: 'NL',
      plan_name: 'basic',
      created_at: shopTime(Date.UTC(2023, 5, 1)),
    };
  }

  private listProducts(query: URLSearchParams, resourceUrl: string): Answer {
    const request = readListRequest(query, PRODUCT_FILTERS);
    const page = listPage(this.filterProducts(request.filters), request, resourceUrl);
    return {
      status: 200,
      body: { products: page.items.map((product) => selectFields(product, request.fields)) },
      headers: page.link ? { link: page.link } : {},
    };
  }

  private filterProducts(filters: Record<string, string>): ShopifyProduct[] {
    const statuses = filters.status?.split(',').map((status) => status.trim());
    if (statuses?.some((status) => !PRODUCT_STATUSES.includes(status)))
      throw new ApiError(400, { status: 'status must be active, archived or draft' });
    const ids = filters.ids?.split(',').map((id) => Number(id.trim()));
    const sinceId = readId(filters, 'since_id');
    const [updatedMin, updatedMax, createdMin, createdMax] = [
      'updated_at_min',
      'updated_at_max',
      'created_at_min',
      'created_at_max',
    ].map((name) => readTime(filters, name));
    return this.catalog.filter((product) => {
      const updated = Date.parse(product.updated_at);
      const created = Date.parse(product.created_at);
      return (
        (!statuses || statuses.includes(product.status)) &&
        (!ids || ids.includes(product.id)) &&
        (sinceId === null || product.id > sinceId) &&
        (updatedMin === null || updated >= updatedMin) &&
        (updatedMax === null || updated <= updatedMax) &&
        (createdMin === null || created >= createdMin) &&
        (createdMax === null || created <= createdMax) &&
        (filters.vendor === undefined || product.vendor === filters.vendor) &&
        (filters.product_type === undefined || product.product_type === filters.product_type)
      );
    });
  }

  private listOrders(query: URLSearchParams, resourceUrl: string): Answer {
    const request = readListRequest(query, ORDER_FILTERS);
    const page = listPage(this.filterOrders(request.filters), request, resourceUrl);
    return {
      status: 200,
      body: { orders: page.items.map((order) => selectFields(order, request.fields)) },
      headers: page.link ? { link: page.link } : {},
    };
  }

  private filterOrders(filters: Record<string, string>): ShopifyOrder[] {
    const status = filters.status ?? 'open';
    if (!['open', 'closed', 'cancelled', 'any'].includes(status))
      throw new ApiError(400, { status: 'status must be open, closed, cancelled or any' });
    const ids = filters.ids?.split(',').map((id) => Number(id.trim()));
    const sinceId = readId(filters, 'since_id');
    const [createdMin, createdMax, updatedMin] = ['created_at_min', 'created_at_max', 'updated_at_min'].map((name) =>
      readTime(filters, name),
    );
    return this.book.all().filter((order) => {
      const created = Date.parse(order.created_at);
      const matchesStatus =
        status === 'any' ||
        (status === 'open' && order.closed_at === null && order.cancelled_at === null) ||
        (status === 'closed' && order.closed_at !== null) ||
        (status === 'cancelled' && order.cancelled_at !== null);
      return (
        matchesStatus &&
        (!ids || ids.includes(order.id)) &&
        (sinceId === null || order.id > sinceId) &&
        (createdMin === null || created >= createdMin) &&
        (createdMax === null || created <= createdMax) &&
        (updatedMin === null || Date.parse(order.updated_at) >= updatedMin) &&
        (filters.financial_status === undefined || order.financial_status === filters.financial_status)
      );
    });
  }

  private createOrder(body: unknown, response: ServerResponse): Answer {
    this.orderRequests.push(body);
    const fault = this.orderFaults.shift();
    if (fault?.kind === 'server-error') return { status: 500, body: { errors: 'Internal Server Error' } };
    if (fault?.kind === 'timeout-before') return this.hold(response, fault.hangMs);
    const order = this.book.create(body, Date.now());
    this.webhooks.send('orders/create', order);
    if (fault?.kind === 'timeout-after') return this.hold(response, fault.hangMs);
    return { status: 201, body: { order } };
  }

  /** Holds the answer for `ms`, then answers 504 as Shopify's edge does; -1 tells handle() not to answer. */
  private hold(response: ServerResponse, ms: number): Answer {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      send(response, { status: 504, body: { errors: 'Gateway Timeout' } });
    }, ms);
    this.timers.add(timer);
    response.once('close', () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    });
    return { status: -1, body: null };
  }

  private sendCancelled(order: ShopifyOrder): void {
    this.webhooks.send('orders/cancelled', order);
    this.webhooks.send('orders/updated', order);
  }

  /** Unsigned control endpoints for the standalone sandbox: stats, orders, fulfil, cancel, webhook address. */
  private async control(method: string, path: string, request: IncomingMessage): Promise<Answer> {
    let match: RegExpExecArray | null;
    try {
      if (path === '/_sandbox/stats' && method === 'GET') return { status: 200, body: this.stats() };
      if (path === '/_sandbox/orders' && method === 'GET') return { status: 200, body: this.ordersCreated() };
      if (path === '/_sandbox/webhooks' && method === 'POST') {
        const body = (await readJson(request)) as { url?: unknown; topics?: unknown } | null;
        if (typeof body?.url !== 'string') return { status: 400, body: { error: 'url is required' } };
        this.registerWebhookAddress(body.url, Array.isArray(body.topics) ? body.topics.map(String) : undefined);
        return { status: 204, body: null };
      }
      if ((match = /^\/_sandbox\/orders\/(\d+)\/fulfill$/.exec(path)) && method === 'POST') {
        return {
          status: 200,
          body: this.fulfillOrder(Number(match[1]), ((await readJson(request)) ?? {}) as Tracking),
        };
      }
      if ((match = /^\/_sandbox\/orders\/(\d+)\/cancel$/.exec(path)) && method === 'POST') {
        const body = (await readJson(request)) as { reason?: unknown } | null;
        return {
          status: 200,
          body: this.cancelOrder(Number(match[1]), typeof body?.reason === 'string' ? body.reason : 'customer'),
        };
      }
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: { errors: error.errors } };
      throw error;
    }
    return { status: 404, body: { error: `Nothing at ${method} ${path}.` } };
  }

  private findVariant(id: number): { product: ShopifyProduct; variant: ShopifyVariant } | undefined {
    for (const product of this.catalog) {
      const variant = product.variants.find((candidate) => candidate.id === id);
      if (variant) return { product, variant };
    }
    return undefined;
  }

  private mustFindProduct(id: number): ShopifyProduct {
    const product = this.catalog.find((candidate) => candidate.id === id);
    if (!product) throw new Error(`No product ${id}.`);
    return product;
  }

  private touched(product: ShopifyProduct, variants: ShopifyVariant[]): ShopifyProduct {
    const time = shopTime(Date.now());
    product.updated_at = time;
    for (const variant of variants) variant.updated_at = time;
    this.webhooks.send('products/update', product);
    return structuredClone(product);
  }
}

function notFound(): Answer {
  return { status: 404, body: { errors: 'Not Found' } };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'Request Entity Too Large');
    chunks.push(chunk);
  }
  if (size === 0) return null;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ApiError(400, 'Bad Request: the body is not valid JSON');
  }
}

function send(response: ServerResponse, answer: Answer): void {
  if (response.destroyed || response.headersSent) return;
  const headers = { 'content-type': 'application/json; charset=utf-8', ...answer.headers };
  if (answer.status === 204 || answer.body === null) {
    response.writeHead(answer.status, headers).end();
    return;
  }
  response
    .writeHead(answer.status, headers)
    .end(
      typeof answer.body === 'string' && headers['content-type'].startsWith('text/')
        ? answer.body
        : JSON.stringify(answer.body),
    );
}
