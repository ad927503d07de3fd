import { FeedHost } from '../src/feed-host.js';

describe('sandbox feed host', () => {
  const host = new FeedHost();
  let base: string;
  beforeAll(async () => {
    host.publish('shop.xml', '<rss version="2.0"></rss>');
    base = await host.listen(0);
  });
  afterAll(() => host.close());

  it('serves a feed with ETag and Last-Modified, and answers 304 to a matching conditional request', async () => {
    const first = await fetch(`${base}/feeds/shop.xml`);
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('<rss version="2.0"></rss>');
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^".+"$/);
    const byTag = await fetch(`${base}/feeds/shop.xml`, { headers: { 'if-none-match': etag } });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe('');
    const byDate = await fetch(`${base}/feeds/shop.xml`, {
      headers: { 'if-modified-since': first.headers.get('last-modified') as string },
    });
    expect(byDate.status).toBe(304);
    expect((await fetch(`${base}/feeds/shop.xml`, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
  });

  it('injects faults on request and answers 404 for an unknown feed', async () => {
    const unavailable = await fetch(`${base}/feeds/shop.xml?status=503`);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('1');
    expect((await fetch(`${base}/feeds/shop.xml?status=401`)).status).toBe(401);
    expect((await fetch(`${base}/feeds/nothing.xml`)).status).toBe(404);
  });
});
