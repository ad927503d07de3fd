import { createSoukClient, problemOf, type SoukClient, type SoukProblem } from '#client';
import { TryLaterError } from '../inbox/inbox-worker.js';
import type {
  Cart,
  CategoryChoice,
  CheckoutOutcome,
  CheckoutRequest,
  ProductOffer,
  SearchPage,
  SoukPort,
} from './souk-port.js';

/** How long one call to Souk may take before the message is put off. */
const CALL_TIMEOUT_MS = 10_000;

/**
 * The channel's view of Souk, through the public channel API and the generated client: nothing
 * else of Souk is used. An unreachable Souk, a 5xx, a 429 or a refused key (a paused channel)
 * means "try later": the buyer's message stays in the inbox and is handled when Souk answers.
 */
export class SoukGateway implements SoukPort {
  private readonly client: SoukClient;

  constructor(options: {
    readonly apiUrl: string;
    readonly channelKey: string;
    readonly fetch?: (request: Request) => Promise<Response>;
  }) {
    const fetchWithTimeout =
      options.fetch ?? ((request: Request) => fetch(request, { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) }));
    this.client = createSoukClient({ baseUrl: options.apiUrl, apiKey: options.channelKey, fetch: fetchWithTimeout });
  }

  async channel(): Promise<{ name: string; locale: string }> {
    const answer = await this.call(() => this.client.GET('/v1/channel/me'));
    const channel = this.ok(answer);
    return { name: channel.name, locale: channel.locale };
  }

  async search(
    userRef: string,
    query: { q?: string; categoryId?: number; cursor?: string; limit: number },
  ): Promise<SearchPage> {
    const answer = await this.call(() =>
      this.client.GET('/v1/channel/search', {
        params: {
          query: {
            ...(query.q ? { q: query.q } : {}),
            ...(query.categoryId !== undefined ? { category: query.categoryId } : {}),
            ...(query.cursor ? { cursor: query.cursor } : {}),
            user: userRef,
            limit: query.limit,
          },
        },
      }),
    );
    const page = this.ok(answer);
    return { total: page.total, approximate: page.approximate, items: page.items, nextCursor: page.nextCursor };
  }

  async categories(parentId?: number): Promise<CategoryChoice[]> {
    const answer = await this.call(() =>
      this.client.GET('/v1/channel/categories', {
        params: { query: parentId === undefined ? {} : { parent: parentId } },
      }),
    );
    return this.ok(answer).categories.map((category) => ({
      id: Number(category.value),
      name: category.label,
      count: category.count,
    }));
  }

  async productOffers(productId: string): Promise<ProductOffer[] | null> {
    const answer = await this.call(() =>
      this.client.GET('/v1/channel/products/{id}', { params: { path: { id: productId } } }),
    );
    if (answer.response.status === 404) return null;
    return this.ok(answer).offers;
  }

  async cart(userRef: string): Promise<Cart> {
    return this.ok(
      await this.call(() => this.client.GET('/v1/channel/users/{userRef}/cart', { params: { path: { userRef } } })),
    );
  }

  async setCartLine(userRef: string, offerId: string, quantity: number): Promise<Cart | null> {
    const answer = await this.call(() =>
      this.client.PUT('/v1/channel/users/{userRef}/cart/lines/{offerId}', {
        params: { path: { userRef, offerId } },
        body: { quantity },
      }),
    );
    if (answer.response.status === 404) return null;
    return this.ok(answer);
  }

  async removeCartLine(userRef: string, offerId: string): Promise<Cart> {
    return this.ok(
      await this.call(() =>
        this.client.DELETE('/v1/channel/users/{userRef}/cart/lines/{offerId}', {
          params: { path: { userRef, offerId } },
        }),
      ),
    );
  }

  async checkout(request: CheckoutRequest, idempotencyKey: string): Promise<CheckoutOutcome> {
    const answer = await this.call(() =>
      this.client.POST('/v1/channel/orders', {
        params: { header: { 'Idempotency-Key': idempotencyKey } },
        body: {
          userRef: request.userRef,
          customer: {
            name: request.customer.name,
            phone: request.customer.phone,
            ...(request.customer.email ? { email: request.customer.email } : {}),
          },
          shippingAddress: request.shippingAddress,
        },
      }),
    );
    if (answer.data) return { kind: 'placed', orderId: answer.data.id, retailerOrders: answer.data.retailerOrders };
    const problem = this.problem(answer);
    if (problem.status === 409 && Array.isArray(problem.changes)) {
      return {
        kind: 'lines-changed',
        changes: problem.changes as Extract<CheckoutOutcome, { kind: 'lines-changed' }>['changes'],
      };
    }
    if (problem.status === 400 || problem.status === 409 || problem.status === 422) {
      return {
        kind: 'refused',
        detail: problem.detail ?? problem.title,
        fields: (problem.errors ?? []).map((error) => error.field),
      };
    }
    throw new Error(`Souk answered the checkout with ${problem.status}: ${problem.detail ?? problem.title}`);
  }

  /** Runs a call; a call that got no answer, or an answer that says "later", puts the message off. */
  private async call<T extends { response: Response }>(request: () => Promise<T>): Promise<T> {
    let answer: T;
    try {
      answer = await request();
    } catch (error) {
      throw new TryLaterError(`Souk did not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    const status = answer.response.status;
    if (status >= 500 || status === 429 || status === 401 || status === 403) {
      throw new TryLaterError(
        `Souk answered ${status}: ${problemOf(answer as { error?: unknown })?.detail ?? answer.response.statusText}`,
      );
    }
    return answer;
  }

  private ok<T>(answer: { data?: T; error?: unknown; response: Response }): T {
    if (answer.data !== undefined) return answer.data;
    const problem = this.problem(answer);
    throw new Error(`Souk answered ${problem.status}: ${problem.detail ?? problem.title}`);
  }

  private problem(answer: { error?: unknown; response: Response }): SoukProblem {
    return (
      problemOf(answer) ?? { type: 'about:blank', title: answer.response.statusText, status: answer.response.status }
    );
  }
}
