import { Readable } from 'node:stream';
import { ConnectorError, NotModified } from '#connector-sdk';
import { googleMerchantFeedConnector as connector } from '../src/index.js';
import type { FeedCheckpoint } from '../src/settings.js';
import { feedContext, readAll } from './support/connector-context.js';
import { FixtureServer, fixture } from './support/fixture-server.js';

function generatedFeed(count: number): string {
  const items = Array.from(
    { length: count },
    (_, n) =>
      `<item><g:id>GEN-${n}</g:id><g:title>Generated ${n}</g:title><g:link>https://shop.example/p/${n}</g:link><g:price>${(n % 90) + 10}.00 EUR</g:price></item>\n`,
  );
  return `<?xml version="1.0"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel>\n${items.join('')}</channel></rss>\n`;
}

describe('google-merchant-feed read', () => {
  let server: FixtureServer;

  beforeEach(async () => {
    server = await new FixtureServer()
      .serve('/products.rss', fixture('products.rss.xml'))
      .serve('/products.atom', fixture('products.atom.xml'))
      .serve('/products.tsv', fixture('products.tsv'))
      .serve('/broken.rss', fixture('broken-middle.rss.xml'))
      .serve('/empty.rss', fixture('empty.rss.xml'))
      .serve('/latin1.rss', fixture('latin1.rss.xml'))
      .serve('/zero-bytes', '')
      .start();
  });

  afterEach(() => server.stop());

  const read = (
    settings: Record<string, unknown>,
    checkpoint: FeedCheckpoint = null,
    secrets: Record<string, unknown> = {},
  ) => readAll(connector.read(feedContext(settings, secrets), { mode: 'full', checkpoint }));

  it.each([
    ['/products.rss', 'auto'],
    ['/products.atom', 'auto'],
    ['/products.tsv', 'auto'],
    ['/products.rss', 'rss'],
    ['/products.atom', 'atom'],
    ['/products.tsv', 'tsv'],
  ])('reads %s (format %s) in one page with refs and the response validators as checkpoint', async (path, format) => {
    const { pages, error } = await read({ source: 'url', url: server.url(path), format });
    expect(error).toBeUndefined();
    expect(pages).toHaveLength(1);
    expect(pages[0].items.map((item) => item.ref.id)).toEqual(['SKU-1', 'SKU-2', 'SKU-3']);
    expect(pages[0].items.every((item) => typeof item.ref.line === 'number')).toBe(true);
    expect(pages[0].checkpoint).toEqual({
      etag: expect.stringMatching(/^"[0-9a-f]{40}"$/),
      lastModified: 'Sun, 01 Nov 2026 08:00:00 GMT',
    });
  });

  it('sends the checkpoint back as a conditional GET and returns NotModified on 304, with no body sent', async () => {
    const first = await read({ source: 'url', url: server.url('/products.rss') });
    const checkpoint = first.pages.at(-1)!.checkpoint;
    const second = await read({ source: 'url', url: server.url('/products.rss') }, checkpoint);
    expect(second.error).toBeUndefined();
    expect(second.pages).toEqual([]);
    expect(second.result).toBeInstanceOf(NotModified);
    expect((second.result as NotModified).checkpoint).toEqual(checkpoint);
    const [plain, conditional] = server.requests;
    expect(plain.headers['if-none-match']).toBeUndefined();
    expect(conditional.headers['if-none-match']).toBe(checkpoint!.etag);
    expect(conditional.headers['if-modified-since']).toBe(checkpoint!.lastModified);
    expect(conditional).toMatchObject({ status: 304, bytesSent: 0 });
  });

  it('uses If-Modified-Since alone when the checkpoint has no ETag', async () => {
    const { result } = await read(
      { source: 'url', url: server.url('/products.rss') },
      { lastModified: server.lastModified.toUTCString() },
    );
    expect(result).toBeInstanceOf(NotModified);
    expect(server.requests[0].headers['if-modified-since']).toBe('Sun, 01 Nov 2026 08:00:00 GMT');
  });

  it('reads the feed again when it changed since the checkpoint', async () => {
    const { pages } = await read({ source: 'url', url: server.url('/products.rss') }, { etag: '"an-older-version"' });
    expect(pages[0].items).toHaveLength(3);
    expect(server.requests[0].status).toBe(200);
  });

  it('yields pages of 1000 items; only the last one carries the new checkpoint', async () => {
    server.serve('/big.rss', generatedFeed(2500));
    const previous = { etag: '"previous"' };
    const { pages, error } = await read({ source: 'url', url: server.url('/big.rss') }, previous);
    expect(error).toBeUndefined();
    expect(pages.map((page) => page.items.length)).toEqual([1000, 1000, 500]);
    expect(pages[0].checkpoint).toEqual(previous);
    expect(pages[1].checkpoint).toEqual(previous);
    expect(pages[2].checkpoint).toMatchObject({ etag: expect.stringMatching(/^"/) });
    expect(pages[2].items.at(-1)!.ref).toEqual({ id: 'GEN-2499', line: 2502 });
  });

  it('yields an exactly full last page with the new checkpoint', async () => {
    server.serve('/thousand.rss', generatedFeed(1000));
    const { pages } = await read({ source: 'url', url: server.url('/thousand.rss') });
    expect(pages.map((page) => page.items.length)).toEqual([1000]);
    expect(pages[0].checkpoint).not.toBeNull();
  });

  it('reads an empty feed as zero items, with the new checkpoint and no error', async () => {
    const { pages, error } = await read({ source: 'url', url: server.url('/empty.rss') });
    expect(error).toBeUndefined();
    expect(pages).toEqual([{ items: [], checkpoint: expect.objectContaining({ etag: expect.any(String) }) }]);
  });

  it('fails for a body with no content at all', async () => {
    const { error } = await read({ source: 'url', url: server.url('/zero-bytes') });
    expect(error).toMatchObject({ reason: 'format', message: 'The feed is empty: the file has no content.' });
  });

  it('yields the items before a break in the XML, then fails with the line, without the new checkpoint', async () => {
    const { pages, error } = await read({ source: 'url', url: server.url('/broken.rss') }, { etag: '"before"' });
    expect(pages.flatMap((page) => page.items.map((item) => item.ref))).toEqual([
      { id: 'OK-1', line: 4 },
      { id: 'OK-2', line: 10 },
    ]);
    expect(pages.every((page) => (page.checkpoint as { etag: string }).etag === '"before"')).toBe(true);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      reason: 'format',
      message: expect.stringMatching(/^The feed is not well-formed XML at line 19: /),
    });
  });

  it('decodes a feed in the encoding its XML declaration names', async () => {
    const { pages } = await read({ source: 'url', url: server.url('/latin1.rss') });
    expect(pages[0].items[0].data).toMatchObject({ title: 'Caf\u00e9 cr\u00e8me mug' });
  });

  it('sends basic auth credentials when configured', async () => {
    server.basicAuth = { username: 'feeds', password: 's3cret:with-colon' };
    const { pages, error } = await read({ source: 'url', url: server.url('/products.rss') }, null, {
      username: 'feeds',
      password: 's3cret:with-colon',
    });
    expect(error).toBeUndefined();
    expect(pages[0].items).toHaveLength(3);
    expect(server.requests[0].headers.authorization).toBe(
      `Basic ${Buffer.from('feeds:s3cret:with-colon').toString('base64')}`,
    );
  });

  it('sends a bearer token when configured', async () => {
    await read({ source: 'url', url: server.url('/products.rss') }, null, { bearerToken: 'tok-123' });
    expect(server.requests[0].headers.authorization).toBe('Bearer tok-123');
  });

  it('fails with reason "credentials" on 401', async () => {
    server.basicAuth = { username: 'feeds', password: 'right' };
    const { pages, error } = await read({ source: 'url', url: server.url('/products.rss') }, null, {
      username: 'feeds',
      password: 'wrong',
    });
    expect(pages).toEqual([]);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ reason: 'credentials', message: expect.stringContaining('HTTP 401') });
    expect((error as Error).message).not.toContain('wrong');
  });

  it('fails with reason "not-found" on 404', async () => {
    const { error } = await read({ source: 'url', url: server.url('/gone.rss') });
    expect(error).toMatchObject({ reason: 'not-found', message: expect.stringContaining('/gone.rss (HTTP 404)') });
  });

  it('fails with reason "unreachable" when nothing listens', async () => {
    const url = server.url('/products.rss');
    await server.stop();
    // No retries, so that the test does not wait out the backoff.
    const context = feedContext({ source: 'url', url }, {}, { maxRetries: 0 });
    const { error } = await readAll(connector.read(context, { mode: 'full', checkpoint: null }));
    expect(error).toMatchObject({ reason: 'unreachable', message: expect.stringContaining('ECONNREFUSED') });
  });

  it('fails with reason "unreachable" when the server keeps failing', async () => {
    server.fail('/down.rss', 503);
    const context = feedContext({ source: 'url', url: server.url('/down.rss') }, {}, { maxRetries: 0 });
    const { error } = await readAll(connector.read(context, { mode: 'full', checkpoint: null }));
    expect(error).toMatchObject({ reason: 'unreachable', message: expect.stringContaining('answered 503') });
  });

  it('fails for a feed in an encoding it cannot decode', async () => {
    server.serve('/ebcdic.rss', '<?xml version="1.0" encoding="x-ebcdic-fantasy"?><rss version="2.0"><channel/></rss>');
    const { error } = await read({ source: 'url', url: server.url('/ebcdic.rss') });
    expect(error).toMatchObject({ reason: 'format', message: expect.stringContaining('"x-ebcdic-fantasy"') });
  });

  it('reads an uploaded file, with a null checkpoint', async () => {
    const context = feedContext({ source: 'upload' });
    const { pages, error } = await readAll(
      connector.read(context, {
        mode: 'full',
        checkpoint: null,
        upload: () => Readable.from([fixture('products.tsv')]),
      }),
    );
    expect(error).toBeUndefined();
    expect(pages).toEqual([{ items: expect.any(Array), checkpoint: null }]);
    expect(pages[0].items.map((item) => item.ref)).toEqual([
      { id: 'SKU-1', line: 2 },
      { id: 'SKU-2', line: 3 },
      { id: 'SKU-3', line: 4 },
    ]);
    expect(server.requests).toEqual([]);
  });

  it('fails with reason "settings" for an upload source without a file', async () => {
    const { error } = await readAll(
      connector.read(feedContext({ source: 'upload' }), { mode: 'full', checkpoint: null }),
    );
    expect(error).toMatchObject({ reason: 'settings' });
  });

  it('stops the download when the reader stops early, without buffering the body', async () => {
    server.serve('/huge.rss', generatedFeed(60_000));
    const reading = connector.read(feedContext({ source: 'url', url: server.url('/huge.rss') }), {
      mode: 'full',
      checkpoint: null,
    });
    const first = await reading.next();
    expect(first.done).toBe(false);
    await reading.return(undefined);
    const [request] = server.requests;
    await request.closed;
    expect(request.completed).toBe(false);
    expect(request.bytesSent).toBeLessThan(generatedFeed(60_000).length / 2);
  });
});
