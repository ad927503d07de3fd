import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutboundOrder, WebhookVerdict } from '#connector-sdk';
import { WooCommerceSandbox } from '#sandbox-woocommerce';
import { woocommerceConnector as connector, type WooSecrets } from '../src/index.js';
import { KEY, WEBHOOK_SECRET, wooContext } from './support/woo-context.js';

const secrets: WooSecrets = { ...KEY, webhookSecret: WEBHOOK_SECRET };
const settings = wooContext({ siteUrl: 'https://shop.example' }).settings;

function delivery(topic: string, payload: unknown, options: { secret?: string; deliveryId?: string } = {}) {
  const rawBody = Buffer.from(JSON.stringify(payload));
  const [resource, event] = topic.split('.');
  return {
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-source': 'https://shop.example/',
      'x-wc-webhook-topic': topic,
      'x-wc-webhook-resource': resource,
      'x-wc-webhook-event': event,
      'x-wc-webhook-signature': createHmac('sha256', options.secret ?? WEBHOOK_SECRET)
        .update(rawBody)
        .digest('base64'),
      'x-wc-webhook-id': '3',
      'x-wc-webhook-delivery-id': options.deliveryId ?? '5e2b3c8d2f0a4a6e9b1c7d3e5f7a9b1c',
    },
    rawBody,
  };
}

const receive = (
  webhook: { headers: Record<string, string | undefined>; rawBody: Buffer },
  withSecrets: WooSecrets = secrets,
) => connector.webhooks.receive({ settings, secrets: withSecrets }, webhook);

const order = (status: string, meta: unknown[] = [{ id: 1, key: '_souk_retailer_order_id', value: 'ro-1' }]) => ({
  id: 812,
  number: '812',
  status,
  meta_data: meta,
});

describe('woocommerce webhooks.receive', () => {
  it('answers the creation ping, form-encoded and unsigned, even without a webhook secret', () => {
    const ping = {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: Buffer.from('webhook_id=17'),
    };
    expect(receive(ping)).toEqual({ kind: 'ping' });
    expect(receive(ping, KEY)).toEqual({ kind: 'ping' });
  });

  it('rejects an unsigned body that is not a ping, a wrong signature, a changed body, and any delivery without a configured secret', () => {
    const good = delivery('product.updated', { id: 5 });
    expect(
      receive({ headers: { ...good.headers, 'x-wc-webhook-signature': undefined }, rawBody: good.rawBody }),
    ).toEqual({ kind: 'rejected', reason: 'X-WC-Webhook-Signature is missing' });
    expect(receive(delivery('product.updated', { id: 5 }, { secret: 'another' }))).toMatchObject({
      kind: 'rejected',
      reason: 'X-WC-Webhook-Signature does not match the body',
    });
    expect(receive({ headers: good.headers, rawBody: Buffer.from('{"id":6}') })).toMatchObject({ kind: 'rejected' });
    expect(
      receive({ headers: { ...good.headers, 'x-wc-webhook-signature': 'not base64 at all' }, rawBody: good.rawBody }),
    ).toMatchObject({ kind: 'rejected' });
    expect(receive(good, KEY)).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('webhookSecret') });
  });

  it('gives each delivery an id from its delivery id and body: a replay keeps it, another body in the same second does not', () => {
    const first = receive(delivery('product.updated', { id: 5 })) as WebhookVerdict & { kind: 'accepted' };
    const replay = receive(delivery('product.updated', { id: 5 })) as WebhookVerdict & { kind: 'accepted' };
    const other = receive(delivery('product.updated', { id: 6 })) as WebhookVerdict & { kind: 'accepted' };
    expect(first.deliveryId).toMatch(/^5e2b3c8d2f0a4a6e9b1c7d3e5f7a9b1c\.[0-9a-f]{16}$/);
    expect(replay.deliveryId).toBe(first.deliveryId);
    expect(other.deliveryId).not.toBe(first.deliveryId);
  });

  it('maps product topics: changes ask for a sync, deletions and unpublished products remove items', () => {
    expect(receive(delivery('product.created', { id: 5, status: 'publish' }))).toMatchObject({
      kind: 'accepted',
      events: [{ type: 'catalog-changed' }],
    });
    expect(receive(delivery('product.updated', { id: 5, status: 'publish' }))).toMatchObject({
      events: [{ type: 'catalog-changed' }],
    });
    expect(receive(delivery('product.restored', { id: 5, status: 'publish' }))).toMatchObject({
      events: [{ type: 'catalog-changed' }],
    });
    expect(receive(delivery('product.deleted', { id: 5 }))).toMatchObject({
      events: [{ type: 'items-removed', itemIds: ['5'], itemGroupIds: ['5'] }],
    });
    expect(receive(delivery('product.updated', { id: 5, status: 'draft' }))).toMatchObject({
      events: [{ type: 'items-removed', itemIds: ['5'], itemGroupIds: ['5'] }, { type: 'catalog-changed' }],
    });
    expect(
      receive(delivery('product.updated', { id: 5, status: 'publish', catalog_visibility: 'hidden' })),
    ).toMatchObject({ events: [{ type: 'items-removed' }, { type: 'catalog-changed' }] });
    expect(
      receive(delivery('product.updated', { id: 41, type: 'variation', parent_id: 40, status: 'private' })),
    ).toMatchObject({
      events: [{ type: 'items-removed', itemIds: ['40-41'] }, { type: 'catalog-changed' }],
    });
  });

  it.each([
    ['pending', null],
    ['processing', 'accepted'],
    ['on-hold', 'accepted'],
    ['completed', 'shipped'],
    ['cancelled', 'cancelled'],
    ['refunded', null],
    ['failed', 'refused'],
    ['trash', null],
    ['some-plugin-status', null],
  ])('maps order status %s to %s', (status, expected) => {
    const verdict = receive(delivery('order.updated', order(status)));
    expect(verdict).toMatchObject({
      kind: 'accepted',
      events: [{ type: 'order-updated', order: { retailerOrderId: 'ro-1', reference: '812', status: expected } }],
    });
  });

  it('takes the latest Shipment Tracking entry of a completed order', () => {
    const tracking = {
      id: 9,
      key: '_wc_shipment_tracking_items',
      value: [
        {
          tracking_provider: 'dhl',
          custom_tracking_provider: '',
          custom_tracking_link: '',
          tracking_number: 'OLD1',
          date_shipped: '1764547200',
          tracking_id: 'a',
        },
        {
          tracking_provider: '',
          custom_tracking_provider: 'PostNL',
          custom_tracking_link: 'https://postnl.example/t/3SABC',
          tracking_number: '3SABC',
          date_shipped: '1764633600',
          tracking_id: 'b',
        },
      ],
    };
    const verdict = receive(
      delivery(
        'order.updated',
        order('completed', [{ id: 1, key: '_souk_retailer_order_id', value: 'ro-1' }, tracking]),
      ),
    );
    expect(verdict).toMatchObject({
      events: [
        {
          order: {
            status: 'shipped',
            tracking: { carrier: 'PostNL', number: '3SABC', url: 'https://postnl.example/t/3SABC' },
          },
        },
      ],
    });
    const plain = receive(delivery('order.updated', order('completed')));
    expect(plain).toMatchObject({ events: [{ order: { status: 'shipped', tracking: null } }] });
  });

  it('ignores orders Souk did not place, and topics it does not use', () => {
    expect(receive(delivery('order.updated', order('processing', [])))).toEqual({
      kind: 'accepted',
      deliveryId: expect.any(String),
      events: [],
    });
    expect(receive(delivery('customer.updated', { id: 3 }))).toMatchObject({ kind: 'accepted', events: [] });
    expect(receive(delivery('order.deleted', { id: 812 }))).toMatchObject({ kind: 'accepted', events: [] });
  });
});

/** A stand-in for Souk's webhook endpoint: runs receive() on each delivery, answers 200, or 401 when rejected. */
class Receiver {
  readonly verdicts: WebhookVerdict[] = [];
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
      );
      const verdict = connector.webhooks.receive({ settings, secrets }, { headers, rawBody: Buffer.concat(chunks) });
      this.verdicts.push(verdict);
      response.writeHead(verdict.kind === 'rejected' ? 401 : 200).end();
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/connector-webhooks/config-1`;
  }

  stop(): Promise<void> {
    return new Promise((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}

describe('woocommerce webhooks from the sandbox store', () => {
  let sandbox: WooCommerceSandbox;
  let receiver: Receiver;
  let url: string;
  beforeEach(async () => {
    sandbox = new WooCommerceSandbox({ ...KEY, webhookSecret: WEBHOOK_SECRET, products: 20, seed: 9 });
    await sandbox.listen();
    receiver = new Receiver();
    url = await receiver.start();
  });
  afterEach(async () => {
    await sandbox.close();
    await receiver.stop();
  });

  it('answers the ping, accepts signed deliveries of PHP-encoded JSON, rejects a bad signature, and keeps the id of a replay', async () => {
    const { id, pingStatus } = await sandbox.registerWebhook('product.updated', url);
    expect(pingStatus).toBe(200);
    expect(receiver.verdicts).toEqual([{ kind: 'ping' }]);

    const product = sandbox.products().find((each) => each.type === 'simple')!;
    await sandbox.updateProduct(product.id as number, { name: 'Café “Nordic” Mug / 350 ml' });
    expect(sandbox.deliveries()[0]!.body).toContain('Caf\\u00e9');
    expect(receiver.verdicts[1]).toMatchObject({ kind: 'accepted', events: [{ type: 'catalog-changed' }] });

    expect(await sandbox.sendWebhookWithBadSignature(id)).toBe(401);
    expect(receiver.verdicts[2]).toMatchObject({ kind: 'rejected' });

    await sandbox.updateProduct(product.id as number, { regularPrice: '9.99' });
    expect(await sandbox.resendLastWebhook()).toBe(200);
    const [, , , last, replay] = receiver.verdicts as (WebhookVerdict & { deliveryId: string })[];
    expect(replay!.deliveryId).toBe(last!.deliveryId);
  });

  it('removes a deleted product', async () => {
    await sandbox.registerWebhook('product.deleted', url);
    const variable = sandbox.products().find((each) => each.type === 'variable')!;
    await sandbox.deleteProduct(variable.id as number);
    expect(receiver.verdicts[1]).toMatchObject({
      kind: 'accepted',
      events: [{ type: 'items-removed', itemIds: [String(variable.id)], itemGroupIds: [String(variable.id)] }],
    });
  });

  it('follows an order Souk placed through its statuses, with tracking when completed', async () => {
    await sandbox.registerWebhook('order.updated', url);
    await sandbox.registerWebhook('order.created', url);
    const product = sandbox
      .products()
      .find((each) => each.type === 'simple' && each.status === 'publish' && each.price)!;
    const outbound: OutboundOrder = {
      retailerOrderId: randomUUID(),
      orderId: randomUUID(),
      placedAt: new Date().toISOString(),
      currency: 'EUR',
      totalMinor: '100',
      customer: { name: 'Ada', email: 'ada@example.com', phone: null },
      shippingAddress: {
        name: 'Ada',
        line1: 'Damrak 1',
        line2: null,
        postalCode: '1012 LG',
        city: 'Amsterdam',
        region: null,
        country: 'NL',
      },
      lines: [
        {
          lineId: randomUUID(),
          retailerItemId: String(product.id),
          title: 'x',
          quantity: 1,
          unitPriceMinor: '100',
          lineTotalMinor: '100',
        },
      ],
    };
    const { reference } = await connector.orders.place(wooContext({ siteUrl: sandbox.siteUrl }), outbound);
    await sandbox.deliveriesSettled();
    const expected = (status: string | null, extra: Record<string, unknown> = {}) => ({
      kind: 'accepted',
      events: [
        { type: 'order-updated', order: { retailerOrderId: outbound.retailerOrderId, reference, status, ...extra } },
      ],
    });
    expect(receiver.verdicts.at(-1)).toMatchObject(expected('accepted'));

    await sandbox.setOrderStatus(Number(reference), 'on-hold', 'waiting for stock');
    expect(receiver.verdicts.at(-1)).toMatchObject(expected('accepted'));
    await sandbox.addTracking(Number(reference), { tracking_provider: 'postnl', tracking_number: '3SXYZ123' });
    await sandbox.setOrderStatus(Number(reference), 'completed');
    expect(receiver.verdicts.at(-1)).toMatchObject(
      expected('shipped', { tracking: { carrier: 'postnl', number: '3SXYZ123', url: null } }),
    );
    await sandbox.setOrderStatus(Number(reference), 'refunded');
    expect(receiver.verdicts.at(-1)).toMatchObject(expected(null));
    await sandbox.setOrderStatus(Number(reference), 'cancelled');
    expect(receiver.verdicts.at(-1)).toMatchObject(
      expected('cancelled', { reason: 'the order is cancelled in WooCommerce' }),
    );
  });
});
