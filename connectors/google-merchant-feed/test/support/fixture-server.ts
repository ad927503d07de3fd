import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FIXTURES = new URL('../fixtures/', import.meta.url);

export function fixture(name: string): Buffer {
  return readFileSync(new URL(name, FIXTURES));
}

export interface ServedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  status: number;
  /** Body bytes written to the socket. */
  bytesSent: number;
  /** True when the whole body was sent; false when the client went away first. */
  completed: boolean;
  /** Settles when the exchange is over: the whole body sent, or the client gone. */
  readonly closed: Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that serves feed bodies by path like a feed host: ETag and
 * Last-Modified, 304 for a matching If-None-Match or If-Modified-Since, optional basic auth, and a
 * body written in 16 KB pieces with backpressure (so a client that stops reading stops the body).
 */
export class FixtureServer {
  readonly requests: ServedRequest[] = [];
  readonly lastModified = new Date('2026-11-01T08:00:00Z');
  basicAuth: { username: string; password: string } | null = null;
  private readonly bodies = new Map<string, Buffer>();
  private readonly failures = new Map<string, number>();
  private server: Server | null = null;
  private base = '';

  serve(path: string, body: Buffer | string): this {
    this.bodies.set(path, Buffer.from(body));
    return this;
  }

  /** Answers requests for `path` with this status and no body. */
  fail(path: string, status: number): this {
    this.failures.set(path, status);
    return this;
  }

  url(path: string): string {
    return this.base + path;
  }

  async start(): Promise<this> {
    const server = createServer((request, response) => {
      const closed = new Promise<void>((resolve) => response.once('close', () => resolve()));
      const served: ServedRequest = {
        path: request.url ?? '',
        headers: request.headers,
        status: 0,
        bytesSent: 0,
        completed: false,
        closed,
      };
      this.requests.push(served);
      const answer = (status: number, headers: Record<string, string> = {}) => {
        served.status = status;
        response.writeHead(status, headers).end();
        served.completed = true;
      };
      if (this.basicAuth && request.headers.authorization !== basicHeader(this.basicAuth)) {
        answer(401, { 'www-authenticate': 'Basic realm="feeds"' });
        return;
      }
      const failure = this.failures.get(served.path);
      if (failure !== undefined) {
        answer(failure);
        return;
      }
      const body = this.bodies.get(served.path);
      if (!body) {
        answer(404);
        return;
      }
      const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
      const lastModified = this.lastModified.toUTCString();
      const ifNoneMatch = request.headers['if-none-match'];
      const ifModifiedSince = request.headers['if-modified-since'];
      const notModified =
        ifNoneMatch !== undefined
          ? ifNoneMatch === etag
          : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= this.lastModified.getTime();
      if (notModified) {
        answer(304, { etag, 'last-modified': lastModified });
        return;
      }
      served.status = 200;
      response.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(body.length),
        etag,
        'last-modified': lastModified,
      });
      let offset = 0;
      const writeMore = () => {
        while (offset < body.length) {
          const piece = body.subarray(offset, offset + 16 * 1024);
          offset += piece.length;
          served.bytesSent += piece.length;
          if (!response.write(piece)) {
            response.once('drain', writeMore);
            return;
          }
        }
        response.end(() => {
          served.completed = true;
        });
      };
      response.on('close', () => response.removeAllListeners('drain'));
      writeMore();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function basicHeader({ username, password }: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
