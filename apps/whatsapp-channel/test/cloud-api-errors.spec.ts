import { eventually } from '../../../test/support/order-fixtures.js';
import { useChatHarness } from './support/chat-harness.js';
import { say } from './support/chat-script.js';

describe('the WhatsApp channel meeting the Cloud API error codes', () => {
  const h = useChatHarness();

  const sendsTo = (waId: string) => h.whatsapp.sentMessages().filter((sent) => sent.waId === waId);

  it.each([
    ['throughput', 130429],
    ['pair-rate', 131056],
  ] as const)('backs off and sends again after the %s limit (%i)', async (fault, code) => {
    const waId = fault === 'throughput' ? '31680000001' : '31680000002';
    h.whatsapp.failNext(fault, 2);
    const replies = await say(h, waId, 'Hi');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(/^Hoi/);
    const sends = sendsTo(waId);
    expect(sends.map((sent) => [sent.accepted, sent.error?.code ?? null])).toEqual([
      [false, code],
      [false, code],
      [true, null],
    ]);
  });

  it('records a message Meta could not deliver (131026) and goes on with the conversation', async () => {
    const waId = '31680000003';
    h.whatsapp.failNext('undeliverable', 1);
    await say(h, waId, 'Hi');
    const row = await eventually(
      async () =>
        (
          await h.souk.sql.query(
            `SELECT status, error FROM whatsapp_channel.outbound_message WHERE wa_id = $1 ORDER BY id`,
            [waId],
          )
        ).rows[0],
      (found) => found?.status === 'failed',
      20_000,
      'the failed status',
    );
    expect(row.error).toEqual([expect.objectContaining({ code: 131026 })]);
    expect((await say(h, waId, 'koffie'))[0]!.type).toBe('interactive:list');
  });
});
