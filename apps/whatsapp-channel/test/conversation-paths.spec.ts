import { useChatHarness } from './support/chat-harness.js';
import { say, tap } from './support/chat-script.js';

describe('the WhatsApp conversation off the main path', () => {
  const h = useChatHarness();

  it('speaks English to a buyer who says hello, and Dutch to one who says hoi', async () => {
    expect((await say(h, '31670000001', 'hello'))[0]!.text).toMatch(/^Hi Ayla de Vries! Welcome to Souk Koffie/);
    expect((await say(h, '31670000001', 'help'))[0]!.text).toMatch(/^Type what you are looking for/);
    expect((await say(h, '31670000002', 'hoi'))[0]!.text).toMatch(/^Hoi Ayla de Vries! Welkom bij Souk Koffie/);
  });

  it('browses by category, answers help and stop, and says when a search found nothing', async () => {
    const waId = '31670000003';
    const welcome = await say(h, waId, 'Hi');
    const categories = await say(h, waId, tap(welcome, /Categorieën/));
    expect(categories[0]!.type).toBe('interactive:list');
    expect(categories[0]!.rows.length).toBeGreaterThan(0);
    const browsed = await say(h, waId, { list_reply: { id: categories[0]!.rows[0]!.id } });
    expect(browsed[0]!.type).toBe('interactive:list');
    expect(browsed[0]!.rows.length).toBeGreaterThan(0);
    expect((await say(h, waId, 'help'))[0]!.buttons.map((button) => button.title)).toEqual([
      'Zoeken',
      'Categorieën',
      'Winkelwagen',
    ]);
    expect((await say(h, waId, 'stop'))[0]!.text).toMatch(/^Oké, ik ben gestopt/);
    expect((await say(h, waId, 'xyzzy plugh'))[0]!.text).toMatch(/^Ik vond niets voor "xyzzy plugh"/);
  });

  it('shows a product in two colours as one row, and its offers as rows told apart by colour and shop', async () => {
    const waId = '31670000009';
    await say(h, waId, 'Hi');
    const results = await say(h, waId, 'mok');
    expect(results[0]!.rows.filter((row) => row.id.startsWith('p:'))).toHaveLength(1);
    expect(results[0]!.rows[0]!.description).toContain('2 varianten');
    const product = await say(h, waId, { list_reply: { id: results[0]!.rows[0]!.id } });
    expect(product[0]!.text).toContain('2 varianten');
    const offers = await say(h, waId, tap(product, /Kies een variant/));
    expect(offers[0]!.type).toBe('interactive:list');
    expect(offers[0]!.rows.map((row) => row.description).sort()).toEqual([
      'blauw · Brander Koffie · Op voorraad',
      'rood · Brander Koffie · Op voorraad',
    ]);
  });

  it('pages through results with a "more" row', async () => {
    const waId = '31670000004';
    await say(h, waId, 'Hi');
    const first = await say(h, waId, 'thee');
    const rows = first[0]!.rows;
    // Eight products, "more", and "see them in the catalog" (the channel has a Meta catalog).
    expect(rows).toHaveLength(10);
    expect(rows.slice(8).map((row) => row.id)).toEqual(['more', 'catalog']);
    const second = await say(h, waId, tap(first, /Meer resultaten/));
    const titles = [...rows.slice(0, 8), ...second[0]!.rows.filter((row) => row.id.startsWith('p:'))].map(
      (row) => row.title,
    );
    expect(second[0]!.rows.some((row) => row.id === 'more')).toBe(false);
    expect(titles).toHaveLength(13);
    expect(new Set(titles).size).toBe(13);
  });

  it('shows results as a multi-product message of the Meta catalog, whose cart the buyer sends back to check out', async () => {
    const waId = '31670000007';
    await say(h, waId, 'Hi');
    const results = await say(h, waId, 'koffie');
    const catalog = await say(h, waId, tap(results, /Bekijk in de catalogus/));
    expect(catalog[0]!.type).toBe('interactive:product_list');
    const sent = h.whatsapp.sentMessages().at(-1)!.request as any;
    const items = sent.interactive.action.sections[0].product_items.map(
      (item: any) => item.product_retailer_id,
    ) as string[];
    const offers = (
      await h.souk.sql.query(`SELECT id FROM offer WHERE retailer_item_id IN ('K1', 'K2', 'K3')`)
    ).rows.map((row) => row.id as string);
    expect(items.sort()).toEqual(offers.sort());
    // The phone sends the WhatsApp cart made from that message.
    const checkout = await say(h, waId, {
      order: {
        product_items: [
          { product_retailer_id: items[0]!, quantity: 1 },
          { product_retailer_id: items[1]!, quantity: 3 },
        ],
      },
    });
    expect(checkout[0]!.text).toMatch(/straat en het huisnummer/);
    const cart = (
      await h.souk.request('GET', `/v1/channel/users/${encodeURIComponent(`whatsapp:+${waId}`)}/cart`, {
        key: h.channel.key,
      })
    ).body;
    expect(cart.retailers[0].lines.map((line: any) => [line.offerId, line.quantity]).sort()).toEqual(
      [
        [items[0], 1],
        [items[1], 3],
      ].sort(),
    );
  });

  it('changes and removes cart lines', async () => {
    const waId = '31670000005';
    await say(h, waId, 'Hi');
    const results = await say(h, waId, 'koffie');
    const card = await say(h, waId, tap(results, /^Koffie molen/));
    const added = await say(h, waId, tap(card, /In winkelwagen/));
    const cart = await say(h, waId, tap(added, /Bekijk winkelwagen/));
    expect(cart[0]!.text).toContain('1 × Koffie molen handmatig — € 34,00');
    const which = await say(h, waId, tap(cart, /Wijzigen/));
    const line = await say(h, waId, { list_reply: { id: which[0]!.rows[0]!.id } });
    const more = await say(h, waId, tap(line, /Eén meer/));
    expect(more[0]!.text).toContain('2 × Koffie molen handmatig — € 68,00');
    expect(more[0]!.text).toContain('*Totaal: € 68,00*');
    const again = await say(h, waId, tap(more, /Wijzigen/));
    const removed = await say(
      h,
      waId,
      tap(await say(h, waId, { list_reply: { id: again[0]!.rows[0]!.id } }), /Verwijderen/),
    );
    expect(removed[0]!.text).toBe('Je winkelwagen is leeg. Typ wat je zoekt.');
  });

  it('shows a price that changed before the order, asks again, and orders at the new price', async () => {
    const waId = '31670000006';
    await say(h, waId, 'Hi');
    const results = await say(h, waId, 'koffie');
    const card = await say(h, waId, tap(results, /^Espresso/));
    const added = await say(h, waId, tap(card, /In winkelwagen/));
    let replies = await say(h, waId, tap(added, /Afrekenen/));
    for (const answer of ['Damrak 5', '1012 LG', 'Amsterdam']) replies = await say(h, waId, answer);
    const summary = await say(h, waId, tap(replies, /Overslaan/));
    await h.souk.sql.query(`UPDATE offer SET price_minor = 1995 WHERE retailer_item_id = 'K1'`);
    try {
      const changed = await say(h, waId, tap(summary, /Bestellen/));
      expect(changed[0]!.text).toContain('Espresso koffie bonen 1 kg: nu € 19,95 (was € 18,95)');
      expect(changed[1]!.text).toContain('1 × Espresso koffie bonen 1 kg — € 19,95');
      // The old summary's button no longer orders.
      const stale = await say(h, waId, tap(summary, /Bestellen/));
      expect(stale[0]!.text).toBe('Dat overzicht is verouderd; dit is het actuele.');
      const placed = await say(h, waId, tap(stale, /Bestellen/));
      expect(placed[0]!.text).toMatch(/^Dank je!/);
      const orders = (await h.souk.request('GET', `/v1/admin/orders?channelId=${h.channel.id}`)).body.items;
      const order = (await h.souk.request('GET', `/v1/admin/orders/${orders[0].id}`)).body;
      expect(order.retailerOrders[0].lines[0].unitPriceMinor).toBe('1995');
    } finally {
      await h.souk.sql.query(`UPDATE offer SET price_minor = 1895 WHERE retailer_item_id = 'K1'`);
    }
  });
});
