import { Readable } from 'node:stream';
import { OutboundPolicy } from '#connector-sdk';
import { googleMerchantFeedConnector as connector } from '../src/index.js';
import { feedContext } from './support/connector-context.js';
import { FixtureServer, fixture } from './support/fixture-server.js';

describe('google-merchant-feed check', () => {
  let server: FixtureServer;

  beforeEach(async () => {
    server = await new FixtureServer()
      .serve('/products.rss', fixture('products.rss.xml'))
      .serve('/products.atom', fixture('products.atom.xml'))
      .serve('/products.tsv', fixture('products.tsv'))
      .serve('/broken.rss', fixture('broken-middle.rss.xml'))
      .serve('/login.html', fixture('not-a-feed.xml'))
      .serve('/no-id.tsv', fixture('no-id.tsv'))
      .serve('/internal.tsv', 'id\tINTERNAL-SECRET-7f3a9c\tprice\n1\tx\t1 EUR\n')
      .fail('/forbidden.rss', 403)
      .start();
  });

  afterEach(() => server.stop());

  const check = (settings: Record<string, unknown>, secrets: Record<string, unknown> = {}) =>
    connector.check(feedContext(settings, secrets));

  it('confirms an RSS, an Atom and a TSV feed', async () => {
    expect(await check({ source: 'url', url: server.url('/products.rss') })).toEqual({
      ok: true,
      message: 'Found an RSS 2.0 feed, with 3 items.',
    });
    expect(await check({ source: 'url', url: server.url('/products.atom') })).toEqual({
      ok: true,
      message: 'Found an Atom 1.0 feed, with 3 items.',
    });
    expect(await check({ source: 'url', url: server.url('/products.tsv') })).toEqual({
      ok: true,
      message:
        'Found a TSV feed with 19 columns; all the required columns are there (required: id, title, description, link, image_link, availability, price).',
    });
  });

  it("says what a TSV feed lacks without repeating the feed's own text", async () => {
    const result = await check({ source: 'url', url: server.url('/internal.tsv') });

    expect(result).toEqual({
      ok: true,
      message:
        'Found a TSV feed with 3 columns; the required columns title, description, link, image_link, availability are missing (required: id, title, description, link, image_link, availability, price).',
    });
    expect(JSON.stringify(result)).not.toContain('INTERNAL-SECRET');
  });

  it('reads only the first few KB of a large feed, then stops the download', async () => {
    const items = Array.from(
      { length: 200_000 },
      (_, n) => `<item><g:id>N-${n}</g:id><g:title>Item ${n}</g:title><g:price>1.00 EUR</g:price></item>\n`,
    ).join('');
    const body = `<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel>\n${items}</channel></rss>`;
    server.serve('/large.rss', body);
    expect(await check({ source: 'url', url: server.url('/large.rss') })).toEqual({
      ok: true,
      message: 'Found an RSS 2.0 feed.',
    });
    await server.requests[0].closed;
    expect(server.requests[0].completed).toBe(false);
    // What was sent sits in socket buffers; the body itself is far from fully sent.
    expect(server.requests[0].bytesSent).toBeLessThan(body.length / 2);
  });

  it('sends no conditional headers', async () => {
    await check({ source: 'url', url: server.url('/products.rss') });
    expect(server.requests[0].headers).not.toHaveProperty('if-none-match');
    expect(server.requests[0].headers).not.toHaveProperty('if-modified-since');
  });

  it('explains each kind of failure', async () => {
    server.basicAuth = { username: 'feeds', password: 'right' };
    expect(
      await check({ source: 'url', url: server.url('/products.rss') }, { username: 'feeds', password: 'wrong' }),
    ).toMatchObject({ ok: false, reason: 'credentials' });
    server.basicAuth = null;
    expect(await check({ source: 'url', url: server.url('/forbidden.rss') })).toMatchObject({
      ok: false,
      reason: 'permission',
      message: expect.stringContaining('HTTP 403'),
    });
    expect(await check({ source: 'url', url: server.url('/missing.rss') })).toMatchObject({
      ok: false,
      reason: 'not-found',
    });
    expect(await check({ source: 'url', url: server.url('/login.html') })).toMatchObject({
      ok: false,
      reason: 'format',
      message: expect.stringContaining('root element is <html>'),
    });
    expect(await check({ source: 'url', url: server.url('/broken.rss') })).toMatchObject({
      ok: false,
      reason: 'format',
      message: expect.stringContaining('at line 19'),
    });
    expect(await check({ source: 'url', url: server.url('/no-id.tsv') })).toMatchObject({
      ok: false,
      reason: 'format',
      message: expect.stringContaining('no id column'),
    });
    expect(await check({ source: 'url', url: server.url('/products.atom'), format: 'rss' })).toMatchObject({
      ok: false,
      reason: 'format',
      message: expect.stringContaining('The feed is Atom'),
    });
  });

  it('says "not-allowed", and fetches nothing, when the outbound policy refuses the address', async () => {
    const result = await connector.check(
      feedContext({ source: 'url', url: server.url('/products.rss') }, {}, { outbound: new OutboundPolicy() }),
    );

    expect(result).toEqual({
      ok: false,
      reason: 'not-allowed',
      message: `The feed was not fetched from ${new URL(server.url('/')).host}: refused by the outbound policy: 127.0.0.1 is a loopback address (allow it with SOUK_OUTBOUND_ALLOW).`,
    });
    expect(server.requests).toEqual([]);
  });

  it('says "unreachable" when nothing listens', async () => {
    const url = server.url('/products.rss');
    await server.stop();
    const result = await connector.check(feedContext({ source: 'url', url }, {}, { maxRetries: 0 }));
    expect(result).toMatchObject({
      ok: false,
      reason: 'unreachable',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('checks an uploaded file, and accepts upload settings without one', async () => {
    const context = feedContext({ source: 'upload' });
    expect(await connector.check(context, { upload: () => Readable.from([fixture('products.atom.xml')]) })).toEqual({
      ok: true,
      message: 'Found an Atom 1.0 feed, with 3 items.',
    });
    expect(await connector.check(context, { upload: () => Readable.from([Buffer.alloc(0)]) })).toMatchObject({
      ok: false,
      reason: 'format',
      message: expect.stringContaining('empty'),
    });
    expect(await connector.check(context)).toMatchObject({ ok: true });
  });
});
