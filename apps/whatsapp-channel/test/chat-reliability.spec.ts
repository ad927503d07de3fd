import { eventually } from '../../../test/support/order-fixtures.js';
import { useChatHarness } from './support/chat-harness.js';
import { handled, repliesTo, say, tap } from './support/chat-script.js';
import { SoukGate } from './support/souk-gate.js';

describe('the WhatsApp channel when webhooks repeat, signatures are wrong, it restarts or Souk is down', () => {
  const h = useChatHarness();

  const ordersOf = async () =>
    (await h.souk.request('GET', `/v1/admin/orders?channelId=${h.channel.id}`)).body.items as { id: string }[];
  const inboundCount = async (waId: string) =>
    Number(
      (await h.souk.sql.query(`SELECT count(*) FROM whatsapp_channel.inbound_message WHERE wa_id = $1`, [waId])).rows[0]
        .count,
    );

  /** A buyer with an address on file, at the summary of a one-line cart. */
  async function atSummary(waId: string) {
    await say(h, waId, 'Hi');
    const results = await say(h, waId, 'koffie');
    const card = await say(h, waId, tap(results, /^Filter/));
    const added = await say(h, waId, tap(card, /In winkelwagen/));
    let replies = await say(h, waId, tap(added, /Afrekenen/));
    for (const answer of ['Kalverstraat 10', '1012 PK', 'Amsterdam']) replies = await say(h, waId, answer);
    return say(h, waId, tap(replies, /Overslaan/));
  }

  it('answers a redelivered webhook once and orders once, however often the tap to order arrives', async () => {
    const waId = '31611111111';
    const { wamid } = await h.whatsapp.userSends(waId, 'Hi', { name: 'Bram' });
    await handled(h, wamid);
    await h.whatsapp.redeliver(wamid);
    await h.whatsapp.redeliver(wamid);
    await h.whatsapp.settled();
    expect(repliesTo(h, waId, wamid)).toHaveLength(1);
    expect(await inboundCount(waId)).toBe(1);

    const summary = await atSummary(waId);
    const before = (await ordersOf()).length;
    const placing = await h.whatsapp.userSends(waId, tap(summary, /Bestellen/), { name: 'Bram' });
    await handled(h, placing.wamid);
    for (let again = 0; again < 3; again += 1) await h.whatsapp.redeliver(placing.wamid);
    await h.whatsapp.settled();
    expect((await ordersOf()).length).toBe(before + 1);
    expect(repliesTo(h, waId, placing.wamid).filter((reply) => reply.text.startsWith('Dank je!'))).toHaveLength(1);
  });

  it('answers a webhook with a bad or missing signature 401 and does nothing with it', async () => {
    const waId = '31622222222';
    const delivery = await h.whatsapp.sendWithBadSignature(waId, 'Hi', { name: 'Noor' });
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([401]);
    const unsigned = await fetch(`${h.bot.url}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ object: 'whatsapp_business_account', entry: [] }),
    });
    expect(unsigned.status).toBe(401);
    expect(await inboundCount(waId)).toBe(0);
    expect(h.whatsapp.conversation(waId).filter((entry) => entry.direction === 'out')).toEqual([]);
  });

  it('keeps the conversation and the cart when the channel restarts between adding to the cart and checking out', async () => {
    const waId = '31633333333';
    await say(h, waId, 'Hi');
    const results = await say(h, waId, 'koffie');
    const card = await say(h, waId, tap(results, /^Koffie molen/));
    const added = await say(h, waId, tap(card, /In winkelwagen/));
    await h.bot.close();
    await h.startBot();
    const checkout = await say(h, waId, tap(added, /Afrekenen/));
    expect(checkout[0]!.text).toMatch(/straat en het huisnummer/);
    expect((await say(h, waId, 'winkelwagen'))[0]!.text).toContain('1 × Koffie molen handmatig — € 34,00');
  });

  it('tells the buyer to wait while Souk is down, loses nothing, and answers when Souk is back', async () => {
    const gate = new SoukGate(h.souk.baseUrl);
    await gate.open();
    await h.bot.close();
    await h.startBot({ SOUK_API_URL: gate.url });
    try {
      const waId = '31644444444';
      await say(h, waId, 'Hi');
      await gate.close();
      const { wamid } = await h.whatsapp.userSends(waId, 'koffie', { name: 'Sem' });
      const putOff = await h.whatsapp.waitForConversation(
        waId,
        (entries) =>
          entries.some((entry) => entry.direction === 'out' && JSON.stringify(entry.message).includes('even druk')),
        20_000,
      );
      expect(putOff.filter((entry) => entry.direction === 'out')).toHaveLength(2);
      // Put off in the same transaction that told the buyer; it commits just after.
      const row = await eventually(
        async () =>
          (
            await h.souk.sql.query(
              `SELECT state, attempts, last_error FROM whatsapp_channel.inbound_message WHERE wamid = $1`,
              [wamid],
            )
          ).rows[0],
        (found) => found.attempts === 1,
        10_000,
        'the message put off',
      );
      expect(row.state).toBe('pending');
      expect(row.last_error).toMatch(/Souk did not answer/);

      await gate.open();
      await handled(h, wamid, 30_000);
      const answered = repliesTo(h, waId, wamid);
      expect(answered.map((reply) => reply.type)).toEqual(['text', 'interactive:list']);
      expect(answered[1]!.rows.some((reply) => reply.title.startsWith('Espresso'))).toBe(true);
    } finally {
      await gate.close();
      await h.bot.close();
      await h.startBot();
    }
  });

  it('turns a cart sent from the WhatsApp catalog into the Souk cart and goes to checkout', async () => {
    const waId = '31655555555';
    await say(h, waId, 'Hi');
    const offer = (await h.souk.sql.query(`SELECT id FROM offer WHERE retailer_item_id = 'K2'`)).rows[0].id as string;
    const replies = await say(h, waId, { order: { product_items: [{ product_retailer_id: offer, quantity: 2 }] } });
    expect(replies[0]!.text).toMatch(/straat en het huisnummer/);
    const cart = (
      await h.souk.request('GET', `/v1/channel/users/${encodeURIComponent(`whatsapp:+${waId}`)}/cart`, {
        key: h.channel.key,
      })
    ).body;
    expect(cart.retailers[0].lines.map((line: any) => [line.offerId, line.quantity])).toEqual([[offer, 2]]);
  });

  it('sends the re-engagement template when Meta says the 24-hour window has closed', async () => {
    const waId = '31666666666';
    const summary = await atSummary(waId);
    await say(h, waId, tap(summary, /Bestellen/));
    const order = (await ordersOf())[0]!;
    const part = (await h.souk.request('GET', `/v1/admin/orders/${order.id}`)).body.retailerOrders[0];
    await eventually(
      async () => (await h.souk.request('GET', `/v1/retailer/orders/${part.id}`, { key: h.retailer.key })).body.status,
      (status) => status === 'submitted',
      20_000,
      'submitted',
    );
    h.advanceClock(25 * 3600 * 1000);
    expect(
      (await h.souk.request('POST', `/v1/retailer/orders/${part.id}/accept`, { key: h.retailer.key })).status,
    ).toBe(200);
    const chat = await h.whatsapp.waitForConversation(
      waId,
      (entries) =>
        entries.some((entry) => entry.direction === 'out' && entry.templateText?.includes('bevestigd') === true),
      20_000,
    );
    const last = chat.filter((entry) => entry.direction === 'out').slice(-2);
    expect(last[0]!.status).toBe('failed');
    expect(last[1]!.templateText).toMatch(/Brander Koffie heeft je bestelling #[0-9A-F]{8} bevestigd\./);
  });
});
