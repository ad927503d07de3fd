import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxFulfilment, type FulfilmentOptions } from './fulfilment.js';
import { FAULT_KINDS, FaultPicker, isFaultKind, parseFaultPlan, type FaultKind, type FaultPlan } from './faults.js';
import { InvalidOrderEvent, parseOrderEvent, type OrderCancellation, type OutboundOrder } from './order-events.js';
import { ReferenceSeries } from './references.js';
import { verifyStandardWebhook, webhookKey } from './standard-webhook-verify.js';

export interface RetailerSandboxOptions {
  /** The `whsec_` secret Souk signs this retailer's order webhooks with. */
  readonly secret: string;
  readonly faults?: FaultPlan;
  readonly name?: string;
  /** Accept and ship every order taken, on a timer, through Souk's retailer API. */
  readonly fulfil?: FulfilmentOptions;
}

export interface SandboxOrder {
  /** The retailer's own reference, e.g. SBX-MC4Z1K2A-000001 (unique across restarts). */
  readonly reference: string;
  readonly idempotencyKey: string;
  /** The order data exactly as received. */
  readonly order: OutboundOrder;
  /** Ms epoch of the first request with this key, even one that failed. */
  readonly firstCallAt: number;
  readonly createdAt: number;
  /** Signed requests with this key, failed ones included. */
  readonly calls: number;
  readonly cancelled: boolean;
  readonly cancelReason: string | null;
}

export interface SandboxStats {
  /** Every POST to the order URL. */
  readonly received: number;
  readonly created: number;
  /** Repeated keys answered with the existing reference. */
  readonly replays: number;
  /** Requests for a key whose earlier request was already answered 2xx. */
  readonly callsAfterSuccess: number;
  readonly badSignatures: number;
  readonly faults: Record<FaultKind, number>;
  /** Orders cancelled (a repeated notice for the same order is not counted again). */
  readonly cancellations: number;
}

interface StoredOrder {
  readonly reference: string;
  readonly order: OutboundOrder;
  readonly createdAt: number;
  cancelled: boolean;
  cancelReason: string | null;
}

interface KeyRecord {
  readonly key: string;
  readonly firstCallAt: number;
  calls: number;
  answeredOk: boolean;
  order?: StoredOrder;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A sandbox retailer that receives orders from Souk by signed webhook (Standard Webhooks), honours
 * the Idempotency-Key, and fails on purpose by a fault plan. `POST /orders` takes
 * `retailer_order.created` (201 `{reference}`, 200 for a repeated key) and
 * `retailer_order.cancelled`. Unsigned control endpoints for other processes:
 * `GET /_sandbox/stats`, `GET /_sandbox/orders`, `GET /_sandbox/first-calls`,
 * `GET` and `PUT /_sandbox/faults`. With `fulfil` (or `fulfilWith`) it also accepts and then ships
 * each order it takes, on a timer, through Souk's retailer API (see SandboxFulfilment).
 */
export class RetailerSandbox {
  readonly name: string;
  private key: Buffer;
  private picker: FaultPicker;
  private readonly queued: FaultKind[] = [];
  private readonly keys = new Map<string, KeyRecord>();
  private readonly created: KeyRecord[] = [];
  private readonly counts = {
    received: 0,
    created: 0,
    replays: 0,
    callsAfterSuccess: 0,
    badSignatures: 0,
    cancellations: 0,
  };
  private readonly faultCounts = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  private readonly timers = new Set<NodeJS.Timeout>();
  private serverErrors = 0;
  private server: Server | undefined;
  private readonly references = new ReferenceSeries();
  private fulfilment: SandboxFulfilment | undefined;

  constructor(options: RetailerSandboxOptions) {
    this.key = webhookKey(options.secret);
    this.name = options.name ?? 'Sandbox retailer';
    this.picker = new FaultPicker(parseFaultPlan(options.faults ?? { rate: 0 }));
    if (options.fulfil) this.fulfilWith(options.fulfil);
  }

  /** Accepts and ships the orders taken from now on through Souk's retailer API (once a retailer key exists). */
  fulfilWith(options: FulfilmentOptions): void {
    this.fulfilment?.close();
    this.fulfilment = new SandboxFulfilment(options);
  }

  /** Also accepts and ships the orders Souk shows submitted or accepted, as an earlier run left them. */
  resumeFulfilment(): void {
    this.fulfilment?.resume();
  }

  /** Verifies with another secret from now on (after the retailer's secret was created or rotated in Souk). */
  useSecret(secret: string): void {
    this.key = webhookKey(secret);
  }

  /** Resolves to the order URL, e.g. http://127.0.0.1:PORT/orders. */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (response.headersSent) response.destroy();
        else send(response, 500, { error: error instanceof Error ? error.message : String(error) });
      });
    });
    this.server = server;
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(port, host, done);
    });
    return `http://${host}:${(server.address() as AddressInfo).port}/orders`;
  }

  /** Stops listening and drops the requests that faults are still holding. */
  async close(): Promise<void> {
    this.fulfilment?.close();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  }

  setFaults(plan: FaultPlan): void {
    this.picker = new FaultPicker(parseFaultPlan(plan));
  }

  /** Makes the next `times` order-creation requests fail with `kind`, before the plan draws. */
  failNext(kind: FaultKind, times = 1): void {
    if (!isFaultKind(kind)) throw new TypeError(`Unknown fault kind ${String(kind)}.`);
    for (let n = 0; n < times; n++) this.queued.push(kind);
  }

  stats(): SandboxStats {
    return { ...this.counts, faults: { ...this.faultCounts } };
  }

  orders(): SandboxOrder[] {
    return this.created.map((record) => {
      const stored = record.order!;
      return {
        reference: stored.reference,
        idempotencyKey: record.key,
        order: stored.order,
        firstCallAt: record.firstCallAt,
        createdAt: stored.createdAt,
        calls: record.calls,
        cancelled: stored.cancelled,
        cancelReason: stored.cancelReason,
      };
    });
  }

  /** The first call of every key seen, also of keys that never got an order. */
  firstCalls(): Map<string, number> {
    return new Map([...this.keys].map(([key, record]) => [key, record.firstCallAt]));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const method = request.method ?? 'GET';
    switch (path) {
      case '/orders':
        return method === 'POST' ? this.receive(request, response, receivedAt) : notAllowed(response, 'POST');
      case '/_sandbox/stats':
        return method === 'GET' ? send(response, 200, this.stats()) : notAllowed(response, 'GET');
      case '/_sandbox/orders':
        return method === 'GET' ? send(response, 200, this.orders()) : notAllowed(response, 'GET');
      case '/_sandbox/first-calls':
        return method === 'GET'
          ? send(response, 200, Object.fromEntries(this.firstCalls()))
          : notAllowed(response, 'GET');
      case '/_sandbox/faults':
        if (method === 'GET') return send(response, 200, this.picker.plan);
        return method === 'PUT' ? this.putFaults(request, response) : notAllowed(response, 'GET, PUT');
      default:
        return send(response, 404, { error: `Nothing at ${path}.` });
    }
  }

  private async receive(request: IncomingMessage, response: ServerResponse, receivedAt: number): Promise<void> {
    this.counts.received++;
    const body = await readBody(request);
    if (!body) return send(response, 413, { error: 'The body is over 1 MiB.' });
    const check = verifyStandardWebhook(this.key, request.headers, body);
    if (!check.valid) {
      this.counts.badSignatures++;
      return send(response, 401, { error: check.reason });
    }
    let event;
    try {
      event = parseOrderEvent(body.toString('utf8'));
    } catch (error) {
      if (error instanceof InvalidOrderEvent) return send(response, 400, { error: error.message });
      throw error;
    }
    if (event.type === 'retailer_order.cancelled') return this.cancel(event.data, response);
    const key = request.headers['idempotency-key'];
    if (key !== event.data.retailerOrderId)
      return send(response, 400, { error: 'Idempotency-Key must be present and equal data.retailerOrderId.' });
    this.place(key, event.data, receivedAt, response);
  }

  private place(key: string, order: OutboundOrder, receivedAt: number, response: ServerResponse): void {
    let record = this.keys.get(key);
    if (!record) {
      record = { key, firstCallAt: receivedAt, calls: 0, answeredOk: false };
      this.keys.set(key, record);
    }
    record.calls++;
    if (record.answeredOk) this.counts.callsAfterSuccess++;
    const fault = this.queued.shift() ?? this.picker.pick();
    if (fault) this.faultCounts[fault]++;
    const retryAfter = { 'retry-after': String(this.picker.retryAfterSeconds) };
    switch (fault) {
      case 'server-error': {
        const status = this.serverErrors++ % 2 === 0 ? 500 : 503;
        return send(response, status, { error: `Injected fault: ${status}.` }, status === 503 ? retryAfter : {});
      }
      case 'rate-limited':
        return send(
          response,
          429,
          { error: 'Too many requests.', retryAfterSeconds: this.picker.retryAfterSeconds },
          retryAfter,
        );
      case 'rejected':
        return send(
          response,
          422,
          {
            type: 'https://sandbox-retailer.souk.invalid/problems/order-refused',
            title: 'Order refused',
            status: 422,
            detail: `${this.name} refuses order ${key}.`,
          },
          {},
          'application/problem+json',
        );
      case 'timeout-before':
        return this.hang(response);
      case 'timeout-after':
        this.findOrCreate(record, order);
        return this.hang(response);
      case 'slow':
        this.later(this.picker.slowMs, () => this.answer(record, order, response));
        return;
      default:
        return this.answer(record, order, response);
    }
  }

  private answer(record: KeyRecord, order: OutboundOrder, response: ServerResponse): void {
    const existed = record.order !== undefined;
    const stored = this.findOrCreate(record, order);
    if (existed) this.counts.replays++;
    record.answeredOk = true;
    send(response, existed ? 200 : 201, { reference: stored.reference });
  }

  private findOrCreate(record: KeyRecord, order: OutboundOrder): StoredOrder {
    if (!record.order) {
      this.counts.created++;
      record.order = {
        reference: this.references.next(),
        order,
        createdAt: Date.now(),
        cancelled: false,
        cancelReason: null,
      };
      this.created.push(record);
      this.fulfilment?.take(record.key, record.order.reference);
    }
    return record.order;
  }

  private cancel(data: OrderCancellation, response: ServerResponse): void {
    const stored = this.keys.get(data.retailerOrderId)?.order;
    if (!stored) return send(response, 404, { error: `No order ${data.retailerOrderId}.` });
    if (data.reference !== null && data.reference !== stored.reference) {
      return send(response, 409, {
        error: `Order ${data.retailerOrderId} has reference ${stored.reference}, not ${data.reference}.`,
      });
    }
    if (!stored.cancelled) {
      stored.cancelled = true;
      stored.cancelReason = data.reason;
      this.counts.cancellations++;
      this.fulfilment?.drop(data.retailerOrderId);
    }
    send(response, 200, { reference: stored.reference });
  }

  private hang(response: ServerResponse): void {
    const timer = this.later(this.picker.hangMs, () =>
      send(response, 504, { error: 'Injected fault: gateway timeout.' }),
    );
    // A caller that gave up needs no answer.
    response.once('close', () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    });
  }

  private later(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private async putFaults(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    try {
      this.setFaults(JSON.parse(body?.toString('utf8') ?? '') as FaultPlan);
    } catch (error) {
      return send(response, 400, { error: error instanceof Error ? error.message : String(error) });
    }
    response.writeHead(204).end();
  }
}

/**
 * Null when the body is over MAX_BODY_BYTES. It is read to the end either way, so the answer still reaches the caller.
 */
async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks);
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json',
): void {
  if (response.destroyed) return;
  response.writeHead(status, { ...headers, 'content-type': contentType }).end(JSON.stringify(body));
}

function notAllowed(response: ServerResponse, allow: string): void {
  send(response, 405, { error: `Allowed: ${allow}.` }, { allow });
}
