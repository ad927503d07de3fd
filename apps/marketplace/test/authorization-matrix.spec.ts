import { Controller, Get } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  admitted,
  callersOwn,
  casesOf,
  contradictions,
  fault,
  inPath,
  sessionOnly,
  shared,
  undeclared,
  type Answer,
  type Credential,
  type MatrixCase,
  type MatrixWorld,
  type Ownership,
} from '../../../test/support/authorization-matrix.js';
import { declaredRoutes, type DeclaredRoute } from '../../../test/support/declared-routes.js';
import { wellFormedRequest, type Probe, type ProbeContext } from '../../../test/support/malformed-probes.js';
import { eventually } from '../../../test/support/order-fixtures.js';
import {
  createMarketplaceFixtures,
  fixtureForField,
  fixtureForPath,
  type MarketplaceFixtures,
} from '../../../test/support/marketplace-fixtures.js';
import type { OpenApiDocument } from '../../../test/support/openapi-document.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { WebhookReceiver } from '../../../test/support/webhook-receiver.js';

/**
 * The authorization matrix: every route of the running app (from Nest's controllers, so a route the
 * OpenAPI document leaves out is still here) is called with no key, a revoked key, a key of each
 * role (operator, retailer, channel), and for a route open to retailers or channels the key of
 * another retailer or channel, with the ids of records of the first one that exist.
 *
 * What each call must get comes from the route's declared roles (`@Public`, `@AllowRoles`; no roles
 * named means operators only, as the guard reads them) and from its ownership, declared below:
 * no key or a revoked key 401, a role the route does not admit 403, an admitted caller anything but
 * 401, 403 or 5xx; another tenant 404 on a route whose path names the first tenant's record
 * (`inPath`), and an answer that shows none of the first tenant's ids on a route of the caller's
 * own records (`callersOwn`). Public routes answer every credential alike.
 *
 * A route with no line in EXPECTATIONS fails the test. To declare one, add a line keyed by its
 * method and path as the OpenAPI document writes it:
 *
 *   'GET /v1/retailer/dashboard': callersOwn,         // the caller's own records, whatever key
 *   'GET /v1/admin/products': shared,                  // an operator route, or what every admitted caller may see
 *   'POST /v1/retailer/orders/{id}/ship': inPath(),    // {id} from the fixtures (marketplace-fixtures.ts)
 *   'POST /v1/channel/webhook-deliveries/{id}/replay': inPath({ ids: (w) => ({ id: w.channelWebhookDelivery }) }),
 *
 * `inPath` takes the path values of the first tenant's record when the fixtures do not name one by
 * its collection (add the record to MatrixWorld and make it in beforeAll), and a body when the
 * generated one (required fields only) would be refused before the record is looked up.
 *
 * The revoked key is an operator's, which every route would otherwise admit. Only bearer keys are
 * tried: a `@Public` route that checks something else itself (console sign-in) is declared `shared`,
 * and a route for console sessions only is declared `sessionOnly` (a key brings no session, so it
 * gets 401); what the cookie and its CSRF token allow is tested in console-session.spec.ts. Files
 * served outside Nest's controllers (the console's page at /console) are not routes here.
 */
const EXPECTATIONS: Record<string, Ownership> = {
  'DELETE /v1/console/session': sessionOnly,
  'GET /v1/console/session': sessionOnly,
  'POST /v1/console/session': shared,
  'GET /v1/admin/dashboard': shared,
  'GET /v1/retailer/dashboard': callersOwn,
  'GET /v1/admin/products': shared,
  'DELETE /v1/admin/category-rules/{id}': shared,
  'DELETE /v1/admin/channels/{id}/hidden-offers/{offerId}': shared,
  'DELETE /v1/admin/channels/{id}/hidden-retailers/{retailerId}': shared,
  'DELETE /v1/channel/users/{userRef}/cart': callersOwn,
  'DELETE /v1/channel/users/{userRef}/cart/lines/{offerId}': callersOwn,
  'DELETE /v1/channel/users/{userRef}/events': callersOwn,
  'GET /health': shared,
  'GET /health/ready': shared,
  'GET /v1/admin/api-keys': shared,
  'GET /v1/admin/api-keys/{id}': shared,
  'GET /v1/admin/audit-log': shared,
  'GET /v1/admin/categories': shared,
  'GET /v1/admin/category-rules': shared,
  'GET /v1/admin/channels': shared,
  'GET /v1/admin/channels/{id}': shared,
  'GET /v1/admin/channels/{id}/webhook-deliveries': shared,
  'GET /v1/admin/commission/report': shared,
  'GET /v1/admin/commission/rules': shared,
  'GET /v1/admin/commission/rules/{id}': shared,
  'GET /v1/admin/commission/statements': shared,
  'GET /v1/admin/commission/statements/{retailerId}/{currency}/{period}': shared,
  'GET /v1/admin/commission/statements/{retailerId}/{currency}/{period}/csv': shared,
  'GET /v1/admin/commission/statements/{retailerId}/{currency}/{period}/entries': shared,
  'GET /v1/admin/connector-configs': shared,
  'GET /v1/admin/connector-configs/{id}': shared,
  'GET /v1/admin/connectors': shared,
  'GET /v1/admin/instances': shared,
  'GET /v1/admin/metrics': shared,
  'GET /v1/admin/orders': shared,
  'GET /v1/admin/orders/{id}': shared,
  'GET /v1/admin/products/{id}': shared,
  'GET /v1/admin/products/by-gtin': shared,
  'GET /v1/admin/retailer-orders/{id}': shared,
  'GET /v1/admin/retailer-orders/{id}/routing-attempts': shared,
  'GET /v1/admin/retailers': shared,
  'GET /v1/admin/retailers/{id}': shared,
  'GET /v1/admin/retailers/{id}/category-coverage': shared,
  'GET /v1/admin/retailers/{id}/channel-policy': shared,
  'GET /v1/admin/retailers/{id}/order-settings': shared,
  'GET /v1/admin/offers': shared,
  'GET /v1/admin/sync-runs': shared,
  'GET /v1/admin/sync-runs/{id}': shared,
  'GET /v1/admin/sync-runs/{id}/issues': shared,
  'GET /v1/channel/categories': shared,
  'GET /v1/channel/me': callersOwn,
  'GET /v1/channel/orders': callersOwn,
  'GET /v1/channel/orders/{id}': inPath(),
  'GET /v1/channel/products/{id}': shared,
  'GET /v1/channel/products/{id}/share': shared,
  'GET /v1/channel/retailers/{id}/storefront': shared,
  'GET /v1/channel/search': shared,
  'GET /v1/channel/search/facets': shared,
  'GET /v1/channel/users/{userRef}/cart': callersOwn,
  'GET /v1/channel/users/{userRef}/interests': callersOwn,
  'GET /v1/channel/users/{userRef}/recommendations': callersOwn,
  'GET /v1/channel/webhook-deliveries': callersOwn,
  'GET /v1/feeds/channels/{channelId}/meta.tsv': shared,
  'GET /v1/feeds/channels/{channelId}/meta.xml': shared,
  'GET /v1/retailer/category-coverage': callersOwn,
  'GET /v1/retailer/channel-policy': callersOwn,
  'GET /v1/retailer/channels': shared,
  'GET /v1/retailer/connector-configs': callersOwn,
  'GET /v1/retailer/connector-configs/{id}': inPath(),
  'GET /v1/retailer/connectors': shared,
  'GET /v1/retailer/me': callersOwn,
  'GET /v1/retailer/order-settings': callersOwn,
  'GET /v1/retailer/orders': callersOwn,
  'GET /v1/retailer/orders/{id}': inPath(),
  'GET /v1/retailer/orders/{id}/refunds': inPath(),
  'GET /v1/retailer/statements': callersOwn,
  'GET /v1/retailer/statements/{currency}/{period}': callersOwn,
  'GET /v1/retailer/statements/{currency}/{period}/csv': callersOwn,
  'GET /v1/retailer/statements/{currency}/{period}/entries': callersOwn,
  'GET /v1/retailer/offers': callersOwn,
  'GET /v1/retailer/sync-runs': callersOwn,
  'GET /v1/retailer/sync-runs/{id}': inPath(),
  'GET /v1/retailer/sync-runs/{id}/issues': inPath(),
  'PATCH /v1/admin/category-rules/{id}': shared,
  'PATCH /v1/admin/channels/{id}': shared,
  'PATCH /v1/admin/commission/rules/{id}': shared,
  'PATCH /v1/admin/connector-configs/{id}': shared,
  'PATCH /v1/admin/retailers/{id}': shared,
  'PATCH /v1/retailer/connector-configs/{id}': inPath(),
  'POST /v1/admin/api-keys': shared,
  'POST /v1/admin/api-keys/{id}/revoke': shared,
  'POST /v1/admin/category-rules': shared,
  'POST /v1/admin/channels': shared,
  'POST /v1/admin/channels/{id}/activate': shared,
  'POST /v1/admin/channels/{id}/feed-token/rotate': shared,
  'POST /v1/admin/channels/{id}/pause': shared,
  'POST /v1/admin/channels/{id}/webhook-secret/rotate': shared,
  'POST /v1/admin/channels/{id}/webhook-test': shared,
  'POST /v1/admin/commission/adjustments': shared,
  'POST /v1/admin/commission/preview': shared,
  'POST /v1/admin/commission/rules': shared,
  'POST /v1/admin/commission/rules/{id}/retire': shared,
  'POST /v1/admin/commission/statements/{retailerId}/{currency}/{period}/issue': shared,
  'POST /v1/admin/connector-configs': shared,
  'POST /v1/admin/connector-configs/{id}/check': shared,
  'POST /v1/admin/connector-configs/{id}/disable': shared,
  'POST /v1/admin/connector-configs/{id}/enable': shared,
  'POST /v1/admin/connector-configs/{id}/sync': shared,
  'POST /v1/admin/connector-configs/{id}/uploads': shared,
  'POST /v1/admin/retailer-orders/{id}/cancel': shared,
  'POST /v1/admin/retailer-orders/{id}/retry-routing': shared,
  'POST /v1/admin/retailers': shared,
  'POST /v1/admin/retailers/{id}/activate': shared,
  'POST /v1/admin/retailers/{id}/pause': shared,
  'POST /v1/channel/events': callersOwn,
  'POST /v1/channel/feed-token/rotate': callersOwn,
  'POST /v1/channel/orders': callersOwn,
  'POST /v1/channel/orders/{id}/cancel': inPath(),
  'POST /v1/channel/resolve': shared,
  'POST /v1/channel/webhook-deliveries/{id}/replay': inPath({ ids: (w) => ({ id: w.channelWebhookDelivery }) }),
  'POST /v1/channel/webhook-test': callersOwn,
  'POST /v1/connector-webhooks/{configId}': shared,
  'POST /v1/retailer/connector-configs': callersOwn,
  'POST /v1/retailer/connector-configs/{id}/check': inPath(),
  'POST /v1/retailer/connector-configs/{id}/disable': inPath(),
  'POST /v1/retailer/connector-configs/{id}/enable': inPath(),
  'POST /v1/retailer/connector-configs/{id}/sync': inPath(),
  'POST /v1/retailer/connector-configs/{id}/uploads': inPath(),
  'POST /v1/retailer/order-settings/rotate-webhook-secret': callersOwn,
  'POST /v1/retailer/orders/{id}/accept': inPath(),
  'POST /v1/retailer/orders/{id}/acknowledge': inPath(),
  'POST /v1/retailer/orders/{id}/cancel': inPath(),
  'POST /v1/retailer/orders/{id}/deliver': inPath(),
  'POST /v1/retailer/orders/{id}/refunds': inPath({ body: { amountMinor: '100', reason: 'Arrived damaged' } }),
  'POST /v1/retailer/orders/{id}/refuse': inPath(),
  'POST /v1/retailer/orders/{id}/ship': inPath(),
  'PUT /v1/admin/channels/{id}/hidden-offers/{offerId}': shared,
  'PUT /v1/admin/channels/{id}/hidden-retailers/{retailerId}': shared,
  'PUT /v1/admin/retailers/{id}/channel-policy': shared,
  'PUT /v1/admin/retailers/{id}/order-settings': shared,
  'PUT /v1/channel/users/{userRef}/cart/lines/{offerId}': callersOwn,
  'PUT /v1/retailer/channel-policy': callersOwn,
  'PUT /v1/retailer/order-settings': callersOwn,
};

/** Requests at a time in the phases that change nothing. */
const CONCURRENT_REQUESTS = 6;

async function send(baseUrl: string, request: Probe, key: string | null): Promise<Answer> {
  const headers: Record<string, string> = {
    ...request.headers,
    ...(request.contentType ? { 'content-type': request.contentType } : {}),
  };
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch(baseUrl + request.url, { method: request.method, headers, body: request.body });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    wwwAuthenticate: response.headers.get('www-authenticate'),
    text: await response.text(),
  };
}

/** A route the app does not have, for showing that an undeclared route fails the matrix. */
@Controller('v1/admin/temporary-report')
class TemporaryReportController {
  @Get()
  report(): string {
    return 'not declared';
  }
}

describe('the authorization matrix of every route', () => {
  let t: TestApp;
  let fixtures: MarketplaceFixtures;
  let world: MatrixWorld;
  let document: OpenApiDocument;
  let routes: DeclaredRoute[];
  const receiver = new WebhookReceiver();
  const answered: { matrixCase: MatrixCase; answer: Answer }[] = [];

  const created = async (method: string, path: string, options: Parameters<TestApp['request']>[2] = {}) => {
    const response = await t.request(method, path, options);
    if (response.status >= 300)
      throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  /** The well-formed request of a route, with the path values its declaration picks. */
  const requestOf = (route: DeclaredRoute, ownership: Ownership): Probe => {
    const ids = ownership.kind === 'in-path' && ownership.ids ? ownership.ids(world) : {};
    const context: ProbeContext = {
      pathValue: (path, name) => ids[name] ?? fixtureForPath(fixtures, path, name),
      fieldValue: (name) => fixtureForField(fixtures, name),
      headersFor: () => ({}),
    };
    const request = wellFormedRequest(document, context, route.method, route.path);
    return ownership.kind === 'in-path' && ownership.body !== undefined
      ? { ...request, contentType: 'application/json', body: JSON.stringify(ownership.body) }
      : request;
  };

  /** Runs the cases, `concurrency` at a time, in order, and keeps every answer. */
  const run = async (cases: readonly MatrixCase[], concurrency: number): Promise<string[]> => {
    const faults: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const matrixCase = cases[next++]!;
        const request = requestOf(matrixCase.route, matrixCase.ownership);
        const answer = await send(t.baseUrl, request, world.keys[matrixCase.credential]);
        answered.push({ matrixCase, answer });
        const wrong = fault(matrixCase, request, answer, world);
        if (wrong) faults.push(`${matrixCase.route.name} | ${matrixCase.credential} | ${wrong}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return faults.sort();
  };

  /** What the first tenants own, as stored: the calls that must be refused must leave it as it was. */
  const firstTenantsRecords = async () =>
    (
      await t.sql.query(
        `SELECT (SELECT json_agg(r ORDER BY r.id) FROM retailer_order r WHERE r.retailer_id = $1) AS retailer_orders,
                (SELECT json_agg(c ORDER BY c.id) FROM connector_config c WHERE c.retailer_id = $1) AS configs,
                (SELECT count(*)::int FROM sync_run s JOIN connector_config c ON c.id = s.config_id WHERE c.retailer_id = $1) AS sync_runs,
                (SELECT json_agg(s) FROM retailer_order_settings s WHERE s.retailer_id = $1) AS order_settings,
                (SELECT json_agg(r) FROM retailer r WHERE r.id = $1) AS retailer,
                (SELECT json_agg(c) FROM channel c WHERE c.id = $2) AS channel,
                (SELECT json_agg(d ORDER BY d.id) FROM channel_webhook_delivery d WHERE d.channel_id = $2) AS deliveries,
                (SELECT json_agg(l ORDER BY l.channel_id) FROM retailer_channel_list l WHERE l.retailer_id = $1) AS policy,
                (SELECT count(*)::int FROM api_key WHERE revoked_at IS NOT NULL) AS revoked_keys`,
        [fixtures.retailer.id, fixtures.channel.id],
      )
    ).rows[0];

  beforeAll(async () => {
    // Channel keys are rate limited; the matrix sends them hundreds of requests a minute on purpose.
    t = await startTestApp({ SOUK_CHANNEL_REQUESTS_PER_MINUTE: '0' });
    fixtures = await createMarketplaceFixtures(t);
    document = (await t.request('GET', '/docs/openapi.json', { key: null })).body;
    routes = declaredRoutes(t.app);

    const retailerB = (
      await created('POST', '/v1/admin/retailers', {
        body: {
          name: 'Other Shop',
          slug: 'other-shop',
          defaultCurrency: 'EUR',
          contactEmail: 'o@shop.example',
          countries: ['NL'],
        },
      })
    ).id;
    const retailerKeyB = (
      await created('POST', '/v1/admin/api-keys', {
        body: { name: 'other retailer', role: 'retailer', retailerId: retailerB },
      })
    ).key;
    const channelB = (await created('POST', '/v1/admin/channels', { body: { name: 'Other Chat' } })).id;
    const channelKeyB = (
      await created('POST', '/v1/admin/api-keys', {
        body: { name: 'other channel', role: 'channel', channelId: channelB },
      })
    ).key;
    const revoked = await created('POST', '/v1/admin/api-keys', {
      body: { name: 'revoked operator', role: 'operator' },
    });
    await created('POST', `/v1/admin/api-keys/${revoked.id}/revoke`);
    await created('PATCH', `/v1/admin/channels/${fixtures.channel.id}`, {
      body: { webhookUrl: await receiver.start() },
    });
    const delivery = (await created('POST', '/v1/channel/webhook-test', { key: fixtures.channel.key })).id as string;
    // Delivered before the matrix starts, so that the first tenants' records stand still while it runs.
    await eventually(
      async () =>
        (await t.sql.query('SELECT status FROM channel_webhook_delivery WHERE id = $1', [delivery])).rows[0]?.status,
      (status) => status === 'delivered',
      20_000,
      'the test event delivered',
    );

    world = {
      keys: {
        'no key': null,
        'revoked key': revoked.key,
        operator: t.operatorKey,
        retailer: fixtures.retailer.key,
        channel: fixtures.channel.key,
        'another retailer': retailerKeyB,
        'another channel': channelKeyB,
      },
      privateIds: {
        retailer: [
          fixtures.retailer.id,
          fixtures.config,
          fixtures.offer,
          fixtures.syncRun,
          fixtures.retailerOrder,
          fixtures.order,
          fixtures.retailer.keyId,
        ],
        channel: [fixtures.channel.id, fixtures.order, fixtures.retailerOrder, delivery],
      },
      channelWebhookDelivery: delivery,
    };
  }, 60_000);
  afterAll(async () => {
    const cases = answered.length;
    console.log(`Authorization matrix: ${cases} (operation, credential) cases across ${routes.length} routes.`);
    await t.close();
    await receiver.stop();
  });

  it('has an expectation for every route of the app, and none for a route it does not have', () => {
    expect(undeclared(routes, EXPECTATIONS)).toEqual([]);
    expect(contradictions(routes, EXPECTATIONS)).toEqual([]);
  });

  it('fails a route added without an expectation, such as one registered here', async () => {
    const module = await Test.createTestingModule({ controllers: [TemporaryReportController] }).compile();
    try {
      const temporary = declaredRoutes(module);
      expect(temporary).toEqual([
        expect.objectContaining({
          name: 'GET /v1/admin/temporary-report',
          access: { public: false, roles: ['operator'] },
        }),
      ]);
      expect(undeclared([...routes, ...temporary], EXPECTATIONS)).toEqual([
        'GET /v1/admin/temporary-report (TemporaryReportController.report) has no declared expectation',
      ]);
    } finally {
      await module.close();
    }
  });

  it('refuses every caller the route does not admit, and another tenant every record of the first, changing nothing', async () => {
    const before = await firstTenantsRecords();
    const refused = casesOf(routes, EXPECTATIONS).filter(
      ({ route, credential, ownership }) =>
        !admitted(route, credential) || (credential.startsWith('another') && ownership.kind === 'in-path'),
    );
    expect(await run(refused, CONCURRENT_REQUESTS)).toEqual([]);
    expect(await firstTenantsRecords()).toEqual(before);
  }, 120_000);

  it('answers public routes alike whatever key comes with the request', async () => {
    const publicCases = casesOf(routes, EXPECTATIONS).filter(({ route }) => route.access.public);
    expect(await run(publicCases, 1)).toEqual([]);
    const statuses = new Map<string, Set<number>>();
    for (const { matrixCase, answer } of answered.filter(({ matrixCase }) => matrixCase.route.access.public)) {
      statuses.set(matrixCase.route.name, (statuses.get(matrixCase.route.name) ?? new Set()).add(answer.status));
    }
    expect(
      [...statuses].filter(([, seen]) => seen.size > 1).map(([name, seen]) => `${name}: ${[...seen].join(', ')}`),
    ).toEqual([]);
  }, 60_000);

  it('lets every admitted caller through, and shows another tenant only its own records or what every tenant sees', async () => {
    const admittedCases = casesOf(routes, EXPECTATIONS).filter(
      ({ route, credential, ownership }) =>
        !route.access.public &&
        admitted(route, credential) &&
        !(credential.startsWith('another') && ownership.kind === 'in-path'),
    );
    // Reads first, all at once; then the changes one by one: retailers' and channels' before the
    // operator's, which may pause or revoke what they use.
    const reads = admittedCases.filter(({ route }) => route.method === 'GET');
    const rank = (credential: Credential) => (credential === 'operator' ? 1 : 0);
    const changes = admittedCases
      .filter(({ route }) => route.method !== 'GET')
      .sort((a, b) => rank(a.credential) - rank(b.credential));
    expect([...(await run(reads, CONCURRENT_REQUESTS)), ...(await run(changes, 1))]).toEqual([]);
  }, 180_000);
});
