import { verifyStandardWebhook } from '#platform';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { WebhookReceiver } from '../../../test/support/webhook-receiver.js';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((wake) => setTimeout(wake, 200));
  }
}

describe('webhooks to channels', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let url: string;

  beforeAll(async () => {
    t = await startTestApp();
    receiver = new WebhookReceiver();
    url = await receiver.start();
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  const createChannel = async (webhookUrl: string | null) =>
    (await t.request('POST', '/v1/admin/channels', { body: { name: 'Hooked', webhookUrl } })).body as {
      id: string;
      webhookSecret: string;
    };
  const delivery = async (channelId: string, id: string) =>
    (
      (await t.request('GET', `/v1/admin/channels/${channelId}/webhook-deliveries`)).body.items as {
        id: string;
        status: string;
        attempts: number;
        lastResponseStatus: number | null;
        lastAttemptInstanceId: string | null;
      }[]
    ).find((item) => item.id === id);

  it('delivers a test event signed with the channel secret (Standard Webhooks)', async () => {
    const channel = await createChannel(url);
    const accepted = await t.request('POST', `/v1/admin/channels/${channel.id}/webhook-test`);
    expect(accepted.status).toBe(202);
    expect(accepted.body.status).toBe('pending');
    const [received] = await receiver.waitFor(1);
    const headers = received!.headers;
    expect(headers['webhook-id']).toBe(accepted.body.id);
    expect(headers['content-type']).toBe('application/json');
    expect(
      verifyStandardWebhook(
        channel.webhookSecret,
        accepted.body.id,
        Number(headers['webhook-timestamp']),
        received!.body,
        String(headers['webhook-signature']),
      ),
    ).toBe(true);
    expect(JSON.parse(received!.body)).toMatchObject({ type: 'channel.webhook_test', data: { channelId: channel.id } });
    const settled = await eventually(
      () => delivery(channel.id, accepted.body.id),
      (d) => d?.status === 'delivered',
    );
    expect(settled).toMatchObject({ status: 'delivered', attempts: 1, lastResponseStatus: 204 });
    const self = (await t.request('GET', '/v1/admin/instances')).body.self;
    expect(settled?.lastAttemptInstanceId).toBe(self);
  });

  it('retries after a server error and records each attempt', async () => {
    const channel = await createChannel(url);
    receiver.answerWith(503);
    const before = receiver.received.length;
    const accepted = await t.request('POST', `/v1/admin/channels/${channel.id}/webhook-test`);
    await receiver.waitFor(before + 2, 40_000);
    const settled = await eventually(
      () => delivery(channel.id, accepted.body.id),
      (d) => d?.status === 'delivered',
    );
    expect(settled).toMatchObject({ status: 'delivered', attempts: 2, lastResponseStatus: 204 });
    const ids = receiver.received.slice(before).map((request) => request.headers['webhook-id']);
    expect(ids).toEqual([accepted.body.id, accepted.body.id]);
  }, 60_000);

  it('gives up at once when the receiver refuses the event with a client error', async () => {
    const channel = await createChannel(url);
    receiver.answerWith(410);
    const accepted = await t.request('POST', `/v1/admin/channels/${channel.id}/webhook-test`);
    const settled = await eventually(
      () => delivery(channel.id, accepted.body.id),
      (d) => d?.status !== 'pending',
    );
    expect(settled).toMatchObject({ status: 'failed', attempts: 1, lastResponseStatus: 410 });
  });

  it('lets a channel test its own webhook and read only its own deliveries', async () => {
    const mine = await createChannel(url);
    const other = await createChannel(url);
    await t.request('POST', `/v1/admin/channels/${other.id}/webhook-test`);
    const key = (
      await t.request('POST', '/v1/admin/api-keys', { body: { name: 'c', role: 'channel', channelId: mine.id } })
    ).body.key;
    const accepted = await t.request('POST', '/v1/channel/webhook-test', { key });
    expect(accepted.status).toBe(202);
    expect(accepted.body.channelId).toBe(mine.id);
    const list = await t.request('GET', '/v1/channel/webhook-deliveries', { key });
    expect(list.body.items.map((item: { channelId: string }) => item.channelId)).toEqual([mine.id]);
    expect((await t.request('GET', `/v1/admin/channels/${other.id}/webhook-deliveries`, { key })).status).toBe(403);
  });

  it('answers 409 naming webhookUrl when the channel has none', async () => {
    const channel = await createChannel(null);
    const response = await t.request('POST', `/v1/admin/channels/${channel.id}/webhook-test`);
    expect(response.status).toBe(409);
    expect(response.body.errors).toEqual([{ field: 'webhookUrl', message: 'is not set' }]);
  });
});
