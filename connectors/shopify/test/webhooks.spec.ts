import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookVerdict } from '#connector-sdk';
import { shopifyHmac, type ShopifySandbox } from '#sandbox-shopify';
import { shopifyConnector as connector } from '../src/index.js';
import { shopifySecretsSchema, shopifySettingsSchema } from '../src/settings.js';
import { ACCESS_TOKEN, closeServer, startShop, WEBHOOK_SECRET } from './support/shopify-context.js';

interface Received {
  readonly topic: string | undefined;
  readonly verdict: WebhookVerdict;
}

/** Souk's webhook endpoint in miniature: raw body and lower-case headers to the connector; 401 when it rejects. */
async function soukEndpoint(config: { settings: Record<string, unknown>; secrets: Record<string, unknown> }) {
  const received: Received[] = [];
  const parsed = {
    settings: shopifySettingsSchema.parse(config.settings),
    secrets: shopifySecretsSchema.parse(config.secrets),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
      );
      const verdict = connector.webhooks!.receive(parsed, { headers, rawBody: Buffer.concat(chunks) });
      received.push({ topic: headers['x-shopify-topic'], verdict });
      response.writeHead(verdict.kind === 'rejected' ? 401 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/connector-webhooks/config-1`,
    received,
    server,
  };
}

describe('shopify webhooks', () => {
  let sandbox: ShopifySandbox;
  let shopUrl: string;
  let endpoint: Awaited<ReturnType<typeof soukEndpoint>>;
  beforeEach(async () => {
    ({ sandbox, url: shopUrl } = await startShop({
      products: 10,
      leakPerSecond: 50,
      webhookRetries: 1,
      webhookRetryDelayMs: 10,
    }));
    endpoint = await soukEndpoint({
      settings: { shopUrl },
      secrets: { accessToken: ACCESS_TOKEN, webhookSecret: WEBHOOK_SECRET },
    });
    sandbox.registerWebhookAddress(endpoint.url);
  });
  afterEach(async () => {
    await sandbox.close();
    await closeServer(endpoint.server);
  });

  const verdicts = async () => {
    await sandbox.webhooksSettled();
    return endpoint.received.map((each) => each.verdict);
  };

  it('accepts a signed products/update as "catalog changed", with Shopify\'s webhook id as the delivery id; a replay has the same id', async () => {
    const product = sandbox.products().find((candidate) => candidate.status === 'active')!;
    sandbox.updateVariantPrice(product.variants[0]!.id, '9.99');
    const [verdict] = await verdicts();
    expect(verdict).toEqual({
      kind: 'accepted',
      deliveryId: sandbox.webhookDeliveries()[0]!.id,
      events: [{ type: 'catalog-changed' }],
    });

    await sandbox.resendLastWebhook();
    expect(endpoint.received[1]!.verdict).toEqual(verdict);
  });

  it("removes a deleted product's variants, and a product made draft or archived, by item group", async () => {
    const [first, second] = sandbox.products().filter((candidate) => candidate.status === 'active');
    sandbox.deleteProduct(first!.id);
    sandbox.updateProduct(second!.id, { status: 'archived' });
    sandbox.createProduct({ title: 'Draft', status: 'draft' });
    sandbox.createProduct({ title: 'Live', variants: [{ price: '1.00' }] });
    expect(await verdicts()).toEqual([
      {
        kind: 'accepted',
        deliveryId: expect.any(String),
        events: [{ type: 'items-removed', itemGroupIds: [String(first!.id)] }],
      },
      {
        kind: 'accepted',
        deliveryId: expect.any(String),
        events: [{ type: 'items-removed', itemGroupIds: [String(second!.id)] }],
      },
      { kind: 'accepted', deliveryId: expect.any(String), events: [] },
      { kind: 'accepted', deliveryId: expect.any(String), events: [{ type: 'catalog-changed' }] },
    ]);
  });

  it('rejects a bad signature, a missing one, and any webhook when no secret is set', async () => {
    await sandbox.sendWebhookWithBadSignature('products/update', { id: 1 });
    expect(endpoint.received[0]!.verdict).toEqual({
      kind: 'rejected',
      reason: 'X-Shopify-Hmac-Sha256 does not match the body signed with the webhook secret',
    });

    const settings = shopifySettingsSchema.parse({ shopUrl });
    const rawBody = Buffer.from('{"id":1}');
    const receive = (secrets: Record<string, unknown>, headers: Record<string, string>) =>
      connector.webhooks!.receive({ settings, secrets: shopifySecretsSchema.parse(secrets) }, { headers, rawBody });
    const signed = {
      'x-shopify-topic': 'products/delete',
      'x-shopify-hmac-sha256': shopifyHmac(WEBHOOK_SECRET, rawBody),
    };
    expect(receive({ accessToken: ACCESS_TOKEN, webhookSecret: WEBHOOK_SECRET }, signed)).toMatchObject({
      kind: 'accepted',
      deliveryId: null,
      events: [{ type: 'items-removed', itemGroupIds: ['1'] }],
    });
    expect(receive({ accessToken: ACCESS_TOKEN }, signed)).toMatchObject({
      kind: 'rejected',
      reason: expect.stringContaining('no webhook secret'),
    });
    expect(
      receive({ accessToken: ACCESS_TOKEN, webhookSecret: WEBHOOK_SECRET }, { 'x-shopify-topic': 'products/delete' }),
    ).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('missing') });
    // Same length, one character off.
    const forged = signed['x-shopify-hmac-sha256'].replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(
      receive(
        { accessToken: ACCESS_TOKEN, webhookSecret: WEBHOOK_SECRET },
        { ...signed, 'x-shopify-hmac-sha256': forged },
      ),
    ).toMatchObject({ kind: 'rejected' });
  });

  it('rejects a webhook of another shop when the connection is to a myshopify.com shop', () => {
    const rawBody = Buffer.from('{"id":1}');
    const headers = {
      'x-shopify-topic': 'products/delete',
      'x-shopify-hmac-sha256': shopifyHmac(WEBHOOK_SECRET, rawBody),
      'x-shopify-shop-domain': 'other-shop.myshopify.com',
    };
    const config = (url: string) => ({
      settings: shopifySettingsSchema.parse({ shopUrl: url }),
      secrets: shopifySecretsSchema.parse({ accessToken: ACCESS_TOKEN, webhookSecret: WEBHOOK_SECRET }),
    });
    expect(connector.webhooks!.receive(config('https://northwind.myshopify.com'), { headers, rawBody })).toMatchObject({
      kind: 'rejected',
      reason: expect.stringContaining('other-shop.myshopify.com'),
    });
    expect(connector.webhooks!.receive(config('https://other-shop.myshopify.com'), { headers, rawBody })).toMatchObject(
      { kind: 'accepted' },
    );
  });

  it('tells Souk how an order it placed moved: shipped with tracking, cancelled with the reason; orders/create changes nothing', async () => {
    const variant = sandbox.products().find((candidate) => candidate.status === 'active')!.variants[0]!;
    const retailerOrderId = 'c0ffee00-0000-4000-8000-000000000001';
    const created = await fetch(`${shopUrl}/admin/api/2024-10/orders.json`, {
      method: 'POST',
      headers: { 'x-shopify-access-token': ACCESS_TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({
        order: {
          line_items: [{ variant_id: variant.id, quantity: 1 }],
          note_attributes: [{ name: 'souk_retailer_order_id', value: retailerOrderId }],
          tags: `souk, souk-${retailerOrderId}`,
        },
      }),
    });
    const { order } = (await created.json()) as { order: { id: number } };
    sandbox.fulfillOrder(order.id, {
      tracking_company: 'PostNL',
      tracking_number: '3SABCD1234567',
      tracking_url: 'https://postnl.example/track/3SABCD1234567',
    });
    sandbox.cancelOrder(order.id, 'fraud');

    const received = await verdicts();

    expect(endpoint.received.map((each) => each.topic)).toEqual([
      'orders/create',
      'orders/fulfilled',
      'orders/updated',
      'orders/cancelled',
      'orders/updated',
    ]);
    expect(received[0]).toMatchObject({ kind: 'accepted', events: [] });
    const shipped = {
      retailerOrderId,
      reference: String(order.id),
      status: 'shipped',
      reason: null,
      tracking: { carrier: 'PostNL', number: '3SABCD1234567', url: 'https://postnl.example/track/3SABCD1234567' },
    };
    expect(received[1]).toMatchObject({ kind: 'accepted', events: [{ type: 'order-updated', order: shipped }] });
    expect(received[2]).toMatchObject({ kind: 'accepted', events: [{ type: 'order-updated', order: shipped }] });
    const cancelled = {
      retailerOrderId,
      reference: String(order.id),
      status: 'cancelled',
      reason: 'fraud',
      tracking: null,
    };
    expect(received[3]).toMatchObject({ events: [{ type: 'order-updated', order: cancelled }] });
    expect(received[4]).toMatchObject({ events: [{ type: 'order-updated', order: cancelled }] });
  });

  it('reads tracking from the arrays, the id from the tag, and an open order as accepted', () => {
    const update = (order: Record<string, unknown>, topic = 'orders/updated') => {
      const rawBody = Buffer.from(JSON.stringify(order));
      const verdict = connector.webhooks!.receive(
        {
          settings: shopifySettingsSchema.parse({ shopUrl }),
          secrets: shopifySecretsSchema.parse({ accessToken: ACCESS_TOKEN, webhookSecret: WEBHOOK_SECRET }),
        },
        {
          headers: {
            'x-shopify-topic': topic,
            'x-shopify-hmac-sha256': shopifyHmac(WEBHOOK_SECRET, rawBody),
            'x-shopify-webhook-id': 'b1',
          },
          rawBody,
        },
      );
      return verdict.kind === 'accepted' && verdict.events[0]?.type === 'order-updated'
        ? verdict.events[0].order
        : verdict;
    };
    expect(
      update(
        {
          id: 450789469,
          tags: 'souk, souk-ro-42, vip',
          fulfillment_status: 'fulfilled',
          fulfillments: [
            { status: 'cancelled', tracking_number: 'OLD' },
            {
              status: 'success',
              tracking_company: null,
              tracking_number: null,
              tracking_numbers: ['1Z999AA10123456784'],
              tracking_url: null,
              tracking_urls: ['https://ups.example/1Z999AA10123456784'],
            },
          ],
        },
        'orders/fulfilled',
      ),
    ).toEqual({
      retailerOrderId: 'ro-42',
      reference: '450789469',
      status: 'shipped',
      reason: null,
      tracking: { carrier: null, number: '1Z999AA10123456784', url: 'https://ups.example/1Z999AA10123456784' },
    });
    expect(
      update({
        id: 1,
        fulfillment_status: 'fulfilled',
        fulfillments: [{ status: 'success', shipment_status: 'delivered', tracking_number: 'T1' }],
      }),
    ).toMatchObject({ status: 'delivered', tracking: { number: 'T1' } });
    expect(
      update(
        { id: 2, fulfillment_status: 'partial', note_attributes: [{ name: 'souk_retailer_order_id', value: 'ro-7' }] },
        'orders/partially_fulfilled',
      ),
    ).toEqual({
      retailerOrderId: 'ro-7',
      reference: '2',
      status: 'accepted',
      reason: null,
      tracking: null,
    });
    expect(update({ id: 3, fulfillment_status: null })).toMatchObject({
      retailerOrderId: null,
      reference: '3',
      status: 'accepted',
    });
    expect(update({ id: 4 }, 'orders/paid')).toEqual({ kind: 'accepted', deliveryId: 'b1', events: [] });
  });
});
