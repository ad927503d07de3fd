import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  HttpRequestError,
  OutboundAllowance,
  OutboundPolicy,
  OutboundRefusedError,
  ResponseTooLargeError,
  createConnectorHttp,
} from '#connector-sdk';

interface Served {
  readonly port: number;
  readonly url: string;
  readonly paths: string[];
}

const servers: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handle: (request: IncomingMessage, response: ServerResponse) => void): Promise<Served> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  const { port } = server.address() as AddressInfo;
  return { port, url: `http://127.0.0.1:${port}`, paths };
}

function allowing(...entries: string[]): OutboundPolicy {
  return new OutboundPolicy({ allow: OutboundAllowance.parse(entries.join(',')) });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error,
  );
}

describe('createConnectorHttp and the outbound policy', () => {
  it('refuses loopback with its default, strict policy: nothing is sent and nothing retried', async () => {
    const internal = await serve((_request, response) => response.end('internal'));
    const http = createConnectorHttp({ baseDelayMs: 1 });

    const error = await failure(http.request({ url: `${internal.url}/feed.xml` }));

    expect(error).toBeInstanceOf(OutboundRefusedError);
    expect((error as Error).message).toBe(
      'refused by the outbound policy: 127.0.0.1 is a loopback address (allow it with SOUK_OUTBOUND_ALLOW)',
    );
    expect(internal.paths).toEqual([]);
  });

  it('sends to an address the policy allows', async () => {
    const shop = await serve((_request, response) => response.end('ok'));
    const http = createConnectorHttp({ outbound: allowing(`127.0.0.1:${shop.port}`) });

    expect((await http.request<string>({ url: `${shop.url}/products.json` })).data).toBe('ok');
  });

  it('refuses a redirect from an allowed server to loopback, without following it', async () => {
    const internal = await serve((_request, response) => response.end('internal'));
    const front = await serve((_request, response) =>
      response.writeHead(302, { location: `http://localhost:${internal.port}/admin` }).end(),
    );
    const http = createConnectorHttp({ outbound: allowing(`127.0.0.1:${front.port}`), baseDelayMs: 1 });

    const error = await failure(http.request({ url: `${front.url}/feed.xml` }));

    expect(error).toBeInstanceOf(OutboundRefusedError);
    expect(front.paths).toEqual(['/feed.xml']);
    expect(internal.paths).toEqual([]);
  });

  it('follows at most 5 redirects', async () => {
    const loop = await serve((request, response) =>
      response.writeHead(302, { location: `/hop${(request.url ?? '').length}` }).end(),
    );
    const http = createConnectorHttp({ outbound: allowing(`127.0.0.1:${loop.port}`), maxRetries: 0 });

    const error = await failure(http.request({ url: `${loop.url}/` }));

    expect(error).toBeInstanceOf(HttpRequestError);
    expect(loop.paths).toHaveLength(6);
  });

  it('stops a streamed answer that grows past maxStreamedBytes', async () => {
    const feed = await serve((_request, response) => response.end('x'.repeat(64 * 1024)));
    const http = createConnectorHttp({ outbound: allowing(`127.0.0.1:${feed.port}`), maxStreamedBytes: 16 * 1024 });

    const response = await http.request<Readable>({ url: `${feed.url}/feed.xml`, responseType: 'stream' });
    let read = 0;
    const error = await failure(
      (async () => {
        for await (const chunk of response.data) read += (chunk as Buffer).length;
      })(),
    );

    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toBe('the answer is larger than 16 KiB, the most Souk reads');
    expect(read).toBeLessThanOrEqual(16 * 1024);
  });

  it('refuses an answer read whole that is larger than maxResponseBytes, and does not ask again', async () => {
    const shop = await serve((_request, response) => response.end('x'.repeat(64 * 1024)));
    const http = createConnectorHttp({
      outbound: allowing(`127.0.0.1:${shop.port}`),
      maxResponseBytes: 16 * 1024,
      baseDelayMs: 1,
    });

    const error = await failure(http.request({ url: `${shop.url}/products.json` }));

    expect(error).toBeInstanceOf(HttpRequestError);
    expect((error as Error).message).toBe(
      `GET ${shop.url}/products.json answered with more than 16 KiB, the most Souk reads of an answer`,
    );
    expect(shop.paths).toHaveLength(1);
  });
});
