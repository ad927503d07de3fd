import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import axios from 'axios';
import { MAX_REDIRECTS, OutboundAllowance, OutboundPolicy, OutboundRefusedError, type OutboundLookup } from '#outbound';
import { startRecordingServer, type RecordingServer } from './support/recording-server.js';

/** Every way of writing an internal address into a URL that the issue listed, with the listener's port. */
function notations(port: number): [string, string][] {
  return [
    [`http://127.0.0.1:${port}/`, 'loopback'],
    [`http://localhost:${port}/`, 'loopback'],
    [`http://[::1]:${port}/`, 'loopback'],
    [`http://[::ffff:127.0.0.1]:${port}/`, 'loopback'],
    [`http://0x7f000001:${port}/`, 'loopback'],
    [`http://2130706433:${port}/`, 'loopback'],
    [`http://127.1:${port}/`, 'loopback'],
    [`http://0.0.0.0:${port}/`, 'unspecified'],
    [`http://169.254.169.254:${port}/latest/meta-data/`, 'link-local'],
    [`http://10.0.0.1:${port}/`, 'private'],
    [`http://192.168.1.1:${port}/`, 'private'],
    [`http://172.16.0.1:${port}/`, 'private'],
    [`http://[fd00::1]:${port}/`, 'unique-local'],
  ];
}

/** A resolver for names that do not exist on this machine (it has no network): each maps to fixed addresses. */
function fakeDns(names: Record<string, string[]>): OutboundLookup & { asked: string[] } {
  const asked: string[] = [];
  const lookup = (
    hostname: string,
    _options: unknown,
    callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
  ) => {
    asked.push(hostname);
    const addresses = names[hostname];
    if (!addresses)
      return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
  return Object.assign(lookup, { asked });
}

/** A GET through the policy's agents, as Node's http makes it: the answer's body, or the error. */
function get(policy: OutboundPolicy, url: string, options: http.RequestOptions = {}): Promise<string | Error> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: policy.agents.http, ...options }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => resolve(body));
    });
    request.on('error', resolve);
  });
}

let internal: RecordingServer;

beforeEach(async () => {
  internal = await startRecordingServer();
});
afterEach(() => internal.close());

describe('OutboundPolicy.checkUrl (without DNS, as when a URL is saved)', () => {
  const strict = new OutboundPolicy();

  it('refuses every notation of an internal address, naming the rule', () => {
    for (const [url, rule] of notations(internal.port)) {
      const refusal = strict.checkUrl(url);

      expect(refusal).toBeInstanceOf(OutboundRefusedError);
      expect({ url, rule: refusal?.rule }).toEqual({ url, rule });
      expect(refusal?.message).toMatch(/^refused by the outbound policy: .* \(allow it with SOUK_OUTBOUND_ALLOW\)$/);
    }
  });

  it('says which address a notation stands for', () => {
    expect(strict.checkUrl('http://0x7f000001:3000/')?.message).toBe(
      'refused by the outbound policy: 127.0.0.1 is a loopback address (allow it with SOUK_OUTBOUND_ALLOW)',
    );
    expect(strict.checkUrl('http://[::ffff:127.0.0.1]/')?.message).toContain(
      '::ffff:7f00:1 is an IPv4-mapped IPv6 address of 127.0.0.1, a loopback address',
    );
    expect(strict.checkUrl('https://LOCALHOST./feed')?.message).toContain('localhost is a loopback name');
    expect(strict.checkUrl('https://shop.localhost/')?.rule).toBe('loopback');
  });

  it('refuses credentials in the URL and schemes other than http and https, whatever the allowance', () => {
    const lenient = new OutboundPolicy({ allow: OutboundAllowance.parse('0.0.0.0/0,::/0') });

    expect(lenient.checkUrl('https://user:pass@feeds.example/feed.xml')).toMatchObject({ rule: 'credentials-in-url' });
    expect(lenient.checkUrl('https://user@feeds.example/feed.xml')).toMatchObject({ rule: 'credentials-in-url' });
    expect(lenient.checkUrl('ftp://feeds.example/feed.xml')).toMatchObject({ rule: 'scheme' });
    expect(lenient.checkUrl('file:///etc/passwd')).toMatchObject({ rule: 'scheme' });
    expect(lenient.checkUrl('not a url')).toMatchObject({ rule: 'invalid-url' });
    expect(lenient.checkUrl('https://feeduser:hunter2@feeds.example/')?.message).not.toMatch(/feeduser|hunter2/);
  });

  it('lets public addresses and names through; names are resolved only when a connection opens', () => {
    expect(strict.checkUrl('https://93.184.215.14/feed.xml')).toBeNull();
    expect(strict.checkUrl('https://[2606:4700:4700::1111]/')).toBeNull();
    expect(strict.checkUrl('https://shop.example.com/feed.xml')).toBeNull();
  });

  it('lets through what the allowance names, and only on its port', () => {
    const policy = new OutboundPolicy({
      allow: OutboundAllowance.parse(`127.0.0.1:${internal.port},10.0.0.0/8,feeds.internal`),
    });

    expect(policy.checkUrl(internal.url())).toBeNull();
    expect(policy.checkUrl(`http://0x7f000001:${internal.port}/`)).toBeNull();
    expect(policy.checkUrl(`http://localhost:${internal.port}/`)).toBeNull();
    expect(policy.checkUrl(`http://127.0.0.1:${internal.port + 1}/`)).toMatchObject({ rule: 'loopback' });
    expect(policy.checkUrl(`http://[::1]:${internal.port}/`)).toMatchObject({ rule: 'loopback' });
    expect(policy.checkUrl('http://10.20.30.40:8080/')).toBeNull();
    expect(policy.checkUrl('http://feeds.internal/feed.tsv')).toBeNull();
    expect(policy.checkUrl('http://192.168.1.1/')).toMatchObject({ rule: 'private' });
  });
});

describe('OutboundPolicy.agents (every connection, redirects included)', () => {
  it('connect to no internal address in any notation: nothing reaches the listener', async () => {
    const strict = new OutboundPolicy();

    for (const [url, rule] of notations(internal.port)) {
      const outcome = await get(strict, url, { timeout: 2000 });

      expect(outcome).toBeInstanceOf(OutboundRefusedError);
      expect({ url, rule: (outcome as OutboundRefusedError).rule }).toEqual({ url, rule });
    }
    expect(internal.requests).toEqual([]);
  });

  it('refuse a public-looking name that resolves to loopback, in both lookup shapes net uses', async () => {
    const dns = fakeDns({ 'shop.example.com': ['127.0.0.1'] });
    const policy = new OutboundPolicy({ lookup: dns });

    for (const autoSelectFamily of [true, false]) {
      // net asks the lookup for every address with autoSelectFamily, and for one without it.
      const options: http.RequestOptions & { autoSelectFamily: boolean } = { autoSelectFamily };
      const outcome = await get(
        policy,
        `http://shop.example.com:${internal.port}/admin/api/2024-10/shop.json`,
        options,
      );

      expect(outcome).toBeInstanceOf(OutboundRefusedError);
      expect((outcome as Error).message).toBe(
        'refused by the outbound policy: shop.example.com resolves to 127.0.0.1, a loopback address (allow it with SOUK_OUTBOUND_ALLOW)',
      );
    }
    expect(dns.asked).toEqual(['shop.example.com', 'shop.example.com']);
    expect(internal.requests).toEqual([]);
  });

  it('refuse a name when any of its addresses is refused, so a rebinding answer cannot slip one in', async () => {
    const policy = new OutboundPolicy({
      lookup: fakeDns({
        'feeds.example.com': ['93.184.215.14', '127.0.0.1'],
        'meta.example.com': ['::ffff:169.254.169.254'],
      }),
    });

    expect(await get(policy, `http://feeds.example.com:${internal.port}/`)).toMatchObject({ rule: 'loopback' });
    expect(await get(policy, `http://meta.example.com:${internal.port}/`)).toMatchObject({ rule: 'link-local' });
    expect(internal.requests).toEqual([]);
  });

  it('reach an allowed address and port, and an allowed name whatever it resolves to', async () => {
    const dns = fakeDns({ 'sandbox.example.com': ['127.0.0.1'], 'other.example.com': ['127.0.0.1'] });
    const policy = new OutboundPolicy({
      allow: OutboundAllowance.parse(`127.0.0.1:${internal.port},sandbox.example.com`),
      lookup: dns,
    });

    expect(await get(policy, internal.url('/allowed'))).toBe(internal.secret);
    for (const autoSelectFamily of [true, false]) {
      // A connection of its own each time (no keep-alive), so each one looks the name up.
      const options: http.RequestOptions & { autoSelectFamily: boolean } = {
        autoSelectFamily,
        headers: { connection: 'close' },
      };
      expect(await get(policy, `http://sandbox.example.com:${internal.port}/by-name`, options)).toBe(internal.secret);
    }
    // The allowed address on this port lets the name through too: the range allows what resolves into it.
    expect(await get(policy, `http://other.example.com:${internal.port}/by-address`)).toBe(internal.secret);
    expect(internal.requests.map((request) => request.url)).toEqual([
      '/allowed',
      '/by-name',
      '/by-name',
      '/by-address',
    ]);
    expect(dns.asked).toEqual(['sandbox.example.com', 'sandbox.example.com', 'other.example.com']);
    expect(await get(policy, `http://127.0.0.2:${internal.port}/`)).toMatchObject({ rule: 'loopback' });
  });

  it('refuse a unix socket path', async () => {
    expect(
      await get(new OutboundPolicy({ allow: OutboundAllowance.parse('0.0.0.0/0') }), 'http://localhost/', {
        socketPath: '/var/run/docker.sock',
      }),
    ).toMatchObject({ rule: 'unix-socket' });
  });
});

describe('OutboundPolicy.beforeRedirect (with axios and follow-redirects)', () => {
  let front: RecordingServer;
  let other: RecordingServer;

  beforeEach(async () => {
    front = await startRecordingServer((request, response) => {
      const target = new URL(request.url ?? '/', 'http://front').searchParams.get('to');
      if (target) response.writeHead(302, { location: target }).end();
      else response.writeHead(200).end('front');
    });
    other = await startRecordingServer((_request, response) => response.writeHead(200).end('other'));
  });
  afterEach(async () => {
    await front.close();
    await other.close();
  });

  function client(policy: OutboundPolicy) {
    return axios.create({
      httpAgent: policy.agents.http,
      httpsAgent: policy.agents.https,
      proxy: false,
      maxRedirects: MAX_REDIRECTS,
      beforeRedirect: policy.beforeRedirect,
    });
  }

  it('refuses a redirect from an allowed server to loopback, in any notation: nothing reaches it', async () => {
    const http = client(new OutboundPolicy({ allow: OutboundAllowance.parse(`127.0.0.1:${front.port}`) }));

    for (const [url, rule] of notations(internal.port)) {
      const error = await http.get(front.url(`/?to=${encodeURIComponent(url)}`)).catch((caught: unknown) => caught);

      expect(OutboundRefusedError.in(error)?.rule).toBe(rule);
    }
    expect(front.requests).toHaveLength(notations(internal.port).length);
    expect(internal.requests).toEqual([]);
  });

  it('keeps the credentials on a redirect within the origin, and drops them on one to another origin', async () => {
    const http = client(
      new OutboundPolicy({ allow: OutboundAllowance.parse(`127.0.0.1:${front.port},127.0.0.1:${other.port}`) }),
    );
    const headers = {
      Authorization: 'Bearer t0ken',
      Cookie: 'session=s3cret',
      'X-Shopify-Access-Token': 'shpat_x',
      'Idempotency-Key': 'ro-1',
      Accept: 'application/json',
    };

    expect((await http.get(front.url(`/?to=${encodeURIComponent('/same-origin')}`), { headers })).data).toBe('front');
    expect((await http.get(front.url(`/?to=${encodeURIComponent(other.url('/elsewhere'))}`), { headers })).data).toBe(
      'other',
    );

    const sameOrigin = front.requests.find((request) => request.url === '/same-origin');
    expect(sameOrigin?.headers).toMatchObject({ authorization: 'Bearer t0ken', 'x-shopify-access-token': 'shpat_x' });
    const [elsewhere] = other.requests;
    expect(elsewhere?.headers).toMatchObject({ accept: 'application/json' });
    expect(Object.keys(elsewhere?.headers ?? {})).not.toEqual(expect.arrayContaining(['authorization']));
    for (const name of ['authorization', 'cookie', 'x-shopify-access-token', 'idempotency-key'])
      expect(elsewhere?.headers[name]).toBeUndefined();
  });

  it('refuses a redirect to a scheme other than http and https', async () => {
    const http = client(new OutboundPolicy({ allow: OutboundAllowance.parse(`127.0.0.1:${front.port}`) }));

    const error = await http
      .get(front.url(`/?to=${encodeURIComponent('ftp://files.example/feed')}`))
      .catch((caught: unknown) => caught);

    expect(OutboundRefusedError.in(error)).not.toBeNull();
  });
});
