import { eventually } from '../../../test/support/order-fixtures.js';
import { BUYER, useChatHarness } from './support/chat-harness.js';
import { say, tap } from './support/chat-script.js';

describe('shopping in a WhatsApp chat, through the Cloud API sandbox', () => {
  const h = useChatHarness();

  it('greets, searches "koffie", shows a product, fills the cart, checks out with an address, orders once, and tells the buyer when the shop accepts and ships', async () => {
    const welcome = await say(h, BUYER.waId, 'Hi');
    expect(welcome).toHaveLength(1);
    expect(welcome[0]!.text).toMatch(/^Hoi Ayla de Vries! Welkom bij Souk Koffie/);
    expect(welcome[0]!.buttons.map((button) => button.title)).toEqual(['Zoeken', 'Categorieën', 'Winkelwagen']);

    const results = await say(h, BUYER.waId, 'koffie');
    expect(results[0]!.type).toBe('interactive:list');
    expect(
      results[0]!.rows
        .filter((row) => row.id.startsWith('p:'))
        .map((row) => row.title)
        .sort(),
    ).toEqual(['Espresso koffie bonen…', 'Filter koffie gemalen…', 'Koffie molen handmatig'].sort());
    // What the row title could not hold leads the description.
    expect(results[0]!.rows.find((row) => row.title.startsWith('Espresso'))!.description).toBe(
      '1 kg · € 18,95 · Brander Koffie',
    );

    const card = await say(h, BUYER.waId, tap(results, /^Espresso/));
    expect(card[0]!.text).toContain('*Espresso koffie bonen 1 kg*\n€ 18,95 bij Brander Koffie');
    expect(card[0]!.image).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/i\/K1\.jpg$/);

    const added = await say(h, BUYER.waId, tap(card, /In winkelwagen/));
    expect(added[0]!.text).toBe('Espresso koffie bonen 1 kg ligt in je winkelwagen. Winkelwagen: 1 artikel, € 18,95.');

    // The profile name is used; the country comes from the number (+31); only the address is asked.
    expect((await say(h, BUYER.waId, tap(added, /Afrekenen/)))[0]!.text).toMatch(/straat en het huisnummer/);
    expect((await say(h, BUYER.waId, 'Damrak 1'))[0]!.text).toBe('En de postcode?');
    expect((await say(h, BUYER.waId, '1012 lg'))[0]!.text).toBe('En de plaats?');
    const email = await say(h, BUYER.waId, 'Amsterdam');
    expect(email[0]!.text).toMatch(/e-mailadres/);
    const summary = await say(h, BUYER.waId, tap(email, /Overslaan/));
    expect(summary[0]!.text).toContain('1 × Espresso koffie bonen 1 kg — € 18,95');
    expect(summary[0]!.text).toContain('Bezorgen op: Damrak 1, 1012 LG Amsterdam, NL');
    expect(summary[0]!.text).toContain('+31612345678');

    const placed = await say(h, BUYER.waId, tap(summary, /Bestellen/));
    expect(placed[0]!.text).toMatch(/^Dank je! Je bestelling #[0-9A-F]{8} is geplaatst/);

    const orders = (await h.souk.request('GET', `/v1/admin/orders?channelId=${h.channel.id}`)).body.items;
    expect(orders).toHaveLength(1);
    const order = (await h.souk.request('GET', `/v1/admin/orders/${orders[0].id}`)).body;
    expect(placed[0]!.text).toContain(`#${order.id.slice(0, 8).toUpperCase()}`);
    expect(order.customer).toEqual({ name: 'Ayla de Vries', email: null, phone: '+31612345678' });
    expect(order.shippingAddress).toMatchObject({
      line1: 'Damrak 1',
      postalCode: '1012 LG',
      city: 'Amsterdam',
      country: 'NL',
    });
    const part = order.retailerOrders[0];
    expect(part.lines.map((line: any) => [line.title, line.quantity, line.unitPriceMinor])).toEqual([
      ['Espresso koffie bonen 1 kg', 1, '1895'],
    ]);

    // Routed to the shop by signed webhook.
    await eventually(
      async () => h.retailerSandbox.orders().filter((received) => received.idempotencyKey === part.id).length,
      (count) => count === 1,
      20_000,
      'the order at the shop',
    );
    const submitted = await eventually(
      async () => (await h.souk.request('GET', `/v1/retailer/orders/${part.id}`, { key: h.retailer.key })).body,
      (view) => view.status === 'submitted',
      20_000,
      'the retailer order submitted',
    );
    expect(submitted.status).toBe('submitted');

    expect(
      (await h.souk.request('POST', `/v1/retailer/orders/${part.id}/accept`, { key: h.retailer.key })).status,
    ).toBe(200);
    const shipped = await h.souk.request('POST', `/v1/retailer/orders/${part.id}/ship`, {
      key: h.retailer.key,
      body: { carrier: 'PostNL', number: '3SPOST123', url: 'https://jouw.postnl.nl/track/3SPOST123' },
    });
    expect(shipped.status).toBe(200);
    const chat = await h.whatsapp.waitForConversation(
      BUYER.waId,
      (entries) =>
        entries.some(
          (entry) =>
            entry.direction === 'out' &&
            JSON.stringify(entry.message).includes('https://jouw.postnl.nl/track/3SPOST123'),
        ),
      20_000,
    );
    const told = chat
      .filter((entry) => entry.direction === 'out')
      .map((entry) => JSON.stringify(entry.message).replace(/\u00a0/g, ' '));
    expect(
      told.some((text) => text.includes('Brander Koffie heeft je bestelling #') && text.includes('bevestigd')),
    ).toBe(true);
    expect(
      told.some(
        (text) =>
          text.includes('Brander Koffie heeft je bestelling #') &&
          text.includes('verzonden. Volg je pakket: https://jouw.postnl.nl/track/3SPOST123'),
      ),
    ).toBe(true);
  });
});
