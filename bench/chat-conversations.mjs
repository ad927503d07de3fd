// The buyers of bench:chat: scripted WhatsApp conversations played through the Cloud API sandbox's
// userSends (signed webhooks, as Meta delivers them) at a fixed arrival rate of messages, and the
// replies the channel sends back, timed on this process's monotonic clock.
import { performance } from 'node:perf_hooks';
import { TAPS } from '../dist/apps/whatsapp-channel/src/conversation/browsing.js';
import { CART_TAPS } from '../dist/apps/whatsapp-channel/src/conversation/cart-actions.js';
import { CHECKOUT_TAPS } from '../dist/apps/whatsapp-channel/src/conversation/checkout-flow.js';
import { stringsFor } from '../dist/apps/whatsapp-channel/src/conversation/strings/catalog.js';
import { openLoop } from './support/http-load.mjs';

/**
 * Words a buyer types that hit the demo catalog (product kinds, brands, a colour with a kind); checked against Souk
 * before the run.
 */
export const SEARCH_WORDS = [
  'earbuds',
  'speaker',
  'charger',
  'power bank',
  'smartwatch',
  'phone case',
  'desk lamp',
  'coffee beans',
  'green tea',
  'notebook',
  'sonora',
  'voltix',
  'blue speaker',
  'black smartwatch',
];

/** How long a buyer waits for the answer to one message before the conversation counts as failed. */
const REPLY_TIMEOUT_MS = 30_000;

const idsOf = (message) => {
  const action = message.interactive?.action;
  return [
    ...(action?.buttons ?? []).map((button) => button.reply.id),
    ...(action?.sections ?? []).flatMap((section) => section.rows ?? []).map((row) => row.id),
  ];
};
const textOf = (message) => message.text?.body ?? message.interactive?.body?.text ?? '';
const withId = (prefix) => (message) => idsOf(message).some((id) => id.startsWith(prefix));
const idWith = (message, prefix) => idsOf(message).find((id) => id.startsWith(prefix));
const text = (expected) => (message) => message.type === 'text' && textOf(message) === expected;

/**
 * One conversation of a buyer in the channel's language `locale`: each step sends a message, made
 * from the conversation and the reply to the previous step, and recognises its own reply. The
 * ids are the channel's own (its TAPS constants), so the script follows the channel's code.
 */
export function chatScript(locale) {
  const t = stringsFor(locale);
  const steps = [
    { name: 'hi', send: () => 'Hi', expect: withId(TAPS.search) },
    { name: 'search', send: (chat) => chat.word, expect: withId(TAPS.product) },
    {
      name: 'product',
      send: (chat, reply) => ({
        list_reply: { id: chat.pickRow(idsOf(reply).filter((id) => id.startsWith(TAPS.product))) },
      }),
      expect: withId(TAPS.add),
    },
    {
      name: 'add',
      send: (chat, reply) => ({ button_reply: { id: idWith(reply, TAPS.add) } }),
      expect: withId(CART_TAPS.checkout),
    },
    { name: 'checkout', send: () => ({ button_reply: { id: CART_TAPS.checkout } }), expect: text(t.askLine1) },
    { name: 'street', send: () => 'Damrak 1', expect: text(t.askPostalCode) },
    { name: 'postalCode', send: () => '1012 LG', expect: text(t.askCity) },
    { name: 'city', send: () => 'Amsterdam', expect: withId(CHECKOUT_TAPS.skipEmail) },
    {
      name: 'skipEmail',
      send: () => ({ button_reply: { id: CHECKOUT_TAPS.skipEmail } }),
      expect: withId(CHECKOUT_TAPS.place),
    },
    {
      name: 'place',
      send: (chat, reply) => ({ button_reply: { id: idWith(reply, CHECKOUT_TAPS.place) } }),
      expect: (message) => message.type === 'text' && /#[0-9A-F]{8}/.test(textOf(message)),
    },
  ];
  /** "The shop is busy, I will answer shortly": the channel put the message off (Souk did not answer). */
  const isPutOff = (message) => textOf(message) === t.tryAgainShortly;
  return { steps, isPutOff };
}

/** A small seeded PRNG (mulberry32): the same run draws the same words, rows and pauses. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Plays conversations at `rate` messages a second for `warmupSeconds + seconds`, open loop: message
 * i leaves at start + i/rate, whatever the channel does. It is the next message of the conversation
 * that has been ready longest (its last reply came and the buyer's pause, exponential with mean
 * `thinkMs`, has passed), or, when none is ready, the "Hi" of a new buyer (a new wa_id). So the arrival rate is fixed
 * and the number of buyers mid-conversation follows from it. Buyers search one of `words` and tap a
 * row whose product `buyable(word)` holds (in stock), when the list has one.
 *
 * Resolves when every message has its reply (or its wait timed out) with `messages`: per message
 * { i, measured (not warm-up), step, waId, chat, sentAt, wamid, replyAt (the matching reply's
 * arrival at the sandbox's send API), firstOutAt, putOff, error }, all times performance.now();
 * `chats`, the conversations; `window` { startAt, endAt, deliveriesBefore, deliveriesAfter }
 * (the sandbox's delivery count when the measured part began and when its last message left);
 * `worstLagMs`; and `onWindow(start|end)` is called at the window's edges (CPU meters).
 */
export async function playConversations({
  sandbox,
  script,
  rate,
  seconds,
  warmupSeconds,
  thinkMs,
  words,
  buyable,
  seed,
  onWindow = () => undefined,
}) {
  const random = seededRandom(seed);
  const pick = (items) => items[Math.floor(random() * items.length)];
  const warmCount = Math.round(rate * warmupSeconds);
  const total = warmCount + Math.max(1, Math.round(rate * seconds));
  const messages = [];
  const chats = [];
  const idle = new Set();
  const window = { startAt: null, endAt: null, deliveriesBefore: 0, deliveriesAfter: 0 };

  const newChat = () => {
    const n = chats.length;
    const word = pick(words);
    const chat = {
      n,
      waId: `3161${String(n).padStart(7, '0')}`,
      name: `Koper ${n}`,
      word,
      step: 0,
      readyAt: 0,
      lastReply: null,
      startedAt: performance.now(),
      completedAt: null,
      failed: null,
      // A row of a product in stock, when the list shows one.
      pickRow: (ids) => {
        const inStock = ids.filter((id) => buyable(word, id.slice(TAPS.product.length)));
        return pick(inStock.length > 0 ? inStock : ids);
      },
    };
    chats.push(chat);
    return chat;
  };
  const readyChat = () => {
    const now = performance.now();
    let best = null;
    for (const chat of idle) if (chat.readyAt <= now && (best === null || chat.readyAt < best.readyAt)) best = chat;
    if (best) idle.delete(best);
    return best;
  };

  const waitForReply = (chat, record, step) =>
    sandbox
      .waitForConversation(
        chat.waId,
        (entries) => {
          const inbound = entries.findIndex((entry) => entry.direction === 'in' && entry.wamid === record.wamid);
          if (inbound < 0) return false;
          let putOff = 0;
          for (const entry of entries.slice(inbound + 1)) {
            if (entry.direction !== 'out') continue;
            record.firstOutAt ??= performance.now();
            if (script.isPutOff(entry.message)) {
              putOff++;
              continue;
            }
            record.putOff = putOff;
            record.replyAt ??= performance.now();
            record.reply = entry.message;
            return true;
          }
          return false;
        },
        REPLY_TIMEOUT_MS,
      )
      .then(
        () =>
          step.expect(record.reply)
            ? null
            : `unexpected reply to ${step.name}: ${JSON.stringify(record.reply).slice(0, 300)}`,
        () => `no reply to ${step.name} within ${REPLY_TIMEOUT_MS / 1000} s`,
      );

  const send = async (i) => {
    const measured = i >= warmCount;
    if (i === warmCount) {
      window.deliveriesBefore = sandbox.deliveries().length;
      onWindow('start');
    }
    const chat = readyChat() ?? newChat();
    const step = script.steps[chat.step];
    const record = {
      i,
      measured,
      step: step.name,
      waId: chat.waId,
      chat: chat.n,
      sentAt: performance.now(),
      wamid: null,
      replyAt: null,
      firstOutAt: null,
      putOff: 0,
      error: null,
    };
    if (i === warmCount) window.startAt = record.sentAt;
    messages.push(record);
    try {
      const sent = sandbox.userSends(chat.waId, step.send(chat, chat.lastReply), { name: chat.name });
      if (i === total - 1) {
        window.endAt = performance.now();
        window.deliveriesAfter = sandbox.deliveries().length;
        onWindow('end');
      }
      record.wamid = (await sent).wamid;
      record.error = await waitForReply(chat, record, step);
    } catch (error) {
      record.error = `the sandbox refused the message: ${error?.message ?? error}`;
    }
    if (record.error) {
      chat.failed = record.error;
      return { status: 0, body: record.error };
    }
    chat.lastReply = record.reply;
    delete record.reply;
    chat.step++;
    if (chat.step === script.steps.length) chat.completedAt = record.replyAt;
    else {
      // Exponential pauses (mean thinkMs, at most 5×): people vary, and conversations begun together drift apart soon.
      chat.readyAt = record.replyAt + Math.min(5, -Math.log(1 - random())) * thinkMs;
      idle.add(chat);
    }
    return { status: 200 };
  };

  const run = await openLoop(null, { rate, seconds: total / rate, send });
  return { messages, chats, window, worstLagMs: run.worstLagMs };
}
