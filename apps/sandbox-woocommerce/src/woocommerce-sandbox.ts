import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  generateCatalog,
  renderCategory,
  renderProduct,
  renderVariation,
  type RenderContext,
  type StoredCategory,
  type StoredProduct,
  type StoredVariation,
} from './catalog.js';
import { ORDER_STATUSES, OrderBook, type OrderStatus, type StoredOrder, type UnknownProductOrders } from './orders.js';
import { WebhookHub, type SandboxDelivery, type SandboxWebhook } from './webhooks.js';
import { QueryParams, RestError, SiteClock, noRoute, onlyFields, paginate, phpJson } from './wp-rest.js';

export interface WooCommerceSandboxOptions {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  /** The secret of the webhooks this store sends. */
  readonly webhookSecret: string;
  /** Default 50. */
  readonly products?: number;
  /** The share of variable products among the generated ones; default 0.3. */
  readonly variableShare?: number;
  /** Default 1. */
  readonly seed?: number;
  /** The store's currency (WooCommerce → Settings → General); default EUR. */
  readonly currency?: string;
  /**
   * The site's timezone, in minutes east of UTC; default 120. Local dates differ from GMT ones, as they do in Europe.
   */
  readonly timezoneOffsetMinutes?: number;
  /**
   * A line item whose product does not exist: `reject` (default) answers 400
   * woocommerce_rest_invalid_product_id; `empty-line` creates the order with a zero-priced line
   * without a product, as WooCommerce core does (woocommerce/woocommerce#50698).
   */
  readonly unknownProductOrders?: UnknownProductOrders;
}

export type OrderCreateFault = 'timeout-after' | 'timeout-before' | 'server-error';

export interface ShipmentTrackingItem {
  readonly tracking_number: string;
  /** A predefined provider's slug ("dhl", "postnl"); empty with a custom provider. */
  readonly tracking_provider?: string;
  readonly custom_tracking_provider?: string;
  readonly custom_tracking_link?: string;
  /** Unix seconds; default now. */
  readonly date_shipped?: number;
}

/** A variable product: its attributes (global ones are taxonomies, `pa_<name>`) and a variation per combination. */
export interface VariableProductInput {
  readonly name: string;
  readonly description?: string;
  readonly attributes: readonly {
    readonly name: string;
    readonly options: readonly string[];
    readonly global?: boolean;
  }[];
  /** `options` in the order of `attributes`. */
  readonly variations: readonly {
    readonly options: readonly string[];
    readonly regularPrice: string;
    readonly sku?: string;
    readonly gtin?: string;
  }[];
}

export interface ProductPatch {
  readonly name?: string;
  readonly status?: StoredProduct['status'];
  readonly catalogVisibility?: StoredProduct['catalogVisibility'];
  readonly description?: string;
  readonly sku?: string;
  readonly regularPrice?: string | null;
  readonly salePrice?: string | null;
  readonly saleFromGmt?: number | null;
  readonly saleToGmt?: number | null;
  readonly manageStock?: boolean;
  readonly stockQuantity?: number | null;
  readonly stockStatus?: StoredProduct['stockStatus'];
}

export interface VariationPatch {
  readonly status?: StoredVariation['status'];
  readonly sku?: string;
  readonly regularPrice?: string | null;
  readonly salePrice?: string | null;
  readonly saleFromGmt?: number | null;
  readonly saleToGmt?: number | null;
  readonly manageStock?: StoredVariation['manageStock'];
  readonly stockQuantity?: number | null;
  readonly stockStatus?: StoredVariation['stockStatus'];
}

type Permissions = 'read' | 'write' | 'read_write';
type Auth = { readonly key: string; readonly permissions: Permissions } | null;

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  /** The counter key: "GET /products/{id}/variations". */
  readonly name: string;
  /** What an unauthenticated request gets: WooCommerce's permission callbacks, per kind of route. */
  readonly denied: readonly [code: string, message: string];
  readonly handle: (request: RouteRequest) => Answer | Promise<Answer | null>;
}

interface RouteRequest {
  readonly match: RegExpExecArray;
  readonly query: QueryParams;
  readonly url: URL;
  readonly body: unknown;
  readonly response: ServerResponse;
}

const LIST_DENIED = ['woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.'] as const;
const VIEW_DENIED = ['woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.'] as const;
const CREATE_DENIED = ['woocommerce_rest_cannot_create', 'Sorry, you are not allowed to create resources.'] as const;
const EDIT_DENIED = ['woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.'] as const;
const BATCH_DENIED = [
  'woocommerce_rest_cannot_batch',
  'Sorry, you are not allowed to batch manipulate this resource.',
] as const;

const SHIPMENT_TRACKING_META = '_wc_shipment_tracking_items';
const MAX_BODY_BYTES = 1024 * 1024;
const PRODUCT_STATUSES = ['any', 'future', 'trash', 'draft', 'pending', 'private', 'publish'] as const;

const CRITICAL_ERROR = {
  code: 'internal_server_error',
  message:
    '<p>There has been a critical error on this website.</p>' +
    '<p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">' +
    'Learn more about troubleshooting WordPress.</a></p>',
  data: { status: 500 },
  additional_errors: [],
};
const GATEWAY_TIMEOUT_PAGE =
  '<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n' +
  '<center><h1>504 Gateway Time-out</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const CHALLENGE_PAGE =
  '<!DOCTYPE html><html lang="en"><head><title>Just a moment...</title></head>' +
  '<body><h1>Checking your browser before accessing the site.</h1></body></html>';

/**
 * A fake WooCommerce store: the wc/v3 REST API (products, variations, categories, orders, the
 * currency setting) behind API-key authentication, with a deterministic catalog, mutators for
 * tests, fault injection on order creation and webhooks out (see WebhookHub). `listen()` gives
 * the site URL; the API is at `{site}/wp-json/wc/v3/`.
 */
export class WooCommerceSandbox {
  readonly currency: string;
  private readonly clock: SiteClock;
  private readonly keys = new Map<string, { secret: string; permissions: Permissions }>();
  private readonly categories: Map<number, StoredCategory>;
  private readonly catalog = new Map<number, StoredProduct>();
  private readonly variations = new Map<number, { product: StoredProduct; variation: StoredVariation }>();
  private readonly book: OrderBook;
  private readonly hub: WebhookHub;
  private readonly routes: readonly Route[];
  private readonly counts = new Map<string, number>();
  private readonly faults: { kind: OrderCreateFault; hangMs: number }[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly readOnly = {
    consumerKey: 'ck_readonly_0000000000000000000000000000000000',
    consumerSecret: 'cs_readonly_0000000000000000000000000000000000',
  };
  private unknownProducts: UnknownProductOrders;
  private nextId: number;
  private created = 0;
  private html = false;
  private base = 'http://sandbox.invalid';
  private server: Server | undefined;

  constructor(private readonly options: WooCommerceSandboxOptions) {
    this.currency = options.currency ?? 'EUR';
    this.clock = new SiteClock(options.timezoneOffsetMinutes ?? 120);
    this.unknownProducts = options.unknownProductOrders ?? 'reject';
    this.keys.set(options.consumerKey, { secret: options.consumerSecret, permissions: 'read_write' });
    this.keys.set(this.readOnly.consumerKey, { secret: this.readOnly.consumerSecret, permissions: 'read' });
    const generated = generateCatalog({
      products: options.products ?? 50,
      variableShare: options.variableShare ?? 0.3,
      seed: options.seed ?? 1,
      now: Date.now(),
    });
    this.categories = new Map(generated.categories.map((category) => [category.id, category]));
    for (const product of generated.products) this.index(product);
    this.nextId = generated.nextId;
    this.book = new OrderBook(this.clock, this.currency, { find: (id) => this.find(id) }, () => this.unknownProducts);
    this.hub = new WebhookHub(
      () => this.options.webhookSecret,
      () => `${this.base}/`,
    );
    this.routes = this.makeRoutes();
  }

  /** Resolves to the site URL, e.g. http://127.0.0.1:PORT. */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (response.headersSent) response.destroy();
        else
          sendJson(response, 500, {
            ...CRITICAL_ERROR,
            message: error instanceof Error ? error.message : String(error),
          });
      });
    });
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(port, host, done);
    });
    this.server = server;
    this.base = `http://${host}:${(server.address() as AddressInfo).port}`;
    return this.base;
  }

  get siteUrl(): string {
    return this.base;
  }

  /** Stops listening and drops the requests that faults are holding. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  }

  /** A key with Read permission only (WooCommerce → Settings → Advanced → REST API). */
  readOnlyKey(): { consumerKey: string; consumerSecret: string } {
    return { ...this.readOnly };
  }

  /** While on, every REST request gets a 200 HTML page (a security plugin's browser challenge). */
  serveHtml(on: boolean): void {
    this.html = on;
  }

  setUnknownProductOrders(mode: UnknownProductOrders): void {
    this.unknownProducts = mode;
  }

  // ---------------------------------------------------------------- catalog

  /** Every product (all statuses and types) as GET /products renders it, in id order. */
  products(): Record<string, unknown>[] {
    return [...this.catalog.values()].map((product) => renderProduct(product, this.renderContext()));
  }

  /** The variations of a product, as GET /products/{id}/variations renders them. */
  productVariations(productId: number): Record<string, unknown>[] {
    const product = this.productOrThrow(productId);
    return product.variations.map((variation) => renderVariation(product, variation, this.renderContext()));
  }

  /** Changes a product: bumps its date_modified and sends product.updated. */
  async updateProduct(id: number, patch: ProductPatch): Promise<void> {
    const product = this.productOrThrow(id);
    Object.assign(product, withoutUndefined(patch));
    product.modifiedGmt = this.tick();
    this.hub.emit('product', 'updated', renderProduct(product, this.renderContext()));
    await this.hub.settled();
  }

  /**
   * Changes a variation. As in WooCommerce, saving a variation also saves its parent (the
   * variable product's sync), so both get a new date_modified and a product.updated each.
   */
  async updateVariation(productId: number, variationId: number, patch: VariationPatch): Promise<void> {
    const product = this.productOrThrow(productId);
    const variation = product.variations.find((each) => each.id === variationId);
    if (!variation) throw new Error(`Product ${productId} has no variation ${variationId}.`);
    Object.assign(variation, withoutUndefined(patch));
    const now = this.tick();
    variation.modifiedGmt = now;
    product.modifiedGmt = now;
    const context = this.renderContext();
    this.hub.emit('product', 'updated', renderVariation(product, variation, context));
    this.hub.emit('product', 'updated', renderProduct(product, context));
    await this.hub.settled();
  }

  /** Adds a published simple product and sends product.created; resolves to its id. */
  async addProduct(patch: ProductPatch = {}): Promise<number> {
    const id = this.nextId++;
    const now = this.tick();
    const name = patch.name ?? `New Product ${id}`;
    const product: StoredProduct = {
      id,
      name,
      slug: `new-product-${id}`,
      type: 'simple',
      status: 'publish',
      catalogVisibility: 'visible',
      description: `<p>${name}</p>`,
      shortDescription: '',
      sku: `SKU-${id}`,
      globalUniqueId: '',
      regularPrice: '25.00',
      salePrice: '',
      saleFromGmt: null,
      saleToGmt: null,
      manageStock: true,
      stockQuantity: 10,
      stockStatus: 'instock',
      categoryIds: [[...this.categories.values()].find((category) => category.parent !== 0)!.id],
      tags: [],
      images: [
        { id: this.nextId++, path: `/wp-content/uploads/new-product-${id}.jpg`, alt: name, name: `new-product-${id}` },
      ],
      attributes: [],
      variations: [],
      groupedProducts: [],
      externalUrl: '',
      createdGmt: now,
      modifiedGmt: now,
      ...withoutUndefined(patch),
    };
    this.index(product);
    this.hub.emit('product', 'created', renderProduct(product, this.renderContext()));
    await this.hub.settled();
    return id;
  }

  /**
   * Adds a published variable product with an attribute per option list and a variation per combination given (as
   * POST /products and POST /products/{id}/variations/batch would), sending product.created and then product.updated;
   * resolves to its id.
   */
  async addVariableProduct(input: VariableProductInput): Promise<number> {
    const id = await this.addProduct({ name: input.name, description: input.description, sku: '', regularPrice: '' });
    const product = this.productOrThrow(id);
    const now = product.createdGmt;
    product.type = 'variable';
    product.attributes = input.attributes.map((attribute, index) => ({
      id: attribute.global ? index + 1 : 0,
      name: attribute.name,
      slug: attribute.global ? `pa_${attribute.name.toLowerCase()}` : attribute.name.toLowerCase(),
      variation: true,
      options: [...attribute.options],
    }));
    product.variations = input.variations.map((variation, index) => ({
      id: this.nextId++,
      parentId: id,
      sku: variation.sku ?? '',
      globalUniqueId: variation.gtin ?? '',
      regularPrice: variation.regularPrice,
      salePrice: '',
      saleFromGmt: null,
      saleToGmt: null,
      status: 'publish',
      manageStock: 'parent',
      stockQuantity: null,
      stockStatus: 'instock',
      description: '',
      image: null,
      attributes: variation.options.map((option, at) => ({
        id: product.attributes[at]!.id,
        name: product.attributes[at]!.name,
        option,
      })),
      menuOrder: index,
      createdGmt: now,
      modifiedGmt: now,
    }));
    // Saving the variations saves the parent too, as in WooCommerce: a product.updated follows the product.created.
    product.modifiedGmt = this.tick();
    this.hub.emit('product', 'updated', renderProduct(product, this.renderContext()));
    await this.hub.settled();
    return id;
  }

  /** Moves a product to the trash (what "Delete" does in the admin) and sends product.deleted with `{"id": N}`. */
  async deleteProduct(id: number): Promise<void> {
    const product = this.productOrThrow(id);
    product.status = 'trash';
    product.modifiedGmt = this.tick();
    this.hub.emit('product', 'deleted', { id });
    await this.hub.settled();
  }

  // ---------------------------------------------------------------- orders

  /** Every order, as GET /orders/{id} renders it, oldest first. */
  orders(): Record<string, unknown>[] {
    return [...this.book.orders.values()].map((order) => this.book.render(order, this.base));
  }

  order(id: number): Record<string, unknown> | undefined {
    const order = this.book.orders.get(id);
    return order && this.book.render(order, this.base);
  }

  /** Orders created through POST /orders, faults included. */
  ordersCreated(): number {
    return this.created;
  }

  /** What the shop does in the admin: a new status (and a private note), then order.updated with the full order. */
  async setOrderStatus(id: number, status: OrderStatus, note?: string): Promise<void> {
    if (!(ORDER_STATUSES as readonly string[]).includes(status)) throw new Error(`Unknown order status ${status}.`);
    const order = this.orderOrThrow(id);
    this.book.setStatus(order, status, this.tick());
    if (note) order.notes.push(note);
    this.hub.emit('order', 'updated', this.book.render(order, this.base));
    await this.hub.settled();
  }

  /**
   * What the Shipment Tracking extension stores: one more entry in the `_wc_shipment_tracking_items`
   * meta (a list of {tracking_provider, custom_tracking_provider, custom_tracking_link,
   * tracking_number, date_shipped, tracking_id}); saving the order sends order.updated.
   */
  async addTracking(id: number, item: ShipmentTrackingItem): Promise<void> {
    const order = this.orderOrThrow(id);
    const dateShipped = item.date_shipped ?? Math.floor(Date.now() / 1000);
    const entry = {
      tracking_provider: item.tracking_provider ?? '',
      custom_tracking_provider: item.custom_tracking_provider ?? '',
      custom_tracking_link: item.custom_tracking_link ?? '',
      tracking_number: item.tracking_number,
      date_shipped: String(dateShipped),
      tracking_id: createHmac('md5', 'tracking').update(`${id}-${item.tracking_number}-${dateShipped}`).digest('hex'),
    };
    const existing = order.meta.find((meta) => meta.key === SHIPMENT_TRACKING_META);
    const items = Array.isArray(existing?.value) ? [...(existing.value as unknown[]), entry] : [entry];
    this.book.setMeta(order, [{ key: SHIPMENT_TRACKING_META, value: items }]);
    order.modifiedGmt = this.tick();
    this.hub.emit('order', 'updated', this.book.render(order, this.base));
    await this.hub.settled();
  }

  /**
   * The next POST /orders fails: `server-error` answers 500 and creates nothing;
   * `timeout-before` holds the request `hangMs`, then answers 504 without creating;
   * `timeout-after` creates the order, then holds the answer `hangMs` and answers 504.
   */
  failNextOrderCreate(kind: OrderCreateFault, hangMs = 30_000): void {
    this.faults.push({ kind, hangMs });
  }

  // ---------------------------------------------------------------- webhooks

  /** Creates a webhook and sends WooCommerce's creation ping; resolves with the receiver's answer to it. */
  registerWebhook(topic: string, deliveryUrl: string): Promise<{ id: number; pingStatus: number | null }> {
    return this.hub.register(topic, deliveryUrl);
  }

  webhook(id: number): SandboxWebhook | undefined {
    return this.hub.webhook(id);
  }

  /** Every delivery so far (not the pings), oldest first. */
  deliveries(): SandboxDelivery[] {
    return this.hub.deliveries();
  }

  /** Sends the last delivery again, same body and same delivery id; resolves to the receiver's status. */
  resendLastWebhook(): Promise<number | null> {
    return this.hub.resendLast();
  }

  /** Delivers the first product's JSON (or `{"id": resourceId}`) to the webhook, signed with a wrong secret. */
  sendWebhookWithBadSignature(webhookId: number, payload?: unknown): Promise<number | null> {
    const first = [...this.catalog.values()][0];
    return this.hub.sendWithBadSignature(
      webhookId,
      payload ?? (first ? renderProduct(first, this.renderContext()) : { id: 1 }),
    );
  }

  /** Resolves when every webhook queued so far has been delivered. */
  deliveriesSettled(): Promise<void> {
    return this.hub.settled();
  }

  // ---------------------------------------------------------------- counters

  /** Requests per route, e.g. `GET /products`, `GET /products/{id}/variations`, `POST /orders`. */
  requestCounts(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  requestCount(route: string): number {
    return this.counts.get(route) ?? 0;
  }

  resetRequestCounts(): void {
    this.counts.clear();
  }

  // ---------------------------------------------------------------- HTTP

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.base);
    const method = request.method ?? 'GET';
    const path = url.pathname;
    if (path !== '/wp-json' && !path.startsWith('/wp-json/')) return this.site(path, response);
    const raw = await readBody(request);
    if (this.html) {
      response.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' }).end(CHALLENGE_PAGE);
      return;
    }
    const routePath = path.slice('/wp-json'.length).replace(/\/+$/, '') || '/';
    const found = this.match(method, routePath);
    const counter = found?.route.name ?? `${method} ${routePath}`;
    this.counts.set(counter, (this.counts.get(counter) ?? 0) + 1);
    try {
      if (raw === null) throw new RestError(413, 'rest_request_entity_too_large', 'The request body is too large.');
      const auth = this.authenticate(request, url);
      if (auth && !['GET', 'HEAD', 'OPTIONS'].includes(method) && auth.permissions === 'read') {
        throw new RestError(
          401,
          'woocommerce_rest_authentication_error',
          'The API key provided does not have write permissions.',
        );
      }
      if (routePath === '/')
        return sendJson(response, 200, {
          name: 'Sandbox Shop',
          url: this.base,
          home: this.base,
          namespaces: ['wp/v2', 'wc/v3', 'wc/store/v1'],
          routes: {},
        });
      if (!found) throw noRoute();
      if (!auth) throw new RestError(401, ...found.route.denied);
      const body = parseJsonBody(raw, request.headers['content-type']);
      const answer = await found.route.handle({
        match: found.match,
        query: new QueryParams(url.searchParams),
        url,
        body,
        response,
      });
      if (answer) sendJson(response, answer.status, answer.body, answer.headers);
    } catch (error) {
      if (!(error instanceof RestError)) throw error;
      sendJson(response, error.status, error.body(), error.headers);
    }
  }

  private site(path: string, response: ServerResponse): void {
    if (path === '/') {
      response
        .writeHead(200, { 'content-type': 'text/html; charset=UTF-8' })
        .end('<!DOCTYPE html><html><head><title>Sandbox Shop</title></head><body><h1>Sandbox Shop</h1></body></html>');
      return;
    }
    response
      .writeHead(404, { 'content-type': 'text/html; charset=UTF-8' })
      .end(
        '<!DOCTYPE html><html><head><title>Page not found – Sandbox Shop</title></head>' +
          '<body><h1>Oops! That page can’t be found.</h1></body></html>',
      );
  }

  /**
   * WC_REST_Authentication over HTTPS: `consumer_key`/`consumer_secret` query parameters first,
   * else HTTP Basic. An unknown key authenticates nobody (the route then refuses, 401); a known
   * key with a wrong secret is an error of its own.
   */
  private authenticate(request: IncomingMessage, url: URL): Auth {
    let key = url.searchParams.get('consumer_key') ?? '';
    let secret = url.searchParams.get('consumer_secret') ?? '';
    if (!key || !secret) {
      const match = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '');
      const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
      const colon = decoded.indexOf(':');
      [key, secret] = colon > 0 ? [decoded.slice(0, colon), decoded.slice(colon + 1)] : ['', ''];
    }
    if (!key || !secret) return null;
    const stored = this.keys.get(key);
    if (!stored) return null;
    if (stored.secret !== secret) {
      throw new RestError(
        401,
        'woocommerce_rest_authentication_error',
        'Consumer secret is invalid.',
        {},
        {
          'WWW-Authenticate':
            'Basic realm="WooCommerce API. Use a consumer key in the username field ' +
            'and a consumer secret in the password field."',
        },
      );
    }
    return { key, permissions: stored.permissions };
  }

  private match(method: string, path: string): { route: Route; match: RegExpExecArray } | null {
    for (const route of this.routes) {
      const match = route.pattern.exec(path);
      if (match && route.method === method) return { route, match };
    }
    return null;
  }

  private makeRoutes(): Route[] {
    const id = (match: RegExpExecArray) => Number(match[1]);
    return [
      {
        method: 'GET',
        pattern: /^\/wc\/v3\/products$/,
        name: 'GET /products',
        denied: LIST_DENIED,
        handle: (r) => this.listProducts(r),
      },
      {
        method: 'GET',
        pattern: /^\/wc\/v3\/products\/categories$/,
        name: 'GET /products/categories',
        denied: LIST_DENIED,
        handle: (r) => this.listCategories(r),
      },
      {
        method: 'GET',
        pattern: /^\/wc\/v3\/products\/(\d+)$/,
        name: 'GET /products/{id}',
        denied: VIEW_DENIED,
        handle: (r) => this.getProduct(id(r.match), r),
      },
      {
        method: 'GET',
        pattern: /^\/wc\/v3\/products\/(\d+)\/variations$/,
        name: 'GET /products/{id}/variations',
        denied: LIST_DENIED,
        handle: (r) => this.listVariations(id(r.match), r),
      },
      {
        method: 'GET',
        pattern: /^\/wc\/v3\/orders$/,
        name: 'GET /orders',
        denied: LIST_DENIED,
        handle: (r) => this.listOrders(r),
      },
      {
        method: 'POST',
        pattern: /^\/wc\/v3\/orders$/,
        name: 'POST /orders',
        denied: CREATE_DENIED,
        handle: (r) => this.createOrder(r),
      },
      {
        method: 'POST',
        pattern: /^\/wc\/v3\/orders\/batch$/,
        name: 'POST /orders/batch',
        denied: BATCH_DENIED,
        handle: (r) => this.batchOrders(r),
      },
      {
        method: 'GET',
        pattern: /^\/wc\/v3\/orders\/(\d+)$/,
        name: 'GET /orders/{id}',
        denied: VIEW_DENIED,
        handle: (r) => this.getOrder(id(r.match), r),
      },
      {
        method: 'PUT',
        pattern: /^\/wc\/v3\/orders\/(\d+)$/,
        name: 'PUT /orders/{id}',
        denied: EDIT_DENIED,
        handle: (r) => this.updateOrder(id(r.match), r),
      },
      {
        method: 'GET',
        pattern: /^\/wc\/v3\/settings\/general\/woocommerce_currency$/,
        name: 'GET /settings/general/woocommerce_currency',
        denied: VIEW_DENIED,
        handle: () => ({
          status: 200,
          body: {
            id: 'woocommerce_currency',
            label: 'Currency',
            description:
              'This controls what currency prices are listed at in the catalog ' +
              'and which currency gateways will take payments in.',
            type: 'select',
            default: 'USD',
            options: { [this.currency]: this.currency },
            tip: '',
            value: this.currency,
            group_id: 'general',
          },
        }),
      },
    ];
  }

  private listProducts({ query, url }: RouteRequest): Answer {
    const datesAreGmt = query.boolean('dates_are_gmt');
    const status = query.oneOf('status', PRODUCT_STATUSES, 'any');
    const type = query.text('type');
    const time = (name: string) => {
      const text = query.text(name);
      return text === null ? null : this.clock.parse(name, text, datesAreGmt);
    };
    const [modifiedAfter, modifiedBefore, after, before] = [
      time('modified_after'),
      time('modified_before'),
      time('after'),
      time('before'),
    ];
    const orderby = query.oneOf(
      'orderby',
      ['date', 'id', 'include', 'title', 'slug', 'price', 'popularity', 'rating', 'menu_order', 'modified'],
      'date',
    );
    const order = query.oneOf('order', ['asc', 'desc'], 'desc');
    const list = [...this.catalog.values()].filter(
      (product) =>
        (status === 'any' ? product.status !== 'trash' : product.status === status) &&
        (type === null || product.type === type) &&
        (modifiedAfter === null || product.modifiedGmt > modifiedAfter) &&
        (modifiedBefore === null || product.modifiedGmt < modifiedBefore) &&
        (after === null || product.createdGmt > after) &&
        (before === null || product.createdGmt < before),
    );
    const key: (product: StoredProduct) => number | string =
      orderby === 'title'
        ? (p) => p.name
        : orderby === 'slug'
          ? (p) => p.slug
          : orderby === 'modified'
            ? (p) => p.modifiedGmt
            : orderby === 'date'
              ? (p) => p.createdGmt
              : (p) => p.id;
    list.sort((a, b) => compare(key(a), key(b)) * (order === 'asc' ? 1 : -1) || a.id - b.id);
    const page = paginate(list, query, url);
    const context = this.renderContext();
    return {
      status: 200,
      body: onlyFields(
        page.items.map((product) => renderProduct(product, context)),
        query,
      ),
      headers: page.headers,
    };
  }

  private listCategories({ query, url }: RouteRequest): Answer {
    const counts = new Map<number, number>();
    for (const product of this.catalog.values())
      for (const category of product.categoryIds) counts.set(category, (counts.get(category) ?? 0) + 1);
    const list = [...this.categories.values()].sort((a, b) => a.name.localeCompare(b.name));
    const page = paginate(list, query, url);
    return {
      status: 200,
      body: page.items.map((category) => renderCategory(category, counts.get(category.id) ?? 0)),
      headers: page.headers,
    };
  }

  /** A product, or a variation by its own id (how webhook payloads for variations are built). */
  private getProduct(id: number, { query }: RouteRequest): Answer {
    const context = this.renderContext();
    const product = this.catalog.get(id);
    if (product) return { status: 200, body: onlyFields(renderProduct(product, context), query) };
    const variation = this.variations.get(id);
    if (variation)
      return { status: 200, body: onlyFields(renderVariation(variation.product, variation.variation, context), query) };
    throw new RestError(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
  }

  private listVariations(id: number, { query, url }: RouteRequest): Answer {
    const product = this.catalog.get(id);
    if (!product) throw new RestError(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
    const datesAreGmt = query.boolean('dates_are_gmt');
    const modifiedAfterText = query.text('modified_after');
    const modifiedAfter =
      modifiedAfterText === null ? null : this.clock.parse('modified_after', modifiedAfterText, datesAreGmt);
    const status = query.oneOf('status', ['any', 'publish', 'private', 'draft', 'pending', 'future', 'trash'], 'any');
    const list = product.variations
      .filter(
        (variation) =>
          (status === 'any' || variation.status === status) &&
          (modifiedAfter === null || variation.modifiedGmt > modifiedAfter),
      )
      .sort((a, b) => a.menuOrder - b.menuOrder || a.id - b.id);
    const page = paginate(list, query, url);
    const context = this.renderContext();
    return {
      status: 200,
      body: onlyFields(
        page.items.map((variation) => renderVariation(product, variation, context)),
        query,
      ),
      headers: page.headers,
    };
  }

  private listOrders({ query, url }: RouteRequest): Answer {
    const datesAreGmt = query.boolean('dates_are_gmt');
    const time = (name: string) => {
      const text = query.text(name);
      return text === null ? null : this.clock.parse(name, text, datesAreGmt);
    };
    const [after, before, modifiedAfter] = [time('after'), time('before'), time('modified_after')];
    const statuses = query.list('status');
    for (const status of statuses) {
      if (status !== 'any' && !(ORDER_STATUSES as readonly string[]).includes(status))
        throw new RestError(400, 'rest_invalid_param', 'Invalid parameter(s): status', {
          params: { status: `status[0] is not one of any, ${ORDER_STATUSES.join(', ')}.` },
        });
    }
    const anyStatus = statuses.length === 0 || statuses.includes('any');
    const search = query.text('search')?.toLowerCase() ?? null;
    const orderby = query.oneOf('orderby', ['date', 'id', 'include', 'title', 'slug'], 'date');
    const order = query.oneOf('order', ['asc', 'desc'], 'desc');
    const list = [...this.book.orders.values()].filter(
      (each) =>
        (anyStatus ? each.status !== 'trash' : statuses.includes(each.status)) &&
        (after === null || each.createdGmt > after) &&
        (before === null || each.createdGmt < before) &&
        (modifiedAfter === null || each.modifiedGmt > modifiedAfter) &&
        (search === null || searchable(each).includes(search)),
    );
    list.sort(
      (a, b) =>
        ((orderby === 'date' ? a.createdGmt - b.createdGmt : a.id - b.id) || a.id - b.id) * (order === 'asc' ? 1 : -1),
    );
    const page = paginate(list, query, url);
    return {
      status: 200,
      body: onlyFields(
        page.items.map((each) => this.renderOrder(each, query)),
        query,
      ),
      headers: page.headers,
    };
  }

  private async createOrder({ body, response, query }: RouteRequest): Promise<Answer | null> {
    const fault = this.faults.shift();
    if (fault?.kind === 'server-error') return { status: 500, body: CRITICAL_ERROR };
    if (fault?.kind === 'timeout-before') {
      this.hang(response, fault.hangMs);
      return null;
    }
    const order = this.book.create(this.nextId++, body, Date.now());
    this.created += 1;
    this.hub.emit('order', 'created', this.book.render(order, this.base));
    if (fault?.kind === 'timeout-after') {
      this.hang(response, fault.hangMs);
      return null;
    }
    return {
      status: 201,
      body: this.renderOrder(order, query),
      headers: { Location: `${this.base}/wp-json/wc/v3/orders/${order.id}` },
    };
  }

  /** Only an empty batch (create, update and delete all absent or empty): it changes nothing and answers `[]`. */
  private batchOrders({ body }: RouteRequest): Answer {
    const parts = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const busy = ['create', 'update', 'delete'].some(
      (part) => Array.isArray(parts[part]) && (parts[part] as unknown[]).length > 0,
    );
    if (busy) throw new RestError(400, 'rest_invalid_param', 'The sandbox supports only empty batches.');
    return { status: 200, body: [] };
  }

  private getOrder(id: number, { query }: RouteRequest): Answer {
    const order = this.book.orders.get(id);
    if (!order) throw new RestError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
    return { status: 200, body: onlyFields(this.renderOrder(order, query), query) };
  }

  private updateOrder(id: number, { body, query }: RouteRequest): Answer {
    const order = this.book.orders.get(id);
    if (!order) throw new RestError(400, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
    this.book.update(order, body, this.tick());
    this.hub.emit('order', 'updated', this.book.render(order, this.base));
    return { status: 200, body: this.renderOrder(order, query) };
  }

  /** An order's JSON, with meta_data limited by `include_meta` / `exclude_meta` as WooCommerce does. */
  private renderOrder(order: StoredOrder, query: QueryParams): Record<string, unknown> {
    const json = this.book.render(order, this.base);
    const include = query.list('include_meta');
    const exclude = query.list('exclude_meta');
    const meta = json.meta_data as { key: string }[];
    if (include.length > 0) json.meta_data = meta.filter((entry) => include.includes(entry.key));
    else if (exclude.length > 0) json.meta_data = meta.filter((entry) => !exclude.includes(entry.key));
    return json;
  }

  private hang(response: ServerResponse, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!response.destroyed) response.writeHead(504, { 'content-type': 'text/html' }).end(GATEWAY_TIMEOUT_PAGE);
    }, ms);
    this.timers.add(timer);
    response.once('close', () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    });
  }

  // ---------------------------------------------------------------- state

  private index(product: StoredProduct): void {
    this.catalog.set(product.id, product);
    for (const variation of product.variations) this.variations.set(variation.id, { product, variation });
  }

  private find(id: number): { product: StoredProduct; variation: StoredVariation | null } | null {
    const product = this.catalog.get(id);
    if (product) return { product, variation: null };
    return this.variations.get(id) ?? null;
  }

  private productOrThrow(id: number): StoredProduct {
    const product = this.catalog.get(id);
    if (!product) throw new Error(`No product ${id}.`);
    return product;
  }

  private orderOrThrow(id: number): StoredOrder {
    const order = this.book.orders.get(id);
    if (!order) throw new Error(`No order ${id}.`);
    return order;
  }

  private renderContext(): RenderContext {
    return { siteUrl: this.base, clock: this.clock, categories: this.categories, now: Date.now() };
  }

  /** Now, for a change. WooCommerce dates have whole seconds. */
  private tick(): number {
    return Math.floor(Date.now() / 1000) * 1000;
  }
}

function compare(a: number | string, b: number | string): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

function searchable(order: StoredOrder): string {
  const { billing, shipping } = order;
  return [
    order.id,
    billing.first_name,
    billing.last_name,
    billing.email,
    billing.company,
    shipping.first_name,
    shipping.last_name,
    ...order.lineItems.map((line) => line.name),
  ]
    .join(' ')
    .toLowerCase();
}

function withoutUndefined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Null when the body is over MAX_BODY_BYTES; it is read to the end either way. */
async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks);
}

function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (!/json/i.test(contentType ?? '')) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new RestError(400, 'rest_invalid_json', 'Invalid JSON body passed.', {
      json_error_code: 4,
      json_error_message: 'Syntax error',
    });
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.destroyed) return;
  response
    .writeHead(status, { ...headers, 'content-type': 'application/json; charset=UTF-8', 'x-robots-tag': 'noindex' })
    .end(phpJson(body));
}
