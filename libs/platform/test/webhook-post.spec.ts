import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboundAllowance, OutboundPolicy, postWebhook } from '#platform';

interface Receiver {
  readonly url: string;
  readonly port: number;
  readonly paths: string[];
  close(): Promise<void>;
}

async function receiver(handle: (request: IncomingMessage, response: ServerResponse) => void): Promise<Receiver> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    request.resume();
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const message = { id: 'msg_1', body: '{"type":"channel.webhook_test"}' };
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let open: Receiver[] = [];

afterEach(async () => {
  await Promise.all(open.map((each) => each.close()));
  open = [];
});

async function start(handle: (request: IncomingMessage, response: ServerResponse) => void): Promise<Receiver> {
  const started = await receiver(handle);
  open.push(started);
  return started;
}

describe('postWebhook and the outbound policy', () => {
  it('sends nothing to loopback by default, and says so in an attempt that is not retried', async () => {
    const internal = await start((_request, response) => response.end('internal'));

    for (const url of [
      internal.url,
      `http://localhost:${internal.port}/hook`,
      `http://[::ffff:127.0.0.1]:${internal.port}/hook`,
      `http://2130706433:${internal.port}/hook`,
    ]) {
      const attempt = await postWebhook(url, SECRET, message);

      expect(attempt).toEqual({
        ok: false,
        retryable: false,
        status: null,
        error: expect.stringMatching(/^refused by the outbound policy: .* loopback/),
        body: '',
        retryAfter: null,
      });
    }
    expect(internal.paths).toEqual([]);
  });

  it('refuses a name that resolves to loopback when it connects', async () => {
    const internal = await start((_request, response) => response.end('internal'));
    const outbound = new OutboundPolicy({
      lookup: (_name, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]),
    });

    const attempt = await postWebhook(`http://bot.example.com:${internal.port}/hook`, SECRET, message, { outbound });

    expect(attempt).toMatchObject({
      ok: false,
      retryable: false,
      error:
        'refused by the outbound policy: bot.example.com resolves to 127.0.0.1, a loopback address (allow it with SOUK_OUTBOUND_ALLOW)',
    });
    expect(internal.paths).toEqual([]);
  });

  it('delivers where the policy allows, and does not follow a redirect', async () => {
    const internal = await start((_request, response) => response.end('internal'));
    const bot = await start((request, response) =>
      request.url === '/hook'
        ? response.writeHead(307, { location: `http://127.0.0.1:${internal.port}/hook` }).end()
        : response.end('ok'),
    );
    const outbound = new OutboundPolicy({ allow: OutboundAllowance.parse(`127.0.0.1:${bot.port}`) });

    expect(await postWebhook(`http://127.0.0.1:${bot.port}/ok`, SECRET, message, { outbound })).toMatchObject({
      ok: true,
      status: 200,
      body: 'ok',
    });
    expect(await postWebhook(bot.url, SECRET, message, { outbound })).toMatchObject({
      ok: false,
      status: 307,
      retryable: false,
    });
    expect(bot.paths).toEqual(['/ok', '/hook']);
    expect(internal.paths).toEqual([]);
  });

  it('keeps at most the first 64 KiB of an answer', async () => {
    const bot = await start((_request, response) => response.end('x'.repeat(1024 * 1024)));
    const outbound = new OutboundPolicy({ allow: OutboundAllowance.parse(`127.0.0.1:${bot.port}`) });

    const attempt = await postWebhook(bot.url, SECRET, message, { outbound });

    expect(attempt).toMatchObject({ ok: true, status: 200 });
    expect(attempt.body).toHaveLength(64 * 1024);
  });
});
