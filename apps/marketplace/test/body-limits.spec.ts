import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

const LIMIT_BYTES = 1024 * 1024;

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  readonly socket: Socket;
}

/** One request through `agent`; it fails if no answer arrives within 10 s. */
function send(
  agent: Agent,
  url: string,
  options: { method: string; headers?: Record<string, string>; body?: Buffer | Buffer[] },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: options.method, headers: options.headers, agent, signal: AbortSignal.timeout(10_000) },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            socket: outgoing.socket as Socket,
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    for (const chunk of [options.body ?? []].flat()) outgoing.write(chunk);
    outgoing.end();
  });
}

/**
 * A body refused before it was read in full must not stall the kept-alive connection it came on:
 * shop webhooks, whose raw body is kept for the signature, and catalog uploads, which are streamed.
 */
describe('a body over the limit', () => {
  let t: TestApp;
  let agent: Agent;
  let uploadPath: string;

  beforeAll(async () => {
    t = await startTestApp({ SOUK_MAX_UPLOAD_MB: '1' });
    const retailerId = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name: 'Shop', slug: 'shop', defaultCurrency: 'EUR', contactEmail: 's@shop.example' },
      })
    ).body.id;
    const config = (
      await t.request('POST', '/v1/admin/connector-configs', {
        body: { retailerId, connectorId: 'csv-catalog', name: 'CSV', settings: {} },
      })
    ).body.id;
    uploadPath = `/v1/admin/connector-configs/${config}/uploads`;
  });
  beforeEach(() => {
    // One socket, kept alive: the next request goes on the same connection unless the server closed it.
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
  });
  afterEach(() => agent.destroy());
  afterAll(() => t.close());

  it.each([
    [
      'just over, with a Content-Length',
      { 'content-type': 'application/json' },
      [Buffer.alloc(LIMIT_BYTES + 10, 0x20)],
    ],
    [
      'three times over, with a Content-Length',
      { 'content-type': 'application/json' },
      [Buffer.alloc(3 * LIMIT_BYTES, 0x20)],
    ],
    [
      'three times over, in chunks',
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      Array.from({ length: 12 }, () => Buffer.alloc(LIMIT_BYTES / 4, 0x20)),
    ],
  ])(
    'to a connector webhook answers 413 %s, and the next request on the connection gets its answer',
    async (_how, headers, body) => {
      const tooLarge = await send(agent, `${t.baseUrl}/v1/connector-webhooks/${randomUUID()}`, {
        method: 'POST',
        headers,
        body,
      });
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.headers['content-type']).toContain('application/problem+json');
      expect(JSON.parse(tooLarge.body)).toMatchObject({
        type: 'https://souk.dev/problems/content-too-large',
        status: 413,
      });
      const next = await send(agent, `${t.baseUrl}/health`, { method: 'GET' });
      expect(next.status).toBe(200);
      // Either the server told the client to reconnect, or the same connection went on working.
      expect(tooLarge.headers.connection === 'close' || next.socket === tooLarge.socket).toBe(true);
    },
  );

  it('uploaded answers 413, and the next request on the connection gets its answer', async () => {
    const headers = { authorization: `Bearer ${t.operatorKey}`, 'content-type': 'text/csv' };
    const tooLarge = await send(agent, t.baseUrl + uploadPath, {
      method: 'POST',
      headers,
      body: Buffer.alloc(3 * LIMIT_BYTES, 0x61),
    });
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body).detail).toBe(`The file is larger than ${LIMIT_BYTES} bytes.`);
    const next = await send(agent, `${t.baseUrl}/health`, { method: 'GET' });
    expect(next.status).toBe(200);
    expect(tooLarge.headers.connection === 'close' || next.socket === tooLarge.socket).toBe(true);
  });

  it('to a connector webhook is still taken just under the limit', async () => {
    const body = Buffer.from(JSON.stringify({ padding: 'x'.repeat(LIMIT_BYTES - 100) }));
    const answer = await send(agent, `${t.baseUrl}/v1/connector-webhooks/${randomUUID()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body).detail).toMatch(/was not found/);
  });
});
