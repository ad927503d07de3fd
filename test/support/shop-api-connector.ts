import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { z } from 'zod';
import { parseDecimalAmount } from '#domain';
import {
  ConnectorError,
  OrderRejectedError,
  normalizeGoogleItem,
  type Connector,
  type GoogleItemFields,
  type OutboundOrder,
} from '#connector-sdk';

interface ShopItem {
  id: string;
  title: string;
  price: string;
  stock: number;
}

interface ShopOrder {
  id: string;
  soukId: string;
  lines: { sku: string; quantity: number }[];
}

/**
 * A retailer's own shop system with an order API that has no idempotency keys, as many have: the
 * connector records Souk's id on the order and looks it up before creating one. It can answer the
 * next creation only after a delay longer than the caller waits (the order is created all the
 * same), and knows live prices and stock.
 */
export class ShopApiServer {
  readonly items = new Map<string, ShopItem>();
  readonly orders: ShopOrder[] = [];
  /** Creations that answer late: the order is made, the answer comes after this many ms. */
  lateAnswers: number[] = [];
  /** Answer the next creations with 400 (an item the shop refuses). */
  refuseNext = 0;
  private server: Server | undefined;

  put(id: string, title: string, price: string, stock = 10): void {
    this.items.set(id, { id, title, price, stock });
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'http://localhost');
        const json = (status: number, value: unknown) =>
          response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
        if (request.method === 'GET' && url.pathname === '/products') {
          const ids = url.searchParams.get('ids')?.split(',');
          json(200, { products: [...this.items.values()].filter((item) => !ids || ids.includes(item.id)) });
        } else if (request.method === 'GET' && url.pathname === '/orders') {
          json(200, { orders: this.orders.filter((order) => order.soukId === url.searchParams.get('souk_id')) });
        } else if (request.method === 'POST' && url.pathname === '/orders') {
          if (this.refuseNext > 0) {
            this.refuseNext -= 1;
            json(400, { error: 'unknown sku' });
            return;
          }
          const input = JSON.parse(body) as { souk_id: string; lines: ShopOrder['lines'] };
          const order = { id: `SHOP-${this.orders.length + 1}`, soukId: input.souk_id, lines: input.lines };
          this.orders.push(order);
          const late = this.lateAnswers.shift();
          if (late) setTimeout(() => json(201, { order }), late);
          else json(201, { order });
        } else {
          json(404, { error: 'not found' });
        }
      });
    });
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}

type Settings = { baseUrl: string };
type Secrets = { webhookSecret?: string };

/** A webhook of ShopApiServer: JSON `{topic, id, ...}` signed in `x-shop-hmac` (base64 HMAC-SHA256 of the body). */
export function shopWebhook(
  secret: string,
  payload: object,
  deliveryId = String(Math.random()),
): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify(payload);
  return {
    headers: {
      'content-type': 'application/json',
      'x-shop-hmac': createHmac('sha256', secret).update(body).digest('base64'),
      'x-shop-delivery': deliveryId,
    },
    body,
  };
}

/** A test connector for ShopApiServer: catalog, order placement made idempotent by lookup, and live checks. */
export const shopApiConnector: Connector<Settings, Secrets, null> = {
  spec: {
    id: 'test-shop-api',
    name: 'Shop API (test)',
    description: 'A test connector for a shop system with an order API.',
    settings: z.object({ baseUrl: z.string().url() }),
    secrets: z.object({ webhookSecret: z.string().optional() }).strict(),
    capabilities: ['catalog', 'orders', 'live-check', 'webhooks'],
    incremental: false,
    acceptsUpload: false,
  },
  async check() {
    return { ok: true };
  },
  async *read(context) {
    const response = await context.http.request<{ products: ShopItem[] }>({
      url: `${context.settings.baseUrl}/products`,
      signal: context.signal,
      validateStatus: () => true,
    });
    if (response.status !== 200) throw new ConnectorError(`the shop answered ${response.status}`, 'unreachable');
    yield { items: response.data.products.map((item) => ({ ref: { id: item.id }, data: item })), checkpoint: null };
  },
  map(item) {
    const shopItem = item.data as ShopItem;
    const fields: GoogleItemFields = {
      id: shopItem.id,
      title: shopItem.title,
      price: shopItem.price,
      link: `https://shop.example/${shopItem.id}`,
      availability: shopItem.stock > 0 ? 'in_stock' : 'out_of_stock',
    };
    return normalizeGoogleItem(fields, {});
  },
  orders: {
    async place(context, order: OutboundOrder) {
      const base = context.settings.baseUrl;
      const found = await context.http.request<{ orders: ShopOrder[] }>({
        url: `${base}/orders?souk_id=${order.retailerOrderId}`,
        signal: context.signal,
      });
      if (found.data.orders[0]) return { reference: found.data.orders[0].id };
      const created = await context.http.request<{ order: ShopOrder }>({
        method: 'POST',
        url: `${base}/orders`,
        data: {
          souk_id: order.retailerOrderId,
          lines: order.lines.map((line) => ({ sku: line.retailerItemId, quantity: line.quantity })),
        },
        signal: context.signal,
        validateStatus: () => true,
      });
      if (created.status === 400)
        throw new OrderRejectedError(`the shop refused the order: ${JSON.stringify(created.data)}`);
      if (created.status !== 201) throw new Error(`the shop answered ${created.status}`);
      return { reference: created.data.order.id };
    },
  },
  liveCheck: {
    async offers(context, ids) {
      const response = await context.http.request<{ products: ShopItem[] }>({
        url: `${context.settings.baseUrl}/products?ids=${ids.join(',')}`,
        signal: context.signal,
      });
      return response.data.products.map((item) => {
        const [amount = '', currency = 'EUR'] = item.price.split(' ');
        return {
          retailerItemId: item.id,
          priceMinor: String(parseDecimalAmount(amount, currency).amountMinor),
          currency,
          available: item.stock > 0,
          stockQuantity: item.stock,
        };
      });
    },
  },
  webhooks: {
    receive({ secrets }, { headers, rawBody }) {
      const given = Buffer.from(headers['x-shop-hmac'] ?? '', 'base64');
      const expected = createHmac('sha256', secrets.webhookSecret ?? '')
        .update(rawBody)
        .digest();
      if (!secrets.webhookSecret || given.length !== expected.length || !timingSafeEqual(given, expected))
        return { kind: 'rejected', reason: 'bad signature' };
      const event = JSON.parse(rawBody.toString('utf8')) as {
        topic: string;
        id: string;
        order?: { soukId: string; carrier: string; tracking: string };
      };
      const deliveryId = headers['x-shop-delivery'] ?? null;
      if (event.topic === 'product.updated')
        return { kind: 'accepted', deliveryId, events: [{ type: 'catalog-changed' }] };
      if (event.topic === 'product.deleted')
        return { kind: 'accepted', deliveryId, events: [{ type: 'items-removed', itemIds: [event.id] }] };
      if (event.topic === 'order.shipped' && event.order) {
        const { soukId, carrier, tracking } = event.order;
        return {
          kind: 'accepted',
          deliveryId,
          events: [
            {
              type: 'order-updated',
              order: {
                retailerOrderId: soukId,
                reference: event.id,
                status: 'shipped',
                tracking: { carrier, number: tracking, url: null },
              },
            },
          ],
        };
      }
      return { kind: 'accepted', deliveryId, events: [] };
    },
  },
};
