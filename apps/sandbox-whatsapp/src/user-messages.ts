import type { CatalogProduct } from './catalog/catalog.js';
import type { ConversationEntry, OutboundEntry } from './records.js';
import type { InboundMessage, OrderItem } from './webhooks/webhook-payloads.js';

/**
 * What a phone user sends: text (a plain string for short), a tap on a reply button or a list row
 * (the message tapped is `context.id`; left out, it is the latest message to the user that has
 * that button or row), or a cart sent from the catalog (prices and currency default to the feed's).
 * Titles and descriptions left out are taken from the message tapped, as the phone sends them.
 */
export type UserMessage =
  | string
  | { readonly text: string }
  | {
      readonly button_reply: { readonly id: string; readonly title?: string };
      readonly context?: { readonly id: string };
    }
  | {
      readonly list_reply: { readonly id: string; readonly title?: string; readonly description?: string };
      readonly context?: { readonly id: string };
    }
  | {
      readonly order: {
        readonly catalog_id?: string;
        readonly text?: string;
        readonly product_items: readonly OrderItemInput[];
      };
    };

export interface OrderItemInput {
  readonly product_retailer_id: string;
  readonly quantity: number;
  readonly item_price?: number;
  readonly currency?: string;
}

/** A user message that no phone could send: a tap on a button that is not there, an empty cart. */
export class UserMessageError extends Error {}

export interface MessageSetting {
  readonly waId: string;
  readonly wamid: string;
  readonly timestamp: string;
  readonly displayPhoneNumber: string;
  readonly catalogId: string;
  readonly transcript: readonly ConversationEntry[];
  readonly product: (retailerId: string) => Promise<CatalogProduct | undefined>;
}

interface Choice {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
}

/** Builds `value.messages[0]` of the webhook for what the user did. */
export async function inboundMessage(input: UserMessage, setting: MessageSetting): Promise<InboundMessage> {
  const base = { from: setting.waId, id: setting.wamid, timestamp: setting.timestamp };
  if (typeof input === 'string' || 'text' in input) {
    const body = typeof input === 'string' ? input : input.text;
    if (typeof body !== 'string' || body.trim() === '') throw new UserMessageError('A text message needs some text.');
    return { ...base, type: 'text', text: { body } };
  }
  if ('button_reply' in input) {
    const { entry, choice } = tapped(setting, input.context?.id, input.button_reply, 'button', buttonsOf);
    return {
      context: { from: setting.displayPhoneNumber, id: entry.wamid },
      ...base,
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: choice.id, title: choice.title } },
    };
  }
  if ('list_reply' in input) {
    const { entry, choice } = tapped(setting, input.context?.id, input.list_reply, 'list row', rowsOf);
    const description = input.list_reply.description ?? choice.description;
    return {
      context: { from: setting.displayPhoneNumber, id: entry.wamid },
      ...base,
      type: 'interactive',
      interactive: {
        type: 'list_reply',
        list_reply: { id: choice.id, title: choice.title, ...(description !== undefined ? { description } : {}) },
      },
    };
  }
  if ('order' in input) return { ...base, type: 'order', order: await order(input.order, setting) };
  throw new UserMessageError('A user message is text, a button_reply, a list_reply or an order.');
}

function tapped(
  setting: MessageSetting,
  contextId: string | undefined,
  reply: { readonly id: string; readonly title?: string },
  what: string,
  choicesOf: (entry: OutboundEntry) => Choice[],
): { entry: OutboundEntry; choice: Choice } {
  const sent = setting.transcript.filter((entry): entry is OutboundEntry => entry.direction === 'out');
  const candidates = contextId === undefined ? sent.reverse() : sent.filter((entry) => entry.wamid === contextId);
  if (contextId !== undefined && candidates.length === 0)
    throw new UserMessageError(`No message ${contextId} was sent to ${setting.waId}.`);
  for (const entry of candidates) {
    const choice = choicesOf(entry).find((candidate) => candidate.id === reply.id);
    if (!choice) continue;
    if (reply.title !== undefined && reply.title !== choice.title) {
      throw new UserMessageError(
        `The ${what} ${reply.id} of message ${entry.wamid} is titled ${JSON.stringify(choice.title)}, ` +
          `not ${JSON.stringify(reply.title)}.`,
      );
    }
    return { entry, choice };
  }
  throw new UserMessageError(
    `No ${what} ${JSON.stringify(reply.id)} in ${contextId ?? `the messages sent to ${setting.waId}`}.`,
  );
}

function buttonsOf(entry: OutboundEntry): Choice[] {
  const interactive = interactiveOf(entry);
  if (interactive?.type !== 'button') return [];
  const buttons = (interactive.action as { buttons?: { reply?: Choice }[] } | undefined)?.buttons ?? [];
  return buttons.flatMap((button) => (button.reply ? [button.reply] : []));
}

function rowsOf(entry: OutboundEntry): Choice[] {
  const interactive = interactiveOf(entry);
  if (interactive?.type !== 'list') return [];
  const sections = (interactive.action as { sections?: { rows?: Choice[] }[] } | undefined)?.sections ?? [];
  return sections.flatMap((section) => section.rows ?? []);
}

function interactiveOf(entry: OutboundEntry): Record<string, unknown> | undefined {
  return entry.message.type === 'interactive' ? (entry.message.interactive as Record<string, unknown>) : undefined;
}

async function order(
  input: { catalog_id?: string; text?: string; product_items: readonly OrderItemInput[] },
  setting: MessageSetting,
): Promise<NonNullable<InboundMessage['order']>> {
  if (!Array.isArray(input.product_items) || input.product_items.length === 0)
    throw new UserMessageError('An order needs at least one product item.');
  const items: OrderItem[] = [];
  for (const item of input.product_items) {
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 1)
      throw new UserMessageError(`The quantity of ${item.product_retailer_id} must be a whole number of at least 1.`);
    const product = await setting.product(item.product_retailer_id);
    const itemPrice = item.item_price ?? (product?.price ? Number(product.price.amount) : undefined);
    const currency = item.currency ?? product?.price?.currency;
    if (itemPrice === undefined || currency === undefined) {
      throw new UserMessageError(
        `${item.product_retailer_id} is not in the catalog with a price, ` +
          'so the order must give its item_price and currency.',
      );
    }
    items.push({
      product_retailer_id: item.product_retailer_id,
      quantity: item.quantity,
      item_price: itemPrice,
      currency,
    });
  }
  return {
    catalog_id: input.catalog_id ?? setting.catalogId,
    ...(input.text !== undefined ? { text: input.text } : {}),
    product_items: items,
  };
}
