import { randomUUID } from 'node:crypto';
import { rssFeed } from './feed-server.js';
import { checkout, checkoutBody, eventually } from './order-fixtures.js';
import { waitForRun } from './sync-runs.js';
import type { TestApp } from './test-app.js';

/**
 * The places where Souk accepts a URL it later calls on someone else's behalf, and the ways of
 * writing an internal address into one (issue 12, item 1), for the SSRF tests.
 */

/** Every notation of an internal address the issue lists, with a port; `rule` is the word the refusal names. */
export function internalBases(port: number): { notation: string; base: string; rule: string }[] {
  return [
    ['127.0.0.1', 'loopback'],
    ['localhost', 'loopback'],
    ['[::1]', 'loopback'],
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['0x7f000001', 'loopback'],
    ['2130706433', 'loopback'],
    ['127.1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['169.254.169.254', 'link-local'],
    ['10.0.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['172.16.0.1', 'private'],
    ['[fd00::1]', 'unique-local'],
  ].map(([notation, rule]) => ({ notation: notation!, base: `http://${notation}:${port}`, rule: rule! }));
}

export type ConnectorKind = 'feed' | 'shopify' | 'woocommerce';

/** The connector, its settings with `base` as the URL it fetches, the settings key holding it, and valid secrets. */
export function connectorAt(
  kind: ConnectorKind,
  base: string,
): { connectorId: string; settings: Record<string, unknown>; field: string; secrets: Record<string, unknown> } {
  switch (kind) {
    case 'feed':
      return {
        connectorId: 'google-merchant-feed',
        settings: { source: 'url', url: `${base}/feed.tsv` },
        field: 'url',
        secrets: { username: 'feeds', password: 'feed-password' },
      };
    case 'shopify':
      return {
        connectorId: 'shopify',
        settings: { shopUrl: base },
        field: 'shopUrl',
        secrets: { accessToken: 'shpat_ssrf_test_token' },
      };
    case 'woocommerce':
      return {
        connectorId: 'woocommerce',
        settings: { siteUrl: base },
        field: 'siteUrl',
        secrets: { consumerKey: 'ck_ssrf', consumerSecret: 'cs_ssrf' },
      };
  }
}

export interface Shop {
  readonly id: string;
  readonly key: string;
  readonly offerId: string;
}

/** A retailer with a key and one offer, its catalog uploaded (no fetch), so that it can be ordered from. */
export async function shopWithOffer(t: TestApp, slug: string): Promise<Shop> {
  const id = (
    await t.request('POST', '/v1/admin/retailers', {
      body: { name: slug, slug, defaultCurrency: 'EUR', contactEmail: `${slug}@shop.example`, countries: ['NL'] },
    })
  ).body.id;
  const key = (
    await t.request('POST', '/v1/admin/api-keys', { body: { name: slug, role: 'retailer', retailerId: id } })
  ).body.key;
  const config = await t.request('POST', '/v1/retailer/connector-configs', {
    key,
    body: { connectorId: 'google-merchant-feed', name: 'Uploaded', settings: { source: 'upload' } },
  });
  const upload = await t.request('POST', `/v1/retailer/connector-configs/${config.body.id}/uploads`, {
    key,
    body: rssFeed([{ id: 'S1', title: 'Espresso cup', price: '12.50 EUR' }]),
    headers: { 'content-type': 'application/rss+xml' },
  });
  const run = await waitForRun(t, upload.body.id, key);
  if (run.status !== 'succeeded') throw new Error(`the shop's catalog did not sync: ${JSON.stringify(run)}`);
  const offerId = (await t.sql.query('SELECT id FROM offer WHERE retailer_id = $1', [id])).rows[0].id as string;
  return { id, key, offerId };
}

/** A channel with a key; its webhook URL as given. */
export async function channelWithKey(
  t: TestApp,
  name: string,
  webhookUrl: string | null = null,
): Promise<{ id: string; key: string }> {
  const channel = await t.request('POST', '/v1/admin/channels', { body: { name, webhookUrl } });
  if (channel.status !== 201) throw new Error(`channel not created: ${JSON.stringify(channel.body)}`);
  const key = (
    await t.request('POST', '/v1/admin/api-keys', { body: { name, role: 'channel', channelId: channel.body.id } })
  ).body.key;
  return { id: channel.body.id, key };
}

/** Checks out one of the shop's offers and waits until its retailer order is routed to a final outcome of the first series. */
export async function orderRouted(
  t: TestApp,
  channelKey: string,
  shop: Shop,
  until: (status: string) => boolean,
): Promise<{ id: string; status: string; attempts: any[] }> {
  const placed = await checkout(
    t,
    channelKey,
    checkoutBody(`ssrf-${randomUUID()}`, [{ offerId: shop.offerId, quantity: 1, unitPriceMinor: '1250' }]),
  );
  if (placed.status !== 201) throw new Error(`checkout answered ${placed.status}: ${JSON.stringify(placed.body)}`);
  const part = placed.body.retailerOrders[0];
  const routed = await eventually(
    () => t.request('GET', `/v1/admin/retailer-orders/${part.id}`).then((answer) => answer.body),
    (view) => until(view.status),
    15_000,
    'routing',
  );
  const attempts = (await t.request('GET', `/v1/admin/retailer-orders/${part.id}/routing-attempts`)).body as any[];
  return { id: part.id, status: routed.status, attempts };
}

/** Sends the channel's test webhook and waits until its delivery has an outcome other than pending. */
export async function webhookTested(
  t: TestApp,
  channelId: string,
): Promise<{ status: string; attempts: number; lastError: string | null; lastResponseStatus: number | null }> {
  const accepted = await t.request('POST', `/v1/admin/channels/${channelId}/webhook-test`);
  if (accepted.status !== 202 && accepted.status !== 201)
    throw new Error(`webhook-test answered ${accepted.status}: ${JSON.stringify(accepted.body)}`);
  return eventually(
    async () =>
      ((await t.request('GET', `/v1/admin/channels/${channelId}/webhook-deliveries`)).body.items as any[]).find(
        (item) => item.id === accepted.body.id,
      ),
    (delivery) => delivery?.status !== undefined && (delivery.status !== 'pending' || delivery.attempts > 0),
    15_000,
    'webhook delivery',
  );
}
