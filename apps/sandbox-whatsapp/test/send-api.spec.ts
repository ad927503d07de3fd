import { createHmac } from 'node:crypto';
import type { WhatsAppSandbox } from '../src/whatsapp-sandbox.js';
import {
  ACCESS_TOKEN,
  APP_SECRET,
  BUSINESS_ACCOUNT_ID,
  ChannelReceiver,
  DISPLAY_NUMBER,
  PHONE_NUMBER_ID,
  USER,
  send,
  startSandbox,
  text,
} from './whatsapp-fixtures.js';

const HOUR = 60 * 60 * 1000;

describe('send API protocol', () => {
  let sandbox: WhatsAppSandbox;
  let receiver: ChannelReceiver;
  let clock: Date;

  beforeEach(async () => {
    receiver = new ChannelReceiver();
    clock = new Date('2026-11-20T10:00:00Z');
    sandbox = await startSandbox({ webhookUrl: await receiver.start(), now: () => clock, templates: ['order_update'] });
  });
  afterEach(async () => {
    await sandbox.close();
    await receiver.stop();
  });

  const statusesOf = (wamid: string) =>
    receiver
      .posts()
      .flatMap((post) => post.json.entry[0].changes[0].value.statuses ?? [])
      .filter((status: { id: string }) => status.id === wamid);

  describe('access token', () => {
    it('answers a wrong token with 401 and code 190 in the Graph API error shape', async () => {
      const answer = await send(sandbox, text('Hi'), 'EAAGwrong');
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({
        error: {
          message: 'Invalid OAuth access token - Cannot parse access token',
          type: 'OAuthException',
          code: 190,
          fbtrace_id: expect.any(String),
        },
      });
      expect(answer.headers.get('www-authenticate')).toMatch(/^OAuth "Facebook Platform" "invalid_token"/);
    });

    it('answers a missing token with 401 and code 190', async () => {
      const response = await fetch(`${sandbox.graphApiUrl}/${PHONE_NUMBER_ID}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(text('Hi')),
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as any).error).toMatchObject({ code: 190, type: 'OAuthException' });
    });

    it('takes the token as access_token in the query, as the Graph API does', async () => {
      await sandbox.userSends(USER, 'Hi');
      const response = await fetch(`${sandbox.graphApiUrl}/${PHONE_NUMBER_ID}/messages?access_token=${ACCESS_TOKEN}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(text('Hi')),
      });
      expect(response.status).toBe(200);
    });

    it('answers another phone number id as the Graph API answers an object it cannot load', async () => {
      const response = await fetch(`${sandbox.graphApiUrl}/999/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ACCESS_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(text('Hi')),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as any).error).toMatchObject({
        code: 100,
        error_subcode: 33,
        type: 'GraphMethodException',
      });
    });

    it('records refused calls with their verdict', async () => {
      await send(sandbox, text('Hi'), 'EAAGwrong');
      expect(sandbox.sentMessages()).toEqual([
        expect.objectContaining({
          accepted: false,
          httpStatus: 401,
          wamid: null,
          error: { code: 190, details: 'Invalid OAuth access token - Cannot parse access token' },
        }),
      ]);
    });
  });

  describe('the 24-hour customer service window', () => {
    it("accepts a free-form message within 24 hours of the user's last message", async () => {
      await sandbox.userSends(USER, 'Hi');
      clock = new Date(clock.getTime() + 23 * HOUR);
      const answer = await send(sandbox, text('Still here'));
      expect(answer.status).toBe(200);
      await sandbox.settled();
      expect(statusesOf(answer.body.messages[0].id).map((status: { status: string }) => status.status)).toEqual([
        'sent',
        'delivered',
      ]);
    });

    it('reports a free-form message after 24 hours as failed with 131047, as the Cloud API does', async () => {
      await sandbox.userSends(USER, 'Hi');
      clock = new Date(clock.getTime() + 24 * HOUR + 1000);
      const answer = await send(sandbox, text('Late'));
      expect(answer.status).toBe(200);
      const wamid = answer.body.messages[0].id;
      await sandbox.settled();
      expect(statusesOf(wamid)).toEqual([
        {
          id: wamid,
          status: 'failed',
          timestamp: String(Math.floor(clock.getTime() / 1000)),
          recipient_id: USER,
          errors: [
            {
              code: 131047,
              title: 'Re-engagement message',
              message: 'Re-engagement message',
              error_data: {
                details:
                  'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
              },
              href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
            },
          ],
        },
      ]);
      expect(sandbox.conversation(USER).at(-1)).toMatchObject({ direction: 'out', wamid, status: 'failed' });
    });

    it('refuses it at once with HTTP 400 and 131047 when set to answer in the response', async () => {
      sandbox.setReEngagementFailure('response');
      const answer = await send(sandbox, text('Never wrote to us'));
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({
        code: 131047,
        message: '(#131047) Re-engagement message',
        error_data: { messaging_product: 'whatsapp', details: expect.stringContaining('24 hours') },
      });
    });

    it('always allows a template, also to a user who never wrote', async () => {
      const answer = await send(sandbox, {
        messaging_product: 'whatsapp',
        to: USER,
        type: 'template',
        template: { name: 'order_update', language: { code: 'en_US' } },
      });
      expect(answer.status).toBe(200);
      await sandbox.settled();
      const [sent] = statusesOf(answer.body.messages[0].id);
      expect(sent).toMatchObject({
        status: 'sent',
        conversation: { origin: { type: 'utility' } },
        pricing: { category: 'utility', billable: true },
      });
    });

    it('opens the window again when the user writes', async () => {
      sandbox.setReEngagementFailure('response');
      await sandbox.userSends(USER, 'Hi');
      clock = new Date(clock.getTime() + 30 * HOUR);
      expect((await send(sandbox, text('Late'))).status).toBe(400);
      await sandbox.userSends(USER, 'Back again');
      expect((await send(sandbox, text('Welcome back'))).status).toBe(200);
    });
  });

  describe('faults', () => {
    beforeEach(() => sandbox.userSends(USER, 'Hi'));

    it('answers an injected throughput fault with 400 and 130429, sending nothing', async () => {
      sandbox.failNext('throughput');
      const answer = await send(sandbox, text('Hi'));
      expect(answer.status).toBe(400);
      expect(answer.body.error).toEqual({
        message: '(#130429) Rate limit hit',
        type: 'OAuthException',
        code: 130429,
        error_data: {
          messaging_product: 'whatsapp',
          details:
            'Message failed to send because there were too many messages sent from this phone number in a short period of time',
        },
        fbtrace_id: expect.any(String),
      });
      expect(sandbox.conversation(USER).filter((entry) => entry.direction === 'out')).toEqual([]);
      expect(sandbox.sentMessages().at(-1)).toMatchObject({ accepted: false, fault: 'throughput' });
    });

    it('answers a pair rate fault with 400 and 131056', async () => {
      sandbox.failNext('pair-rate');
      const answer = await send(sandbox, text('Hi'));
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({
        code: 131056,
        message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
      });
    });

    it('answers server faults with 500 (131000) and 503 (code 2)', async () => {
      sandbox.failNext('server-error');
      sandbox.failNext('unavailable');
      const first = await send(sandbox, text('Hi'));
      const second = await send(sandbox, text('Hi'));
      expect([first.status, first.body.error.code, second.status, second.body.error.code]).toEqual([
        500, 131000, 503, 2,
      ]);
      expect((await send(sandbox, text('Hi'))).status).toBe(200);
    });

    it('accepts an undeliverable message, then reports it failed with 131026', async () => {
      sandbox.failNext('undeliverable');
      const answer = await send(sandbox, text('Hi'));
      expect(answer.status).toBe(200);
      await sandbox.settled();
      expect(statusesOf(answer.body.messages[0].id)).toEqual([
        expect.objectContaining({
          status: 'failed',
          errors: [expect.objectContaining({ code: 131026, title: 'Message Undeliverable' })],
        }),
      ]);
    });

    it('draws faults by rate, repeatably with a seed', async () => {
      const outcomes = async () => {
        sandbox.setFaults({ rate: 0.5, kinds: { throughput: 1, 'pair-rate': 1 }, seed: 7 });
        const codes: (number | null)[] = [];
        for (let n = 0; n < 20; n++) codes.push((await send(sandbox, text(`n${n}`))).body.error?.code ?? null);
        return codes;
      };
      const first = await outcomes();
      expect(await outcomes()).toEqual(first);
      expect(first.filter((code) => code === null).length).toBeGreaterThan(0);
      expect(new Set(first.filter((code) => code !== null))).toEqual(new Set([130429, 131056]));
    });

    it('refuses sends over the throughput limit with 130429', async () => {
      sandbox.setThroughputPerSecond(2);
      const answers = await Promise.all([1, 2, 3].map((n) => send(sandbox, text(`n${n}`))));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 400]);
      expect(answers.find((answer) => answer.status === 400)!.body.error.code).toBe(130429);
    });
  });

  describe('status callbacks', () => {
    it('reports sent, then delivered, signed like every webhook, and read when the user reads', async () => {
      await sandbox.userSends(USER, 'Hi', { name: 'Ayla' });
      const answer = await send(sandbox, { ...text('Welcome'), biz_opaque_callback_data: 'step-1' });
      const wamid = answer.body.messages[0].id;
      await sandbox.settled();
      expect(sandbox.userReads(USER)).toEqual([wamid]);
      await sandbox.settled();

      const posts = receiver.posts().filter((post) => post.json.entry[0].changes[0].value.statuses);
      for (const post of posts) {
        expect(post.headers['x-hub-signature-256']).toBe(
          `sha256=${createHmac('sha256', APP_SECRET).update(post.raw).digest('hex')}`,
        );
        expect(post.json.entry[0]).toMatchObject({
          id: BUSINESS_ACCOUNT_ID,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: DISPLAY_NUMBER, phone_number_id: PHONE_NUMBER_ID },
              },
            },
          ],
        });
      }
      const [sent, delivered, read] = statusesOf(wamid);
      const timestamp = String(Math.floor(clock.getTime() / 1000));
      expect(sent).toEqual({
        id: wamid,
        status: 'sent',
        timestamp,
        recipient_id: USER,
        biz_opaque_callback_data: 'step-1',
        conversation: {
          id: expect.stringMatching(/^[0-9a-f]{32}$/),
          expiration_timestamp: String(Math.floor(clock.getTime() / 1000) + 24 * 3600),
          origin: { type: 'service' },
        },
        pricing: { billable: true, pricing_model: 'CBP', category: 'service' },
      });
      expect(delivered).toMatchObject({ status: 'delivered', conversation: { id: sent.conversation.id } });
      expect(read).toEqual({
        id: wamid,
        status: 'read',
        timestamp,
        recipient_id: USER,
        biz_opaque_callback_data: 'step-1',
      });
      expect(sandbox.statuses(wamid).map((status) => status.status)).toEqual(['sent', 'delivered', 'read']);
      expect(sandbox.conversation(USER).at(-1)).toMatchObject({ wamid, status: 'read' });
      expect(sandbox.userReads(USER)).toEqual([]);
    });
  });
});
