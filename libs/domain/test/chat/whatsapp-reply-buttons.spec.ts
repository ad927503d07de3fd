import { interactiveMessage, REPLY_BUTTONS_LIMITS, replyButtons, type ReplyButtonsInput } from '#domain';
import { payloadError } from './payload-error.js';
import { expectCutWithEllipsis, SCRIPT_UNITS, textOfLength, textPast } from './text-samples.js';

const buttons = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `b${i}`, title: `Option ${i}` }));

const BASE: ReplyButtonsInput = { body: 'Add to cart?', buttons: buttons(2) };

describe('replyButtons', () => {
  it('builds the Cloud API reply buttons shape', () => {
    const { payload, dropped } = replyButtons({
      header: 'Galaxy S24',
      body: 'Add it to your cart?',
      footer: 'Free returns',
      buttons: [
        { id: 'add:p1', title: 'Add to cart' },
        { id: 'more:p1', title: 'Other offers' },
      ],
    });
    expect(dropped).toEqual({ buttons: 0 });
    expect(JSON.parse(JSON.stringify(interactiveMessage('15551234567', payload)))).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '15551234567',
      type: 'interactive',
      interactive: {
        type: 'button',
        header: { type: 'text', text: 'Galaxy S24' },
        body: { text: 'Add it to your cart?' },
        footer: { text: 'Free returns' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'add:p1', title: 'Add to cart' } },
            { type: 'reply', reply: { id: 'more:p1', title: 'Other offers' } },
          ],
        },
      },
    });
  });

  it('keeps 3 buttons and drops the 4th, in order', () => {
    expect(replyButtons({ ...BASE, buttons: buttons(3) }).dropped).toEqual({ buttons: 0 });
    const { payload, dropped } = replyButtons({ ...BASE, buttons: buttons(4) });
    expect(payload.action.buttons.map(({ reply }) => reply.id)).toEqual(['b0', 'b1', 'b2']);
    expect(dropped).toEqual({ buttons: 1 });
  });

  const cases: [
    string,
    number,
    (text: string) => ReplyButtonsInput,
    (built: ReturnType<typeof replyButtons>) => string,
  ][] = [
    ['body', REPLY_BUTTONS_LIMITS.bodyText, (text) => ({ ...BASE, body: text }), ({ payload }) => payload.body.text],
    [
      'header',
      REPLY_BUTTONS_LIMITS.headerText,
      (text) => ({ ...BASE, header: text }),
      ({ payload }) => payload.header!.text,
    ],
    [
      'footer',
      REPLY_BUTTONS_LIMITS.footerText,
      (text) => ({ ...BASE, footer: text }),
      ({ payload }) => payload.footer!.text,
    ],
    [
      'button title',
      REPLY_BUTTONS_LIMITS.buttonTitle,
      (text) => ({ ...BASE, buttons: [{ id: 'b', title: text }] }),
      ({ payload }) => payload.action.buttons[0].reply.title,
    ],
  ];

  it('has the documented limits', () => {
    expect(cases.map(([name, limit]) => [name, limit])).toEqual([
      ['body', 1024],
      ['header', 60],
      ['footer', 60],
      ['button title', 20],
    ]);
    expect(REPLY_BUTTONS_LIMITS.buttons).toBe(3);
    expect(REPLY_BUTTONS_LIMITS.buttonId).toBe(256);
  });

  describe.each(cases)('%s (limit %i)', (_name, limit, build, read) => {
    it.each(SCRIPT_UNITS)('keeps $name text at the limit whole and fits it just past', ({ unit }) => {
      const atLimit = textOfLength(unit, limit);
      expect(read(replyButtons(build(atLimit)))).toBe(atLimit);
      const past = textPast(unit, limit);
      expectCutWithEllipsis(read(replyButtons(build(past))), past, limit);
    });
  });

  it('keeps a 20-character button title whole and fits a 21-character one to 20', () => {
    const title = (text: string) =>
      replyButtons({ ...BASE, buttons: [{ id: 'b', title: text }] }).payload.action.buttons[0].reply.title;
    expect(title('Add to cart, quickly')).toBe('Add to cart, quickly');
    // "cart" ends at 11 of 19: too early for a word cut.
    expect(title('Add to cart, quickly!')).toBe('Add to cart, quickl…');
    expect(title('Add to my cart please')).toBe('Add to my cart…');
  });

  it('takes a button id of 256 characters and rejects one of 257', () => {
    const id256 = 'i'.repeat(256);
    expect(replyButtons({ ...BASE, buttons: [{ id: id256, title: 'A' }] }).payload.action.buttons[0].reply.id).toBe(
      id256,
    );
    const error = payloadError(() => replyButtons({ ...BASE, buttons: [{ id: `${id256}i`, title: 'A' }] }));
    expect(error.field).toBe('buttons[0].id');
  });

  it('rejects duplicate button ids, even past the 3rd button', () => {
    expect(
      payloadError(() => replyButtons({ ...BASE, buttons: [...buttons(2), { id: 'b0', title: 'Again' }] })).field,
    ).toBe('buttons[2].id');
    expect(
      payloadError(() => replyButtons({ ...BASE, buttons: [...buttons(4), { id: 'b1', title: 'Again' }] })).field,
    ).toBe('buttons[4].id');
  });

  it('rejects two buttons whose labels are equal once fitted', () => {
    const error = payloadError(() =>
      replyButtons({
        ...BASE,
        buttons: [
          { id: 'a', title: 'Samsung Galaxy S24 Ultra' },
          { id: 'b', title: 'Samsung Galaxy S24 Plus' },
        ],
      }),
    );
    expect(error.field).toBe('buttons[1].title');
    expect(error.message).toContain('Samsung Galaxy S24…');
  });

  it('rejects a message without buttons, a blank body or a blank button title', () => {
    expect(payloadError(() => replyButtons({ ...BASE, buttons: [] })).field).toBe('buttons');
    expect(payloadError(() => replyButtons({ ...BASE, body: '' })).field).toBe('body');
    expect(payloadError(() => replyButtons({ ...BASE, buttons: [{ id: 'a', title: ' ' }] })).field).toBe(
      'buttons[0].title',
    );
  });
});
