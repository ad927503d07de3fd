import type { InboundMessage } from '../webhook/meta-webhook-payload.js';

/** What a buyer's message means to the conversation. */
export type Input =
  | { readonly kind: 'greeting'; readonly language: string | null }
  | { readonly kind: 'help' }
  | { readonly kind: 'stop' }
  | { readonly kind: 'cart' }
  | { readonly kind: 'text'; readonly text: string }
  /** A tap: a reply button or a list row, by the id the channel gave it. */
  | { readonly kind: 'tap'; readonly id: string }
  | { readonly kind: 'order'; readonly items: readonly { readonly offerId: string; readonly quantity: number }[] }
  | { readonly kind: 'unsupported'; readonly type: string };

/** Greetings, with the language they tell (null when they could be either). */
const GREETINGS: Readonly<Record<string, string | null>> = {
  hi: null,
  hey: null,
  hello: 'en',
  'good morning': 'en',
  'good afternoon': 'en',
  'good evening': 'en',
  start: null,
  menu: null,
  hoi: 'nl',
  hallo: 'nl',
  hee: 'nl',
  goedemorgen: 'nl',
  goedemiddag: 'nl',
  goedenavond: 'nl',
  dag: 'nl',
};
const HELP = new Set(['help', 'hulp', '?']);
const STOP = new Set(['stop', 'stoppen', 'unsubscribe', 'cancel all']);
const CART = new Set(['cart', 'my cart', 'basket', 'winkelwagen', 'mandje']);

export function readInput(message: InboundMessage): Input {
  if (message.type === 'text' && message.text) {
    const text = message.text.body.trim();
    const word = text
      .toLowerCase()
      .replace(/[!.?,]+$/, '')
      .replace(/\s+/g, ' ');
    if (word in GREETINGS) return { kind: 'greeting', language: GREETINGS[word] ?? null };
    if (HELP.has(word)) return { kind: 'help' };
    if (STOP.has(word)) return { kind: 'stop' };
    if (CART.has(word)) return { kind: 'cart' };
    return text ? { kind: 'text', text } : { kind: 'unsupported', type: 'empty text' };
  }
  if (message.type === 'interactive' && message.interactive) {
    const reply = message.interactive.button_reply ?? message.interactive.list_reply;
    if (reply) return { kind: 'tap', id: reply.id };
  }
  // A quick-reply button of a template message.
  if (message.type === 'button' && message.button)
    return message.button.payload
      ? { kind: 'tap', id: message.button.payload }
      : { kind: 'text', text: message.button.text };
  if (message.type === 'order' && message.order) {
    return {
      kind: 'order',
      items: message.order.product_items
        .filter((item) => Number.isInteger(item.quantity) && item.quantity > 0)
        .map((item) => ({ offerId: item.product_retailer_id, quantity: item.quantity })),
    };
  }
  return { kind: 'unsupported', type: message.type };
}
