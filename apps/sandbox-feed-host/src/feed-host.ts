import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface HostedFeed {
  readonly body: string;
  readonly contentType: string;
  readonly lastModified: Date;
}

/**
 * A sandbox feed host: serves catalog feeds the way retailers' web servers do, for the demo and
 * for trying connectors by hand. `GET /feeds/<name>` answers with ETag and Last-Modified and
 * honours If-None-Match / If-Modified-Since with 304. For trying failures:
 * `?status=503` answers that status (with `Retry-After: 1` for 429 and 503) and `?delayMs=N`
 * waits before answering.
 */
export class FeedHost {
  private readonly feeds = new Map<string, HostedFeed>();
  private server: Server | undefined;

  publish(name: string, body: string, contentType = 'application/rss+xml; charset=utf-8'): void {
    this.feeds.set(name, { body, contentType, lastModified: new Date(Math.floor(Date.now() / 1000) * 1000) });
  }

  async listen(port: number, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const name = url.pathname.replace(/^\/feeds\//, '');
      const feed = url.pathname.startsWith('/feeds/') ? this.feeds.get(name) : undefined;
      const answer = () => {
        const status = Number(url.searchParams.get('status') ?? 0);
        if (status >= 400) {
          response.writeHead(status, status === 429 || status === 503 ? { 'retry-after': '1' } : {}).end();
          return;
        }
        if (!feed) {
          response.writeHead(404, { 'content-type': 'text/plain' }).end(`no feed named ${name}`);
          return;
        }
        const etag = `"${createHash('sha256').update(feed.body).digest('base64url').slice(0, 27)}"`;
        const headers = { etag, 'last-modified': feed.lastModified.toUTCString(), 'cache-control': 'no-cache' };
        const since = request.headers['if-modified-since'];
        const notModified =
          request.headers['if-none-match'] !== undefined
            ? request.headers['if-none-match'] === etag
            : since !== undefined && Date.parse(since) >= feed.lastModified.getTime();
        if (notModified) {
          response.writeHead(304, headers).end();
          return;
        }
        response
          .writeHead(200, { ...headers, 'content-type': feed.contentType })
          .end(request.method === 'HEAD' ? undefined : feed.body);
      };
      const delay = Number(url.searchParams.get('delayMs') ?? 0);
      if (delay > 0) setTimeout(answer, Math.min(delay, 60_000));
      else answer();
    });
    await new Promise<void>((done, fail) => {
      this.server?.once('error', fail);
      this.server?.listen(port, host, done);
    });
    const address = this.server.address() as { port: number };
    return `http://${host}:${address.port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}
