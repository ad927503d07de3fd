import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { WhatsAppSandbox, type WhatsAppSandboxOptions } from '../src/whatsapp-sandbox.js';

export const ACCESS_TOKEN = 'EAAGsandboxTestToken';
export const APP_SECRET = 'sandbox-app-secret';
export const PHONE_NUMBER_ID = '106540352242922';
export const DISPLAY_NUMBER = '15550783881';
export const BUSINESS_ACCOUNT_ID = '102290129340398';
export const CATALOG_ID = '194836987003835';
export const VERSION = 'v21.0';
export const USER = '31612345678';

/** A sandbox with test credentials and fast redelivery; listening. */
export async function startSandbox(options: Partial<WhatsAppSandboxOptions> = {}): Promise<WhatsAppSandbox> {
  const sandbox = new WhatsAppSandbox({
    accessToken: ACCESS_TOKEN,
    appSecret: APP_SECRET,
    phoneNumberId: PHONE_NUMBER_ID,
    displayPhoneNumber: DISPLAY_NUMBER,
    businessAccountId: BUSINESS_ACCOUNT_ID,
    catalogId: CATALOG_ID,
    version: VERSION,
    retry: { firstDelayMs: 5, maxDelayMs: 20, maxAttempts: 5, timeoutMs: 5000 },
    ...options,
  });
  await sandbox.listen();
  return sandbox;
}

/** Calls the send API as the channel does. */
export async function send(
  sandbox: WhatsAppSandbox,
  body: unknown,
  token = ACCESS_TOKEN,
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${sandbox.graphApiUrl}/${PHONE_NUMBER_ID}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

export function text(body: string, to = USER): Record<string, unknown> {
  return { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text: { body } };
}

export function interactive(payload: Record<string, unknown>, to = USER): Record<string, unknown> {
  return { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'interactive', interactive: payload };
}

export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The exact bytes received. */
  readonly raw: Buffer;
}

export type ReceiverAnswer = { status: number; body?: string; delayMs?: number };

/**
 * The channel's end, played by a test: records every request with its exact bytes and answers
 * with what `answer` says (default 200); `waitFor` resolves on arrival, without polling.
 */
export class ChannelReceiver {
  readonly requests: ReceivedRequest[] = [];
  answer: (request: ReceivedRequest, index: number) => ReceiverAnswer | Promise<ReceiverAnswer> = () => ({
    status: 200,
  });
  private server: Server | undefined;
  private readonly waiters: (() => void)[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.receive(request, response));
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhook`;
  }

  /** The POSTs received, parsed. */
  posts(): { headers: IncomingHttpHeaders; raw: Buffer; json: any }[] {
    return this.requests
      .filter((request) => request.method === 'POST')
      .map((request) => ({
        headers: request.headers,
        raw: request.raw,
        json: JSON.parse(request.raw.toString('utf8')),
      }));
  }

  /** Resolves once `count` requests matching `which` have arrived. */
  waitFor(
    count: number,
    which: (request: ReceivedRequest) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<ReceivedRequest[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const matching = this.requests.filter(which);
        if (matching.length < count) return false;
        clearTimeout(timer);
        resolve(matching);
        return true;
      };
      const timer = setTimeout(
        () => reject(new Error(`expected ${count} requests, received ${this.requests.filter(which).length}`)),
        timeoutMs,
      );
      const wake = () => {
        if (!check()) this.waiters.push(wake);
      };
      wake();
    });
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server?.closeAllConnections();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }

  private async receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
    const received: ReceivedRequest = {
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      headers: request.headers,
      raw: Buffer.concat(chunks),
    };
    const index = this.requests.push(received) - 1;
    const answer = await this.answer(received, index);
    const reply = () => {
      if (!response.destroyed)
        response.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? '');
      for (const wake of this.waiters.splice(0)) wake();
    };
    if (!answer.delayMs) return reply();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      reply();
    }, answer.delayMs);
    this.timers.add(timer);
  }
}
