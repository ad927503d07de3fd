import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface FeedItem {
  id: string;
  title: string;
  price: string;
  description?: string;
  gtin?: string;
  availability?: string;
  brand?: string;
  productType?: string;
  condition?: string;
  salePrice?: string;
  /** sale_price_effective_date: two ISO 8601 times joined by "/". */
  saleWindow?: string;
  itemGroupId?: string;
  additionalImages?: string[];
  /** Variant attributes by Google attribute name: color, size, material, ... */
  attributes?: Record<string, string>;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Google Merchant RSS 2.0 feed of the given items. */
export function rssFeed(items: readonly FeedItem[]): string {
  const entries = items.map(
    (item) => `    <item>
      <g:id>${escapeXml(item.id)}</g:id>
      <title>${escapeXml(item.title)}</title>
      <description>${escapeXml(item.description ?? `About ${item.title}`)}</description>
      <link>https://shop.example/p/${encodeURIComponent(item.id)}</link>
      <g:image_link>https://shop.example/i/${encodeURIComponent(item.id)}.jpg</g:image_link>
      <g:price>${escapeXml(item.price)}</g:price>
      <g:availability>${item.availability ?? 'in_stock'}</g:availability>
      ${item.gtin ? `<g:gtin>${item.gtin}</g:gtin>` : ''}
      ${item.brand ? `<g:brand>${escapeXml(item.brand)}</g:brand>` : ''}
      ${item.productType ? `<g:product_type>${escapeXml(item.productType)}</g:product_type>` : ''}
      ${item.condition ? `<g:condition>${item.condition}</g:condition>` : ''}
      ${item.salePrice ? `<g:sale_price>${escapeXml(item.salePrice)}</g:sale_price>` : ''}
      ${item.saleWindow ? `<g:sale_price_effective_date>${escapeXml(item.saleWindow)}</g:sale_price_effective_date>` : ''}
      ${item.itemGroupId ? `<g:item_group_id>${escapeXml(item.itemGroupId)}</g:item_group_id>` : ''}
      ${Object.entries(item.attributes ?? {})
        .map(([name, value]) => `<g:${name}>${escapeXml(value)}</g:${name}>`)
        .join('')}
      ${(item.additionalImages ?? []).map((link) => `<g:additional_image_link>${escapeXml(link)}</g:additional_image_link>`).join('')}
    </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">
  <channel>
    <title>Test shop</title>
${entries.join('\n')}
  </channel>
</rss>
`;
}

export function feedItems(count: number, from = 0, version = 1): FeedItem[] {
  return Array.from({ length: count }, (_, index) => {
    const n = from + index;
    return {
      id: `SKU-${n}`,
      title: `Product ${n} v${version}`,
      price: `${10 + (n % 50)}.${String(n % 100).padStart(2, '0')} EUR`,
      brand: `Brand ${n % 7}`,
    };
  });
}

/**
 * Serves one feed body at /feed.xml like a real feed host: ETag and Last-Modified, 304 for a
 * conditional request that matches, optional basic auth, and an optional slow mode that sends the
 * body in small pieces with pauses (to catch a worker mid-sync).
 */
export class FeedServer {
  body = '';
  etags = true;
  slowMsPerChunk = 0;
  requests: { status: number; conditional: boolean; bodyBytes: number }[] = [];
  private server: Server | undefined;
  private lastModified = new Date('2026-11-01T00:00:00Z');

  setBody(body: string): void {
    this.body = body;
    this.lastModified = new Date(this.lastModified.getTime() + 60_000);
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const etag = `"${createHash('sha1').update(this.body).digest('hex')}"`;
      const conditional =
        request.headers['if-none-match'] !== undefined || request.headers['if-modified-since'] !== undefined;
      if (this.etags && request.headers['if-none-match'] === etag) {
        this.requests.push({ status: 304, conditional, bodyBytes: 0 });
        response.writeHead(304, { etag }).end();
        return;
      }
      const headers: Record<string, string> = { 'content-type': 'application/rss+xml; charset=utf-8' };
      if (this.etags) {
        headers.etag = etag;
        headers['last-modified'] = this.lastModified.toUTCString();
      }
      const bytes = Buffer.from(this.body);
      this.requests.push({ status: 200, conditional, bodyBytes: bytes.length });
      response.writeHead(200, headers);
      if (!this.slowMsPerChunk) {
        response.end(bytes);
        return;
      }
      let offset = 0;
      const pump = () => {
        if (response.destroyed) return;
        if (offset >= bytes.length) return void response.end();
        response.write(bytes.subarray(offset, offset + 4096));
        offset += 4096;
        setTimeout(pump, this.slowMsPerChunk);
      };
      pump();
    });
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}/feed.xml`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}
