import { googleMerchantFeedConnector as connector } from '../src/index.js';

const { settings, secrets } = connector.spec;

function messages(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}): string[] {
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('google-merchant-feed settings', () => {
  it('has the spec the connector configs rely on', () => {
    expect(connector.spec).toMatchObject({
      id: 'google-merchant-feed',
      capabilities: ['catalog'],
      incremental: false,
      acceptsUpload: true,
    });
  });

  it('accepts a URL source and defaults the format to auto', () => {
    expect(
      settings.parse({ source: 'url', url: 'https://shop.example/feed.xml', language: 'EN', requestsPerSecond: 2 }),
    ).toEqual({
      source: 'url',
      url: 'https://shop.example/feed.xml',
      format: 'auto',
      language: 'en',
      requestsPerSecond: 2,
    });
    expect(settings.parse({ source: 'upload', format: 'tsv' })).toEqual({ source: 'upload', format: 'tsv' });
  });

  it('explains what is wrong, field by field', () => {
    expect(messages(settings.safeParse({ source: 'url' }))).toEqual(['url: url is required when source is "url"']);
    expect(messages(settings.safeParse({ source: 'url', url: 'ftp://shop.example/feed.xml' }))).toEqual([
      'url: url must be an http:// or https:// address',
    ]);
    expect(messages(settings.safeParse({ source: 'url', url: 'not a url' }))).toEqual([
      'url: url must be an http:// or https:// address',
    ]);
    expect(messages(settings.safeParse({ source: 'ftp' }))).toEqual([
      'source: source must be "url" (the connector fetches the feed) or "upload" (the retailer uploads a file)',
    ]);
    expect(messages(settings.safeParse({ source: 'upload', format: 'xml' }))).toEqual([
      'format: format must be one of "auto", "rss", "atom", "tsv"',
    ]);
    expect(messages(settings.safeParse({ source: 'upload', language: 'english' }))).toEqual([
      'language: language must be a two-letter ISO 639-1 code such as "en" or "fr"',
    ]);
    expect(messages(settings.safeParse({ source: 'upload', requestsPerSecond: 0 }))).toEqual([
      'requestsPerSecond: requestsPerSecond must be greater than 0',
    ]);
  });

  it('refuses a user name or password inside the URL, pointing at the secrets, without repeating them', () => {
    const refused = messages(settings.safeParse({ source: 'url', url: 'https://feeds:hunter2@shop.example/feed.xml' }));

    expect(refused).toEqual([
      'url: url must not contain a user name or password (user:password@): give them as the secrets username and password',
    ]);
    expect(messages(settings.safeParse({ source: 'url', url: 'https://feeds@shop.example/feed.xml' }))).toEqual(
      refused,
    );
  });

  it('refuses a setting it does not know instead of dropping it', () => {
    const result = settings.safeParse({ source: 'upload', colour: 'red' });

    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['colour'] })]);
  });

  it('takes basic auth or a bearer token as secrets, defaulting to none', () => {
    expect(secrets.parse(undefined)).toEqual({});
    expect(secrets.parse({ username: 'feeds', password: 'pw' })).toEqual({ username: 'feeds', password: 'pw' });
    expect(secrets.parse({ bearerToken: 'tok' })).toEqual({ bearerToken: 'tok' });
    expect(messages(secrets.safeParse({ password: 'pw' }))).toEqual(['username: username is required with a password']);
    expect(messages(secrets.safeParse({ username: 'feeds', bearerToken: 'tok' }))).toEqual([
      'bearerToken: use either username and password or bearerToken, not both',
    ]);
  });
});
