import { textMessage } from '../cloud-api/chat-message.js';
import type { Cart } from '../souk/souk-port.js';
import { saveBuyer } from './buyer-store.js';
import { countryOfNumber } from './calling-codes.js';
import { cartText, showCart } from './cart-actions.js';
import type { CheckoutQuestion } from './conversation-step.js';
import { buttonsMessage } from './interactive.js';
import { formatMoney } from './money-text.js';
import type { Outcome, Turn } from './turn.js';

export const CHECKOUT_TAPS = {
  place: 'co:place:',
  address: 'co:address',
  cancel: 'co:cancel',
  skipEmail: 'co:skip-email',
} as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const COUNTRY = /^[A-Za-z]{2}$/;

/** The short reference a buyer sees for a Souk order. */
export function orderReference(orderId: string): string {
  return `#${orderId.slice(0, 8).toUpperCase()}`;
}

export async function startCheckout(turn: Turn): Promise<Outcome> {
  const cart = await turn.souk.cart(turn.userRef);
  if (!cart.readyForCheckout) {
    if (cart.retailers.length > 0) await turn.send(textMessage(turn.t.cartNotReady));
    return showCart(turn, cart);
  }
  return nextQuestion(turn);
}

/** Asks the first thing the order still needs, or shows the summary when nothing is missing. */
export async function nextQuestion(turn: Turn): Promise<Outcome> {
  if (!turn.buyer.name && turn.profileName) turn.buyer = { ...turn.buyer, name: turn.profileName };
  if (!turn.buyer.address.country) {
    const country = countryOfNumber(turn.waId);
    if (country) turn.buyer = { ...turn.buyer, address: { ...turn.buyer.address, country } };
  }
  await saveBuyer(turn.tx, turn.waId, turn.buyer);
  const missing = missingQuestion(turn);
  if (!missing) return summary(turn);
  const questions: Record<CheckoutQuestion, string> = {
    name: turn.t.askName,
    line1: turn.t.askLine1,
    postalCode: turn.t.askPostalCode,
    city: turn.t.askCity,
    country: turn.t.askCountry,
    email: turn.t.askEmail,
  };
  if (missing === 'email')
    await turn.send(buttonsMessage(questions.email, [{ id: CHECKOUT_TAPS.skipEmail, title: turn.t.buttonSkip }]));
  else await turn.send(textMessage(questions[missing]));
  return { step: { kind: 'checkout', ask: missing } };
}

/** The buyer's answer to a checkout question. */
export async function answer(turn: Turn, question: CheckoutQuestion, text: string): Promise<Outcome> {
  const value = text.trim().slice(0, 200);
  const address = turn.buyer.address;
  if (question === 'name') turn.buyer = { ...turn.buyer, name: value };
  if (question === 'line1') turn.buyer = { ...turn.buyer, address: { ...address, line1: value } };
  if (question === 'postalCode')
    turn.buyer = { ...turn.buyer, address: { ...address, postalCode: value.toUpperCase() } };
  if (question === 'city') turn.buyer = { ...turn.buyer, address: { ...address, city: value } };
  if (question === 'country') {
    if (!COUNTRY.test(value)) {
      await turn.send(textMessage(turn.t.badCountry));
      return { step: turn.step };
    }
    turn.buyer = { ...turn.buyer, address: { ...address, country: value.toUpperCase() } };
  }
  if (question === 'email') {
    if (!EMAIL.test(value)) {
      await turn.send(buttonsMessage(turn.t.badEmail, [{ id: CHECKOUT_TAPS.skipEmail, title: turn.t.buttonSkip }]));
      return { step: turn.step };
    }
    turn.buyer = { ...turn.buyer, email: value, emailDeclined: false };
  }
  return nextQuestion(turn);
}

export async function skipEmail(turn: Turn): Promise<Outcome> {
  turn.buyer = { ...turn.buyer, email: null, emailDeclined: true };
  return nextQuestion(turn);
}

export async function changeAddress(turn: Turn): Promise<Outcome> {
  turn.buyer = { ...turn.buyer, address: {} };
  await saveBuyer(turn.tx, turn.waId, turn.buyer);
  return nextQuestion(turn);
}

export async function cancelCheckout(turn: Turn): Promise<Outcome> {
  await turn.send(textMessage(turn.t.cancelled));
  return { step: { kind: 'idle' } };
}

/** Shows what will be ordered; its Place order button carries this step's number. */
export async function summary(turn: Turn, cart?: Cart): Promise<Outcome> {
  const shown = cart ?? (await turn.souk.cart(turn.userRef));
  if (!shown.readyForCheckout) return showCart(turn, shown);
  const { name, email, address } = turn.buyer;
  const number = turn.stepNumber + 1;
  const contact = [`+${turn.waId}`, email].filter(Boolean).join(' · ');
  await turn.send(
    buttonsMessage(
      turn.t.summary(
        cartText(turn, shown),
        name ?? '',
        `${address.line1}, ${address.postalCode} ${address.city}, ${address.country}`,
        contact,
      ),
      [
        { id: `${CHECKOUT_TAPS.place}${number}`, title: turn.t.buttonPlace },
        { id: CHECKOUT_TAPS.address, title: turn.t.buttonChangeAddress },
        { id: CHECKOUT_TAPS.cancel, title: turn.t.buttonCancel },
      ],
    ),
  );
  return { step: { kind: 'confirm', number } };
}

/**
 * Places the order shown in the summary numbered `number`. The Idempotency-Key is the
 * conversation and that number, so handling the same tap again (a redelivery, a retry after a
 * crash) gives the same order, never a second one.
 */
export async function place(turn: Turn, number: number): Promise<Outcome> {
  if (turn.step.kind !== 'confirm' || turn.step.number !== number) {
    await turn.send(textMessage(turn.t.staleSummary));
    return startCheckout(turn);
  }
  const { name, email, address } = turn.buyer;
  if (!name || !address.line1 || !address.postalCode || !address.city || !address.country) return nextQuestion(turn);
  const cart = await turn.souk.cart(turn.userRef);
  const outcome = await turn.souk.checkout(
    {
      userRef: turn.userRef,
      customer: { name, email, phone: `+${turn.waId}` },
      shippingAddress: {
        name,
        line1: address.line1,
        postalCode: address.postalCode,
        city: address.city,
        country: address.country,
      },
    },
    `whatsapp-${turn.waId}-${number}`,
  );
  if (outcome.kind === 'placed') {
    const names = Object.fromEntries(cart.retailers.map((retailer) => [retailer.retailerId, retailer.retailerName]));
    await turn.tx.query(
      `INSERT INTO whatsapp_channel.order_chat (souk_order_id, wa_id, locale, retailer_names) VALUES ($1, $2, $3, $4)
       ON CONFLICT (souk_order_id) DO NOTHING`,
      [outcome.orderId, turn.waId, turn.language, JSON.stringify(names)],
    );
    await turn.send(textMessage(turn.t.placed(orderReference(outcome.orderId), outcome.retailerOrders.length)));
    return { step: { kind: 'idle' } };
  }
  if (outcome.kind === 'lines-changed') {
    const titles = new Map(cart.retailers.flatMap((retailer) => retailer.lines).map((line) => [line.offerId, line]));
    const notes: string[] = [];
    for (const change of outcome.changes) {
      const line = titles.get(change.offerId);
      const title = line?.title ?? '';
      if (change.issue === 'price_changed' && line && change.unitPriceMinor && change.currency) {
        await turn.souk.setCartLine(turn.userRef, change.offerId, line.quantity);
        notes.push(
          turn.t.priceChange(
            title,
            formatMinor(turn, line.seenPriceMinor, line.currency),
            formatMinor(turn, change.unitPriceMinor, change.currency),
          ),
        );
      } else if (change.issue === 'insufficient_stock' && line && change.stockQuantity && change.stockQuantity > 0) {
        await turn.souk.setCartLine(turn.userRef, change.offerId, change.stockQuantity);
        notes.push(turn.t.stockChange(title, change.stockQuantity));
      } else {
        await turn.souk.removeCartLine(turn.userRef, change.offerId);
        notes.push(turn.t.unavailableChange(title));
      }
    }
    await turn.send(textMessage(turn.t.pricesChanged(notes.join('\n'))));
    return summary(turn);
  }
  if (outcome.fields.some((field) => field.startsWith('shippingAddress'))) {
    await turn.send(textMessage(turn.t.cannotShip(outcome.detail)));
    return changeAddress(turn);
  }
  await turn.send(textMessage(outcome.detail));
  return { step: { kind: 'idle' } };
}

function missingQuestion(turn: Turn): CheckoutQuestion | null {
  const { name, email, emailDeclined, address } = turn.buyer;
  if (!name) return 'name';
  if (!address.line1) return 'line1';
  if (!address.postalCode) return 'postalCode';
  if (!address.city) return 'city';
  if (!address.country) return 'country';
  if (!email && !emailDeclined) return 'email';
  return null;
}

function formatMinor(turn: Turn, amountMinor: string, currency: string): string {
  return formatMoney(amountMinor, currency, turn.moneyLocale);
}
