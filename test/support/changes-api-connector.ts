import { createServer, type Server } from 'node:http';
import { z } from 'zod';
import { ConnectorError, normalizeGoogleItem, type Connector, type GoogleItemFields } from '#connector-sdk';

/**
 * A retailer system with a "changes since" API, as Shopify's updated_at_min and WooCommerce's
 * modified_after are: GET /items?since=<version>&limit=N answers the items changed after that
 * version, oldest change first. Used to test incremental syncs and checkpoints.
 */
export class ChangesApiServer {
  private version = 0;
  private readonly items = new Map<string, { fields: GoogleItemFields; version: number }>();
  /** Answer 500 to the request for this page number (1-based) of the next read, once. */
  failPage: number | null = null;
  requests: string[] = [];
  private server: Server | undefined;
  private pageInRead = 0;

  put(id: string, title: string, price = '10.00 EUR'): void {
    this.version += 1;
    this.items.set(id, {
      version: this.version,
      fields: { id, title, price, link: `https://api.shop.example/${id}`, availability: 'in_stock' },
    });
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      this.requests.push(url.search);
      const since = Number(url.searchParams.get('since') ?? 0);
      if (since === 0 || url.searchParams.get('first') === '1') this.pageInRead = 0;
      this.pageInRead += 1;
      if (this.failPage === this.pageInRead) {
        this.failPage = null;
        response.writeHead(404).end();
        return;
      }
      const limit = Number(url.searchParams.get('limit') ?? 2);
      const changed = [...this.items.values()]
        .filter((item) => item.version > since)
        .sort((a, b) => a.version - b.version)
        .slice(0, limit);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: changed }));
    });
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}

type Settings = { baseUrl: string };
type Checkpoint = { version: number };

export const changesApiConnector: Connector<Settings, Record<string, never>, Checkpoint> = {
  spec: {
    id: 'test-changes-api',
    name: 'Changes API (test)',
    description: 'A test connector for a retailer system that lists changes since a version.',
    settings: z.object({ baseUrl: z.string().url() }),
    secrets: z.object({}).strict(),
    capabilities: ['catalog'],
    incremental: true,
    acceptsUpload: false,
  },
  async check() {
    return { ok: true };
  },
  async *read(context, request) {
    let version = request.mode === 'incremental' ? (request.checkpoint?.version ?? 0) : 0;
    let first = true;
    for (;;) {
      const response = await context.http.request<{ items: { fields: GoogleItemFields; version: number }[] }>({
        url: `${context.settings.baseUrl}/items?since=${version}&limit=2${first ? '&first=1' : ''}`,
        signal: context.signal,
        validateStatus: () => true,
      });
      first = false;
      if (response.status !== 200)
        throw new ConnectorError(`the changes API answered ${response.status}`, 'unreachable');
      const items = response.data.items;
      if (items.length === 0) return;
      version = items.at(-1)!.version;
      yield {
        items: items.map((item) => ({ ref: { id: String(item.fields.id) }, data: item.fields })),
        checkpoint: { version },
      };
    }
  },
  map(item) {
    return normalizeGoogleItem(item.data as GoogleItemFields, {});
  },
};
