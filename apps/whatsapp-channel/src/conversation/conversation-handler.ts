import type pg from 'pg';
import { textMessage, type ChatMessage } from '../cloud-api/chat-message.js';
import type { ChatSender } from '../cloud-api/chat-sender.js';
import { CloudApiUnavailableError } from '../cloud-api/cloud-api-client.js';
import {
  TryLaterError,
  type ConversationRow,
  type MessageHandler,
  type PendingMessage,
} from '../inbox/inbox-worker.js';
import type { SoukPort } from '../souk/souk-port.js';
import {
  TAPS,
  askSearch,
  back,
  browseCategory,
  categories,
  moreResults,
  otherOffers,
  search,
  showProduct,
  welcome,
} from './browsing.js';
import { showInCatalog } from './catalog-messages.js';
import { loadBuyer } from './buyer-store.js';
import { CART_TAPS, addToCart, changeQuantity, chooseLine, lineActions, showCart } from './cart-actions.js';
import {
  CHECKOUT_TAPS,
  answer,
  cancelCheckout,
  changeAddress,
  place,
  skipEmail,
  startCheckout,
} from './checkout-flow.js';
import { readStep, type Step } from './conversation-step.js';
import { readInput, type Input } from './inbound-input.js';
import { buttonsMessage } from './interactive.js';
import { languageOf, stringsFor } from './strings/catalog.js';
import type { Outcome, Turn } from './turn.js';

export interface Shop {
  readonly name: string;
  /** The channel's locale at Souk, in which prices are shown. */
  readonly locale: string;
}

/** The buyer's reference at Souk for a WhatsApp user: opaque to Souk, stable for the number. */
export function userRefOf(waId: string): string {
  return `whatsapp:+${waId}`;
}

/**
 * The conversation: reads what a message means, answers it through the flows (browsing, cart,
 * checkout) and keeps where the conversation now stands. Runs inside the inbox worker's
 * transaction, so the new step is kept exactly when the message is marked done.
 */
export class ConversationHandler implements MessageHandler {
  constructor(
    private readonly souk: SoukPort,
    private readonly sender: ChatSender,
    private readonly shop: () => Shop,
    private readonly catalogId: string | null = null,
  ) {}

  async handle(tx: pg.PoolClient, conversation: ConversationRow, pending: PendingMessage): Promise<void> {
    const input = readInput(pending.message);
    const language = input.kind === 'greeting' && input.language ? input.language : languageOf(conversation.locale);
    const turn = await this.turn(tx, conversation, language);
    const outcome = await this.unavailableToTryLater(() => this.answer(turn, input));
    await tx.query(
      `UPDATE whatsapp_channel.conversation SET step = $2, step_number = step_number + 1, locale = $3,
        updated_at = now() WHERE wa_id = $1`,
      [conversation.waId, JSON.stringify(outcome.step), language],
    );
  }

  async putOff(tx: pg.PoolClient, conversation: ConversationRow): Promise<void> {
    await this.say(conversation, textMessage(stringsFor(conversation.locale).tryAgainShortly));
  }

  async gaveUp(tx: pg.PoolClient, conversation: ConversationRow): Promise<void> {
    await this.say(conversation, textMessage(stringsFor(conversation.locale).gaveUp));
  }

  private async answer(turn: Turn, input: Input): Promise<Outcome> {
    const t = turn.t;
    const menu = () => [
      { id: TAPS.search, title: t.buttonSearch },
      { id: TAPS.categories, title: t.buttonCategories },
      { id: TAPS.cart, title: t.buttonCart },
    ];
    if (turn.step.kind === 'new' && input.kind !== 'order' && input.kind !== 'tap') {
      const outcome = await welcome(turn);
      return input.kind === 'text' ? search({ ...turn, step: outcome.step }, input.text) : outcome;
    }
    switch (input.kind) {
      case 'greeting':
        return welcome(turn);
      case 'help':
        await turn.send(buttonsMessage(t.help, menu()));
        return { step: { kind: 'idle' } };
      case 'stop':
        await turn.send(textMessage(t.stopped));
        return { step: { kind: 'idle' } };
      case 'cart':
        return showCart(turn);
      case 'unsupported':
        await turn.send(textMessage(t.unsupported));
        return { step: turn.step };
      case 'order':
        return this.takeOrder(turn, input.items);
      case 'text':
        return turn.step.kind === 'checkout' ? answer(turn, turn.step.ask, input.text) : search(turn, input.text);
      case 'tap':
        return this.tap(turn, input.id);
    }
  }

  private async tap(turn: Turn, id: string): Promise<Outcome> {
    const after = (prefix: string) => (id.startsWith(prefix) ? id.slice(prefix.length) : null);
    if (id === TAPS.search || id === CART_TAPS.keepShopping) return askSearch(turn);
    if (id === TAPS.categories) return categories(turn);
    if (id === TAPS.cart || id === CART_TAPS.view) return showCart(turn);
    if (id === TAPS.more) return moreResults(turn);
    if (id === TAPS.catalog) return showInCatalog(turn);
    if (id === TAPS.back) return back(turn);
    if (id === CART_TAPS.change) return chooseLine(turn);
    if (id === CART_TAPS.checkout) return startCheckout(turn);
    if (id === CHECKOUT_TAPS.address) return changeAddress(turn);
    if (id === CHECKOUT_TAPS.cancel) return cancelCheckout(turn);
    if (id === CHECKOUT_TAPS.skipEmail) return skipEmail(turn);
    const product = after(TAPS.product);
    if (product) return showProduct(turn, product);
    const category = after(TAPS.category);
    if (category) {
      const [categoryId, ...name] = category.split(':');
      return browseCategory(turn, Number(categoryId), name.join(':'));
    }
    const add = after(TAPS.add);
    if (add) return addToCart(turn, add);
    const offers = after(TAPS.otherOffers);
    if (offers) return otherOffers(turn, offers);
    const line = after(CART_TAPS.line);
    if (line) return lineActions(turn, line);
    const more = after(CART_TAPS.more);
    if (more) return changeQuantity(turn, more, 1);
    const less = after(CART_TAPS.less);
    if (less) return changeQuantity(turn, less, -1);
    const remove = after(CART_TAPS.remove);
    if (remove) return changeQuantity(turn, remove, 'remove');
    const placing = after(CHECKOUT_TAPS.place);
    if (placing && /^\d+$/.test(placing)) return place(turn, Number(placing));
    await turn.send(textMessage(turn.t.hint));
    return { step: turn.step };
  }

  /** A cart sent from the WhatsApp catalog becomes the Souk cart, and checkout starts. */
  private async takeOrder(turn: Turn, items: readonly { offerId: string; quantity: number }[]): Promise<Outcome> {
    const wanted = new Map(items.map((item) => [item.offerId, item.quantity]));
    const current = await turn.souk.cart(turn.userRef);
    for (const line of [...current.retailers.flatMap((retailer) => retailer.lines), ...current.unavailable]) {
      if (!wanted.has(line.offerId)) await turn.souk.removeCartLine(turn.userRef, line.offerId);
    }
    for (const [offerId, quantity] of wanted) await turn.souk.setCartLine(turn.userRef, offerId, quantity);
    return startCheckout(turn);
  }

  private async turn(tx: pg.PoolClient, conversation: ConversationRow, language: string): Promise<Turn> {
    const shop = this.shop();
    const step: Step = readStep(conversation.step);
    return {
      tx,
      waId: conversation.waId,
      userRef: userRefOf(conversation.waId),
      profileName: conversation.profileName,
      language,
      moneyLocale: shop.locale,
      t: stringsFor(language),
      souk: this.souk,
      shopName: shop.name,
      catalogId: this.catalogId,
      step,
      stepNumber: conversation.stepNumber,
      buyer: await loadBuyer(tx, conversation.waId),
      send: async (message: ChatMessage) => {
        await this.sender.send(conversation.waId, language, message);
      },
    };
  }

  private async say(conversation: ConversationRow, message: ChatMessage): Promise<void> {
    await this.sender.send(conversation.waId, languageOf(conversation.locale), message);
  }

  private async unavailableToTryLater<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof CloudApiUnavailableError) throw new TryLaterError(error.message);
      throw error;
    }
  }
}
