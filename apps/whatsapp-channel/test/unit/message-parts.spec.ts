import { createHmac } from 'node:crypto';
import { fitLine, fitText } from '../../src/conversation/fit-text.js';
import { readInput } from '../../src/conversation/inbound-input.js';
import { formatMoney, totalsText } from '../../src/conversation/money-text.js';
import { isValidStandardWebhook } from '../../src/souk/standard-webhook.js';
import { hasValidMetaSignature } from '../../src/webhook/meta-signature.js';
import { readWebhook, type InboundMessage } from '../../src/webhook/meta-webhook-payload.js';

const message = (fields: Partial<InboundMessage> & { type: string }): InboundMessage =>
  ({ id: 'wamid.1', from: '31612345678', timestamp: '1700000000', ...fields }) as InboundMessage;

describe('reading what a buyer sent', () => {
  it('tells greetings (with their language when they have one), help, stop and the cart from a search', () => {
    expect(readInput(message({ type: 'text', text: { body: 'Hoi!' } }))).toEqual({ kind: 'greeting', language: 'nl' });
    expect(readInput(message({ type: 'text', text: { body: 'hello' } }))).toEqual({ kind: 'greeting', language: 'en' });
    expect(readInput(message({ type: 'text', text: { body: ' Hi ' } }))).toEqual({ kind: 'greeting', language: null });
    expect(readInput(message({ type: 'text', text: { body: 'HELP' } }))).toEqual({ kind: 'help' });
    expect(readInput(message({ type: 'text', text: { body: 'stop' } }))).toEqual({ kind: 'stop' });
    expect(readInput(message({ type: 'text', text: { body: 'winkelwagen' } }))).toEqual({ kind: 'cart' });
    expect(readInput(message({ type: 'text', text: { body: 'hi-fi speakers' } }))).toEqual({
      kind: 'text',
      text: 'hi-fi speakers',
    });
  });

  it('reads taps on buttons and rows by their id, an order with quantities as numbers or strings, and calls anything else unsupported', () => {
    expect(
      readInput(
        message({
          type: 'interactive',
          interactive: { type: 'button_reply', button_reply: { id: 'add:1', title: 'Add' } },
        }),
      ),
    ).toEqual({ kind: 'tap', id: 'add:1' });
    expect(
      readInput(
        message({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'p:2', title: 'X' } } }),
      ),
    ).toEqual({ kind: 'tap', id: 'p:2' });
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'waba',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { phone_number_id: 'pn' },
                messages: [
                  {
                    id: 'wamid.o',
                    from: '31612345678',
                    timestamp: '1700000000',
                    type: 'order',
                    order: {
                      product_items: [
                        { product_retailer_id: 'o1', quantity: '2', item_price: '9.99', currency: 'EUR' },
                        { product_retailer_id: 'o2', quantity: 1, item_price: 5, currency: 'EUR' },
                      ],
                    },
                  },
                  {
                    id: 'wamid.i',
                    from: '31612345678',
                    timestamp: '1700000001',
                    type: 'image',
                    image: { id: 'media' },
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    const contents = readWebhook(body, 'pn')!;
    expect(readInput(contents.messages[0]!.message)).toEqual({
      kind: 'order',
      items: [
        { offerId: 'o1', quantity: 2 },
        { offerId: 'o2', quantity: 1 },
      ],
    });
    expect(readInput(contents.messages[1]!.message)).toEqual({ kind: 'unsupported', type: 'image' });
    expect(readWebhook(body, 'another-number')!.messages).toEqual([]);
    expect(readWebhook({ object: 'page', entry: [] }, 'pn')).toBeNull();
  });
});

describe('fitting text to the Cloud API limits', () => {
  it('cuts at a word, never inside a grapheme, and keeps lines and no-break spaces', () => {
    expect(fitText('Espresso koffie bonen 1 kg', 24)).toBe('Espresso koffie bonen…');
    expect(fitLine('👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦', 20)).toBe('👩‍👩‍👧‍👦…');
    expect(fitText('a\n\n\n\nb  c', 100)).toBe('a\n\nb c');
    expect(fitText('€\u00a018,95', 100)).toBe('€\u00a018,95');
    expect(fitLine('two\nlines', 100)).toBe('two lines');
  });
});

describe('money shown to buyers', () => {
  it('formats minor units exactly with the currency exponent, and never adds across currencies', () => {
    expect(formatMoney('1895', 'EUR', 'nl-NL')).toBe('€\u00a018,95');
    expect(formatMoney('1500', 'JPY', 'en')).toBe('¥1,500');
    expect(formatMoney('12345', 'KWD', 'en')).toBe('KWD\u00a012.345');
    expect(formatMoney('9007199254740993', 'EUR', 'en')).toBe('€90,071,992,547,409.93');
    expect(totalsText([{ amount: '€1.00' }, { amount: '$2.50' }])).toBe('€1.00 + $2.50');
  });
});

describe('signatures', () => {
  it("checks Meta's X-Hub-Signature-256 over the exact bytes", () => {
    const body = Buffer.from('{"object":"whatsapp_business_account"}');
    const signature = `sha256=${createHmac('sha256', 'app-secret').update(body).digest('hex')}`;
    expect(hasValidMetaSignature(body, signature, 'app-secret')).toBe(true);
    expect(hasValidMetaSignature(body, signature.toUpperCase().replace('SHA256', 'sha256'), 'app-secret')).toBe(true);
    expect(hasValidMetaSignature(Buffer.from(`${body.toString()} `), signature, 'app-secret')).toBe(false);
    expect(hasValidMetaSignature(body, signature, 'another-secret')).toBe(false);
    expect(hasValidMetaSignature(body, undefined, 'app-secret')).toBe(false);
    expect(hasValidMetaSignature(body, 'sha1=abc', 'app-secret')).toBe(false);
  });

  it("checks Souk's Standard Webhooks signatures and refuses old or future timestamps", () => {
    const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
    const body = Buffer.from('{"type":"retailer_order.accepted"}');
    const sign = (id: string, timestamp: number) =>
      `v1,${createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
        .update(`${id}.${timestamp}.${body.toString()}`)
        .digest('base64')}`;
    const now = 1_800_000_000;
    expect(
      isValidStandardWebhook(secret, { id: 'msg_1', timestamp: String(now), signature: sign('msg_1', now) }, body, now),
    ).toBe(true);
    expect(
      isValidStandardWebhook(
        secret,
        { id: 'msg_1', timestamp: String(now), signature: `v1,bad ${sign('msg_1', now)}` },
        body,
        now,
      ),
    ).toBe(true);
    expect(
      isValidStandardWebhook(secret, { id: 'msg_2', timestamp: String(now), signature: sign('msg_1', now) }, body, now),
    ).toBe(false);
    expect(
      isValidStandardWebhook(
        secret,
        { id: 'msg_1', timestamp: String(now - 301), signature: sign('msg_1', now - 301) },
        body,
        now,
      ),
    ).toBe(false);
    expect(
      isValidStandardWebhook(
        secret,
        { id: 'msg_1', timestamp: String(now + 301), signature: sign('msg_1', now + 301) },
        body,
        now,
      ),
    ).toBe(false);
  });
});
