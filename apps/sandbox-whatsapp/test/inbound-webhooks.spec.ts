import { createHmac, timingSafeEqual } from 'node:crypto';
import { FeedServer } from '../../../test/support/feed-server.js';
import { UserMessageError } from '../src/user-messages.js';
import type { WhatsAppSandbox } from '../src/whatsapp-sandbox.js';
import {
  APP_SECRET,
  BUSINESS_ACCOUNT_ID,
  CATALOG_ID,
  ChannelReceiver,
  DISPLAY_NUMBER,
  PHONE_NUMBER_ID,
  USER,
  interactive,
  send,
  startSandbox,
  type ReceivedRequest,
} from './whatsapp-fixtures.js';

const TSV_FEED = [
  'id\ttitle\tdescription\tavailability\tcondition\tprice\tsale_price\tlink\timage_link\tbrand',
  'KOF-1\tKoffie bonen 1kg\tDark roast\tin stock\tnew\t14.95 EUR\t12.50 EUR\thttps://shop.example/p/1\thttps://shop.example/i/1.jpg\tTostado',
  'KOF-2\tKoffie filters\tPaper\tin stock\tnew\t3.20 EUR\t\thttps://shop.example/p/2\thttps://shop.example/i/2.jpg\tTostado',
].join('\n');

/** The channel's own check, written independently of the sandbox: hex HMAC-SHA256 of the raw body with the app secret. */
function signedByApp(request: ReceivedRequest): boolean {
  const header = request.headers['x-hub-signature-256'];
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', APP_SECRET).update(request.raw).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const json = (request: ReceivedRequest) => JSON.parse(request.raw.toString('utf8'));
const posts = (requests: ReceivedRequest[]) => requests.filter((request) => request.method === 'POST');
const messagesOf = (requests: ReceivedRequest[]) =>
  posts(requests).filter((request) => json(request).entry[0].changes[0].value.messages);

describe('inbound webhooks', () => {
  let sandbox: WhatsAppSandbox;
  let receiver: ChannelReceiver;
  const feed = new FeedServer();
  let feedUrl: string;
  const clock = new Date('2026-11-20T10:00:00Z');

  beforeAll(async () => {
    feed.setBody(TSV_FEED);
    feedUrl = await feed.start();
  });
  afterAll(() => feed.stop());

  beforeEach(async () => {
    receiver = new ChannelReceiver();
    sandbox = await startSandbox({
      webhookUrl: await receiver.start(),
      verifyToken: 'let-me-in',
      catalogFeedUrl: feedUrl,
      now: () => clock,
    });
  });
  afterEach(async () => {
    await sandbox.close();
    await receiver.stop();
  });

  it("delivers a user's text as Meta's webhook JSON, signed with the app secret", async () => {
    const { wamid } = await sandbox.userSends(USER, 'Hi', { name: 'Ayla' });
    const [request] = await receiver.waitFor(1);
    expect(request!.method).toBe('POST');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(signedByApp(request!)).toBe(true);
    expect(request!.headers['x-hub-signature']).toBe(
      `sha1=${createHmac('sha1', APP_SECRET).update(request!.raw).digest('hex')}`,
    );
    expect(json(request!)).toEqual({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: BUSINESS_ACCOUNT_ID,
          changes: [
            {
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: DISPLAY_NUMBER, phone_number_id: PHONE_NUMBER_ID },
                contacts: [{ profile: { name: 'Ayla' }, wa_id: USER }],
                messages: [
                  {
                    from: USER,
                    id: wamid,
                    timestamp: String(clock.getTime() / 1000),
                    type: 'text',
                    text: { body: 'Hi' },
                  },
                ],
              },
              field: 'messages',
            },
          ],
        },
      ],
    });
    expect(wamid).toMatch(/^wamid\.[A-Za-z0-9+/]+=*$/);
    await sandbox.settled();
    expect(sandbox.deliveries()).toEqual([
      expect.objectContaining({
        kind: 'message',
        wamid,
        state: 'delivered',
        attempts: [expect.objectContaining({ status: 200, redelivery: false })],
      }),
    ]);
  });

  it('gives every message a new wamid and keeps the profile name for later messages', async () => {
    const first = await sandbox.userSends(USER, 'Hi', { name: 'Ayla' });
    const second = await sandbox.userSends(USER, { text: 'koffie' });
    expect(second.wamid).not.toBe(first.wamid);
    const requests = await receiver.waitFor(2);
    expect(json(requests[1]!).entry[0].changes[0].value.contacts).toEqual([{ profile: { name: 'Ayla' }, wa_id: USER }]);
    expect(sandbox.conversation(USER).map((entry) => [entry.direction, entry.wamid])).toEqual([
      ['in', first.wamid],
      ['in', second.wamid],
    ]);
  });

  it('sends a button reply with the context of the message tapped, taking the title from it', async () => {
    await sandbox.userSends(USER, 'Hi');
    const sent = await send(
      sandbox,
      interactive({
        type: 'button',
        body: { text: 'What now?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'cart', title: 'View cart' } },
            { type: 'reply', reply: { id: 'search', title: 'Search' } },
          ],
        },
      }),
    );
    const buttonsWamid = sent.body.messages[0].id;
    const { message } = await sandbox.userSends(USER, { button_reply: { id: 'search' } });
    expect(message).toEqual({
      context: { from: DISPLAY_NUMBER, id: buttonsWamid },
      from: USER,
      id: expect.stringMatching(/^wamid\./),
      timestamp: String(clock.getTime() / 1000),
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'search', title: 'Search' } },
    });
    await expect(
      sandbox.userSends(USER, { button_reply: { id: 'nope' }, context: { id: buttonsWamid } }),
    ).rejects.toThrow(UserMessageError);
    await expect(sandbox.userSends(USER, { button_reply: { id: 'cart', title: 'Cart!' } })).rejects.toThrow(
      'is titled "View cart", not "Cart!"',
    );
  });

  it('sends a list reply with the row title and description', async () => {
    await sandbox.userSends(USER, 'koffie');
    const sent = await send(
      sandbox,
      interactive({
        type: 'list',
        body: { text: 'Found 2' },
        action: {
          button: 'Results',
          sections: [
            {
              rows: [
                { id: 'p:1', title: 'Koffie bonen', description: '€ 12,50' },
                { id: 'more', title: 'More' },
              ],
            },
          ],
        },
      }),
    );
    const { message } = await sandbox.userSends(USER, {
      list_reply: { id: 'p:1' },
      context: { id: sent.body.messages[0].id },
    });
    expect(message.interactive).toEqual({
      type: 'list_reply',
      list_reply: { id: 'p:1', title: 'Koffie bonen', description: '€ 12,50' },
    });
    expect(message.context).toEqual({ from: DISPLAY_NUMBER, id: sent.body.messages[0].id });
  });

  it('sends an order at the prices of a TSV catalog feed', async () => {
    const { message } = await sandbox.userSends(USER, {
      order: {
        text: 'Graag',
        product_items: [
          { product_retailer_id: 'KOF-1', quantity: 2 },
          { product_retailer_id: 'KOF-2', quantity: 1 },
        ],
      },
    });
    expect(message).toMatchObject({
      type: 'order',
      order: {
        catalog_id: CATALOG_ID,
        text: 'Graag',
        product_items: [
          { product_retailer_id: 'KOF-1', quantity: 2, item_price: 12.5, currency: 'EUR' },
          { product_retailer_id: 'KOF-2', quantity: 1, item_price: 3.2, currency: 'EUR' },
        ],
      },
    });
    await expect(sandbox.userSends(USER, { order: { product_items: [] } })).rejects.toThrow(
      'at least one product item',
    );
  });

  it('redelivers on a 500 with the identical body and signature until a 2xx', async () => {
    receiver.answer = (_request, index) => ({ status: index < 2 ? 500 : 200 });
    const { wamid } = await sandbox.userSends(USER, 'Hi');
    await sandbox.settled();
    const requests = posts(receiver.requests);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((request) => request.raw.toString('base64'))).size).toBe(1);
    expect(new Set(requests.map((request) => request.headers['x-hub-signature-256'])).size).toBe(1);
    expect(requests.every(signedByApp)).toBe(true);
    const [delivery] = sandbox.deliveries();
    expect(delivery).toMatchObject({ wamid, state: 'delivered' });
    expect(delivery!.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 200]);
  });

  it('redelivers when the answer does not come in time', async () => {
    sandbox.setRetryPolicy({ timeoutMs: 2000 });
    receiver.answer = (_request, index) => (index === 0 ? { status: 200, delayMs: 10_000 } : { status: 200 });
    await sandbox.userSends(USER, 'Hi');
    await sandbox.settled();
    const [delivery] = sandbox.deliveries();
    expect(delivery!.attempts.map((attempt) => [attempt.status, attempt.error])).toEqual([
      [null, 'no answer within 2000 ms'],
      [200, null],
    ]);
  });

  it('records how long each attempt waited for its answer', async () => {
    receiver.answer = (_request, index) => ({ status: index === 0 ? 500 : 200, delayMs: 150 });
    await sandbox.userSends(USER, 'Hi');
    await sandbox.settled();
    const [delivery] = sandbox.deliveries();
    expect(delivery!.attempts).toHaveLength(2);
    // The receiver holds each answer 150 ms: a duration is at least that, on the monotonic clock.
    for (const attempt of delivery!.attempts) expect(attempt.durationMs).toBeGreaterThanOrEqual(149);
  });

  it('gives up after the last attempt and records it failed', async () => {
    receiver.answer = () => ({ status: 503 });
    await sandbox.userSends(USER, 'Hi');
    await sandbox.settled();
    const [delivery] = sandbox.deliveries();
    expect(delivery!.state).toBe('failed');
    expect(delivery!.attempts).toHaveLength(sandbox.retryPolicy.maxAttempts);
  });

  it('delivers the same message again on redeliver(wamid), byte for byte', async () => {
    const { wamid } = await sandbox.userSends(USER, 'Hi');
    await sandbox.settled();
    const attempt = await sandbox.redeliver(wamid);
    expect(attempt).toMatchObject({ status: 200, redelivery: true });
    const [first, second] = posts(receiver.requests);
    expect(second!.raw.equals(first!.raw)).toBe(true);
    expect(second!.headers['x-hub-signature-256']).toBe(first!.headers['x-hub-signature-256']);
    expect(sandbox.deliveries()[0]!.attempts.map((entry) => entry.redelivery)).toEqual([false, true]);
    expect(sandbox.conversation(USER)).toHaveLength(1);
  });

  it('sends a webhook with a wrong signature once, leaving the transcript alone', async () => {
    receiver.answer = (request) => ({ status: signedByApp(request) ? 200 : 401 });
    const delivery = await sandbox.sendWithBadSignature(USER, 'Hi');
    expect(delivery).toMatchObject({
      signature: 'bad',
      state: 'failed',
      attempts: [expect.objectContaining({ status: 401 })],
    });
    expect(posts(receiver.requests)).toHaveLength(1);
    expect(receiver.requests[0]!.headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(sandbox.conversation(USER)).toEqual([]);
  });

  it("performs Meta's verification handshake and checks the echo", async () => {
    receiver.answer = (request) => {
      const query = new URL(request.url, 'http://channel').searchParams;
      const ok = query.get('hub.mode') === 'subscribe' && query.get('hub.verify_token') === 'let-me-in';
      return ok ? { status: 200, body: query.get('hub.challenge')! } : { status: 403, body: 'no' };
    };
    const verified = await sandbox.verifyWebhook();
    expect(verified).toEqual({
      verified: true,
      status: 200,
      challenge: expect.stringMatching(/^\d{10}$/),
      body: verified.challenge,
      error: null,
    });
    expect(receiver.requests[0]).toMatchObject({ method: 'GET' });
    expect(await sandbox.verifyWebhook({ verifyToken: 'wrong' })).toMatchObject({ verified: false, status: 403 });
    receiver.answer = () => ({ status: 200, body: 'not the challenge' });
    expect(await sandbox.verifyWebhook()).toMatchObject({ verified: false, status: 200 });
  });

  it('records a delivery without a webhook URL as not sent', async () => {
    sandbox.setWebhookUrl(null);
    await sandbox.userSends(USER, 'Hi');
    await sandbox.settled();
    expect(sandbox.deliveries()).toEqual([expect.objectContaining({ state: 'no-webhook-url', attempts: [] })]);
    expect(receiver.requests).toEqual([]);
  });

  it("delivers one user's webhooks in order, also when one needs a retry", async () => {
    receiver.answer = (_request, index) => ({ status: index === 0 ? 500 : 200 });
    const first = await sandbox.userSends(USER, 'one');
    const second = await sandbox.userSends(USER, 'two');
    await sandbox.settled();
    const ids = messagesOf(receiver.requests).map((request) => json(request).entry[0].changes[0].value.messages[0].id);
    expect(ids).toEqual([first.wamid, first.wamid, second.wamid]);
  });

  describe('control routes', () => {
    const control = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${sandbox.url}${path}`, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as any };
    };

    it('sends as a user through POST /_sandbox/users/{wa_id}/messages and shows the conversation', async () => {
      const posted = await control('POST', `/_sandbox/users/${USER}/messages`, { message: 'Hi', name: 'Ayla' });
      expect(posted.status).toBe(202);
      await control('GET', '/_sandbox/settled');
      expect(messagesOf(receiver.requests)).toHaveLength(1);
      const sent = await send(sandbox, {
        messaging_product: 'whatsapp',
        to: USER,
        type: 'text',
        text: { body: 'Welcome' },
      });
      const conversation = await control('GET', `/_sandbox/users/${USER}/conversation`);
      expect(conversation.body.user).toMatchObject({ waId: USER, name: 'Ayla' });
      expect(
        conversation.body.entries.map((entry: { direction: string; wamid: string }) => [entry.direction, entry.wamid]),
      ).toEqual([
        ['in', posted.body.wamid],
        ['out', sent.body.messages[0].id],
      ]);
      expect((await control('GET', '/_sandbox/messages')).body).toEqual([
        expect.objectContaining({ accepted: true, wamid: sent.body.messages[0].id }),
      ]);
      expect((await control('GET', '/_sandbox/users')).body).toEqual([expect.objectContaining({ waId: USER })]);
    });

    it('redelivers a user message with POST /_sandbox/messages/{wamid}/redeliver', async () => {
      const { wamid } = await sandbox.userSends(USER, 'Hi');
      await sandbox.settled();
      const redelivered = await control('POST', `/_sandbox/messages/${encodeURIComponent(wamid)}/redeliver`);
      expect(redelivered).toEqual({ status: 200, body: expect.objectContaining({ status: 200, redelivery: true }) });
      expect(posts(receiver.requests)).toHaveLength(2);
      expect(
        (await control('POST', `/_sandbox/messages/${encodeURIComponent('wamid.nothing')}/redeliver`)).status,
      ).toBe(404);
    });

    it('answers 400 for a tap that no phone could make', async () => {
      const posted = await control('POST', `/_sandbox/users/${USER}/messages`, {
        message: { button_reply: { id: 'nothing' } },
      });
      expect(posted).toEqual({ status: 400, body: { error: expect.stringContaining('No button "nothing"') } });
    });

    it('queues faults and sets the plan with PUT /_sandbox/faults', async () => {
      await sandbox.userSends(USER, 'Hi');
      expect((await control('PUT', '/_sandbox/faults', { next: ['pair-rate'] })).body).toEqual({
        rate: 0,
        next: ['pair-rate'],
      });
      expect(
        (await send(sandbox, { messaging_product: 'whatsapp', to: USER, text: { body: 'Hi' } })).body.error.code,
      ).toBe(131056);
      expect((await control('PUT', '/_sandbox/faults', { rate: 2 })).status).toBe(400);
      expect((await control('PUT', '/_sandbox/faults', { rate: 0.5, seed: 1 })).body).toEqual({
        rate: 0.5,
        seed: 1,
        next: [],
      });
    });

    it('sets the webhook URL and runs the handshake', async () => {
      receiver.answer = (request) => ({
        status: 200,
        body: new URL(request.url, 'http://channel').searchParams.get('hub.challenge') ?? '',
      });
      const other = new ChannelReceiver();
      const otherUrl = await other.start();
      try {
        expect((await control('PUT', '/_sandbox/webhook', { url: otherUrl, verifyToken: 'x' })).body).toEqual({
          url: otherUrl,
        });
        await sandbox.userSends(USER, 'Hi');
        await other.waitFor(1);
        expect((await control('PUT', '/_sandbox/webhook', { url: 'not a url' })).status).toBe(400);
        expect((await control('POST', '/_sandbox/webhook/verify', {})).body).toMatchObject({
          verified: false,
          status: 200,
        });
      } finally {
        await other.stop();
      }
    });

    it('streams the conversation as Server-Sent Events: a snapshot, then each entry, status and delivery', async () => {
      await sandbox.userSends(USER, 'Hi');
      await sandbox.settled();
      const controller = new AbortController();
      const response = await fetch(`${sandbox.url}/_sandbox/users/${USER}/events`, { signal: controller.signal });
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      const nextEvent = async (): Promise<{ event: string; data: any }> => {
        for (;;) {
          const end = buffer.indexOf('\n\n');
          if (end !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (event && data) return { event, data: JSON.parse(data) };
            continue;
          }
          const { value, done } = await reader.read();
          if (done) throw new Error('the stream ended');
          buffer += value;
        }
      };
      const snapshot = await nextEvent();
      expect(snapshot.event).toBe('snapshot');
      expect(snapshot.data.entries).toHaveLength(1);
      expect(Object.values(snapshot.data.deliveries)).toEqual(['delivered']);
      const sent = await send(sandbox, { messaging_product: 'whatsapp', to: USER, text: { body: 'Welcome' } });
      expect(await nextEvent()).toEqual({
        event: 'entry',
        data: { type: 'entry', entry: expect.objectContaining({ direction: 'out', wamid: sent.body.messages[0].id }) },
      });
      expect(await nextEvent()).toEqual({
        event: 'status',
        data: { type: 'status', wamid: sent.body.messages[0].id, status: 'sent' },
      });
      controller.abort();
    });
  });
});
