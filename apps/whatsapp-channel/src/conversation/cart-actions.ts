import { textMessage } from '../cloud-api/chat-message.js';
import type { Cart, CartLine } from '../souk/souk-port.js';
import { TAPS } from './browsing.js';
import { buttonsMessage, listMessage } from './interactive.js';
import { totalsText } from './money-text.js';
import type { Outcome, Turn } from './turn.js';

export const CART_TAPS = {
  checkout: 'co:start',
  view: 'cart:view',
  change: 'cart:change',
  line: 'line:',
  more: 'inc:',
  less: 'dec:',
  remove: 'rm:',
  keepShopping: 'cart:continue',
} as const;

/** Puts one more of the offer in the cart and says what the cart now holds. */
export async function addToCart(turn: Turn, offerId: string): Promise<Outcome> {
  const current = findLine(await turn.souk.cart(turn.userRef), offerId);
  const cart = await turn.souk.setCartLine(turn.userRef, offerId, (current?.quantity ?? 0) + 1);
  if (!cart) {
    await turn.send(textMessage(turn.t.productGone));
    return { step: { kind: 'idle' } };
  }
  const added = findLine(cart, offerId);
  await turn.send(
    buttonsMessage(turn.t.added(added?.title ?? '', itemCount(cart), totalsText(cart.totals)), [
      { id: CART_TAPS.checkout, title: turn.t.buttonCheckout },
      { id: CART_TAPS.view, title: turn.t.buttonViewCart },
      { id: CART_TAPS.keepShopping, title: turn.t.buttonContinue },
    ]),
  );
  return { step: turn.step };
}

export async function showCart(turn: Turn, cart?: Cart): Promise<Outcome> {
  const shown = cart ?? (await turn.souk.cart(turn.userRef));
  if (itemCount(shown) === 0 && shown.unavailable.length === 0) {
    await turn.send(
      buttonsMessage(turn.t.cartEmpty, [
        { id: TAPS.search, title: turn.t.buttonSearch },
        { id: TAPS.categories, title: turn.t.buttonCategories },
      ]),
    );
    return { step: { kind: 'idle' } };
  }
  await turn.send(
    buttonsMessage(`*${turn.t.cartHeader}*\n\n${cartText(turn, shown)}`, [
      { id: CART_TAPS.checkout, title: turn.t.buttonCheckout },
      { id: CART_TAPS.change, title: turn.t.buttonChange },
      { id: CART_TAPS.keepShopping, title: turn.t.buttonContinue },
    ]),
  );
  return { step: { kind: 'idle' } };
}

/** The lines of the cart as text: per retailer, its lines and subtotal; then the totals per currency. */
export function cartText(turn: Turn, cart: Cart): string {
  const blocks = cart.retailers.map((retailer) => {
    const lines = retailer.lines.map((line) => lineText(turn, line));
    return [`_${retailer.retailerName}_`, ...lines, turn.t.subtotal(totalsText(retailer.subtotals))].join('\n');
  });
  const unavailable = cart.unavailable.map((line) => turn.t.cartLineUnavailable(line.title ?? ''));
  return [
    ...blocks,
    ...(unavailable.length ? [unavailable.join('\n')] : []),
    turn.t.total(totalsText(cart.totals)),
  ].join('\n\n');
}

export async function chooseLine(turn: Turn): Promise<Outcome> {
  const cart = await turn.souk.cart(turn.userRef);
  const lines = cart.retailers.flatMap((retailer) => retailer.lines);
  if (lines.length === 0) return showCart(turn, cart);
  await turn.send(
    listMessage(
      turn.t.changeWhich,
      turn.t.changeButton,
      turn.t.cartHeader,
      lines.map((line) => ({
        id: `${CART_TAPS.line}${line.offerId}`,
        title: line.title ?? '',
        description: turn.t.lineRow(line.quantity),
      })),
    ),
  );
  return { step: { kind: 'idle' } };
}

export async function lineActions(turn: Turn, offerId: string): Promise<Outcome> {
  const line = findLine(await turn.souk.cart(turn.userRef), offerId);
  if (!line) return showCart(turn);
  await turn.send(
    buttonsMessage(turn.t.lineActions(line.quantity, line.title ?? ''), [
      { id: `${CART_TAPS.more}${offerId}`, title: turn.t.buttonMore },
      { id: `${CART_TAPS.less}${offerId}`, title: turn.t.buttonLess },
      { id: `${CART_TAPS.remove}${offerId}`, title: turn.t.buttonRemove },
    ]),
  );
  return { step: { kind: 'idle' } };
}

export async function changeQuantity(turn: Turn, offerId: string, change: 1 | -1 | 'remove'): Promise<Outcome> {
  const line = findLine(await turn.souk.cart(turn.userRef), offerId);
  const quantity = change === 'remove' || !line ? 0 : line.quantity + change;
  const cart =
    quantity > 0
      ? await turn.souk.setCartLine(turn.userRef, offerId, quantity)
      : await turn.souk.removeCartLine(turn.userRef, offerId);
  return showCart(turn, cart ?? undefined);
}

export function itemCount(cart: Cart): number {
  return cart.retailers.flatMap((retailer) => retailer.lines).reduce((sum, line) => sum + line.quantity, 0);
}

function findLine(cart: Cart, offerId: string): CartLine | undefined {
  return cart.retailers.flatMap((retailer) => retailer.lines).find((line) => line.offerId === offerId);
}

function lineText(turn: Turn, line: CartLine): string {
  const total = line.lineTotal ?? '—';
  const issues = line.issues.length ? ` (${line.issues.map((issue) => turn.t.cartLineIssue(issue)).join(', ')})` : '';
  return `${turn.t.cartLine(line.quantity, line.title ?? '', total)}${issues}`;
}
