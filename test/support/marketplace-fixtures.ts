import { randomUUID } from 'node:crypto';
import { checkout, checkoutBody } from './order-fixtures.js';
import { waitForRun } from './sync-runs.js';
import type { TestApp } from './test-app.js';

/** One of each record the API's paths refer to, with the keys of a retailer and a channel. */
export interface MarketplaceFixtures {
  readonly retailer: { readonly id: string; readonly key: string; readonly keyId: string };
  readonly channel: { readonly id: string; readonly key: string; readonly feedToken: string };
  readonly config: string;
  readonly syncRun: string;
  readonly offer: string;
  readonly product: string;
  readonly order: string;
  readonly retailerOrder: string;
  readonly commissionRule: string;
  readonly categoryRule: string;
  readonly categoryId: number;
  readonly userRef: string;
  readonly period: string;
}

async function created(
  t: TestApp,
  method: string,
  path: string,
  options: Parameters<TestApp['request']>[2],
): Promise<any> {
  const response = await t.request(method, path, options);
  if (response.status >= 300)
    throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * A retailer with a CSV catalog of one offer, a channel (with a WhatsApp number) that ordered it, and a commission rule
 * and a category rule: made through the API, as a client would.
 */
export async function createMarketplaceFixtures(t: TestApp): Promise<MarketplaceFixtures> {
  const retailerId = (
    await created(t, 'POST', '/v1/admin/retailers', {
      body: {
        name: 'Fixture Shop',
        slug: 'fixture-shop',
        defaultCurrency: 'EUR',
        contactEmail: 'f@shop.example',
        countries: ['NL'],
      },
    })
  ).id;
  const retailerKey = await created(t, 'POST', '/v1/admin/api-keys', {
    body: { name: 'fixture retailer', role: 'retailer', retailerId },
  });
  const channelId = (
    await created(t, 'POST', '/v1/admin/channels', {
      body: { name: 'Fixture Chat', whatsappNumber: '+31 20 123 4567' },
    })
  ).id;
  const channelKey = (
    await created(t, 'POST', '/v1/admin/api-keys', { body: { name: 'fixture channel', role: 'channel', channelId } })
  ).key;
  const feedToken = (await created(t, 'POST', `/v1/admin/channels/${channelId}/feed-token/rotate`, {})).token;
  const config = (
    await created(t, 'POST', '/v1/retailer/connector-configs', {
      key: retailerKey.key,
      body: { connectorId: 'csv-catalog', name: 'Fixture CSV', settings: { currency: 'EUR' } },
    })
  ).id;
  // The GTIN is the one the document gives as an example for the lookup by GTIN.
  const csv =
    'id,title,link,price,availability,brand,gtin\nF-1,Fixture Mug,https://shop.example/f1,12.50,in stock,Fixture,04006381333931\n';
  const upload = await created(t, 'POST', `/v1/retailer/connector-configs/${config}/uploads`, {
    key: retailerKey.key,
    body: csv,
    headers: { 'content-type': 'text/csv' },
  });
  const run = await waitForRun(t, upload.id, retailerKey.key);
  if (run.status !== 'succeeded') throw new Error(`The fixture catalog did not sync: ${JSON.stringify(run)}`);
  const offer = (
    await t.sql.query('SELECT id, product_id, price_minor::text AS price FROM offer WHERE retailer_id = $1', [
      retailerId,
    ])
  ).rows[0];
  const userRef = 'fixture-user';
  const ordered = await checkout(
    t,
    channelKey,
    checkoutBody(userRef, [{ offerId: offer.id, quantity: 1, unitPriceMinor: offer.price }]),
  );
  if (ordered.status !== 201) throw new Error(`The fixture order failed: ${JSON.stringify(ordered.body)}`);
  const commissionRule = (
    await created(t, 'POST', '/v1/admin/commission/rules', {
      body: { name: 'Fixture rule', retailerId, rateBasisPoints: 500 },
    })
  ).id;
  const categoryId = (await created(t, 'GET', '/v1/admin/categories', {})).items[0].id as number;
  const categoryRule = (
    await created(t, 'POST', '/v1/admin/category-rules', {
      body: { retailerId, kind: 'exact', pattern: 'Fixture > Mugs', categoryId },
    })
  ).id;
  return {
    retailer: { id: retailerId, key: retailerKey.key, keyId: retailerKey.id },
    channel: { id: channelId, key: channelKey, feedToken },
    config,
    syncRun: upload.id,
    offer: offer.id,
    product: offer.product_id,
    order: ordered.body.id,
    retailerOrder: ordered.body.retailerOrders[0].id,
    commissionRule,
    categoryRule,
    categoryId,
    userRef,
    period: new Date().toISOString().slice(0, 7),
  };
}

/** The record a path parameter names, by the collection before it (`/retailers/{id}`) or by its own name. */
export function fixtureForPath(fixtures: MarketplaceFixtures, path: string, name: string): string {
  const byName: Record<string, string> = {
    retailerId: fixtures.retailer.id,
    offerId: fixtures.offer,
    configId: fixtures.config,
    userRef: fixtures.userRef,
    currency: 'EUR',
    period: fixtures.period,
  };
  if (byName[name]) return byName[name];
  const collection = new RegExp(`/([^/{}]+)/\\{${name}\\}`).exec(path)?.[1];
  const byCollection: Record<string, string> = {
    retailers: fixtures.retailer.id,
    channels: fixtures.channel.id,
    'connector-configs': fixtures.config,
    'sync-runs': fixtures.syncRun,
    products: fixtures.product,
    'category-rules': fixtures.categoryRule,
    rules: fixtures.commissionRule,
    // A retailer key sees its part of an order; operators and channels see the whole order.
    orders: path.startsWith('/v1/retailer/') ? fixtures.retailerOrder : fixtures.order,
    'retailer-orders': fixtures.retailerOrder,
    'api-keys': fixtures.retailer.keyId,
  };
  return (collection && byCollection[collection]) ?? randomUUID();
}

/** Ids of created records for body fields that name them. */
export function fixtureForField(fixtures: MarketplaceFixtures, name: string): string | undefined {
  const byName: Record<string, string> = {
    retailerId: fixtures.retailer.id,
    channelId: fixtures.channel.id,
    offerId: fixtures.offer,
    productId: fixtures.product,
    connectorConfigId: fixtures.config,
    userRef: fixtures.userRef,
    // The query parameter of the channel's catalog feed URLs.
    token: fixtures.channel.feedToken,
    // Console sign-in's body: the fixture retailer's key.
    apiKey: fixtures.retailer.key,
  };
  return byName[name];
}

/** The key of the role a path is for: /v1/admin operators, /v1/retailer retailers, /v1/channel channels; no key elsewhere. */
export function keyForPath(t: TestApp, fixtures: MarketplaceFixtures, path: string): string | undefined {
  if (path.startsWith('/v1/admin/')) return t.operatorKey;
  if (path.startsWith('/v1/retailer/')) return fixtures.retailer.key;
  if (path.startsWith('/v1/channel/')) return fixtures.channel.key;
  return undefined;
}
