import {
  clickToChatLink,
  interactiveMessage,
  multiProductMessage,
  plainTextCard,
  productCard,
  productListMessage,
  productShareText,
  replyButtons,
  WhatsAppPayloadError,
  type CurrencyCode,
  type ProductCard,
  type ProductCardInput,
} from '#domain';
import { ProblemException } from '#platform';
import type { ChannelContext } from '../visibility/channel-context.js';
import type { SearchFormat, SearchHitView } from './search.dto.js';

/** The parts of a result list that every format keeps. */
export interface ResultList {
  readonly query: string | null;
  readonly total: number;
  readonly approximate: boolean;
  readonly nextCursor: string | null;
  readonly items: readonly SearchHitView[];
}

export interface ChatOutputOptions {
  readonly format: Exclude<SearchFormat, 'json'>;
  /** WhatsApp formats: wraps the interactive object in a whole message to this number. */
  readonly to?: string;
  /** The message body of WhatsApp formats. */
  readonly body: string;
}

/**
 * A result list as chat front ends send it (format parameter):
 *   - cards: compact product cards (title cut at a word boundary, price in the channel's locale);
 *   - plain: one SMS-sized text per product (at most 160 characters each);
 *   - whatsapp_list: a list message, one row per product (the first 10);
 *   - whatsapp_product_list: a multi-product message into the channel's Meta catalog, one section
 *     per category (at most 30 products in 10 sections), each product as its best offer's id, which is
 *     the item id in the channel's catalog feed;
 *   - whatsapp_buttons: reply buttons for the first 3 products, numbered.
 * WhatsApp limits are enforced by the builders in #domain; what they left out is reported in `dropped`.
 */
export function chatOutput(
  list: ResultList,
  channel: ChannelContext,
  options: ChatOutputOptions,
): Record<string, unknown> {
  const inputs = list.items.map((item) => cardInput(item, channel));
  const base = { query: list.query, total: list.total, approximate: list.approximate, nextCursor: list.nextCursor };
  const cardOptions = { locale: channel.locale };
  if (options.format === 'cards') return { ...base, cards: inputs.map((input) => productCard(input, cardOptions)) };
  if (options.format === 'plain') return { ...base, texts: inputs.map((input) => plainTextCard(input, cardOptions)) };
  if (inputs.length === 0) return { ...base, payload: null, dropped: null };
  const cards = inputs.map((input) => productCard(input, cardOptions));
  try {
    const built = whatsAppPayload(options.format, cards, list.items, channel, options.body);
    return {
      ...base,
      payload: options.to ? interactiveMessage(options.to, built.payload) : built.payload,
      dropped: built.dropped,
    };
  } catch (error) {
    if (error instanceof WhatsAppPayloadError)
      throw ProblemException.validation([{ field: 'format', message: error.message }]);
    throw error;
  }
}

function whatsAppPayload(
  format: 'whatsapp_list' | 'whatsapp_product_list' | 'whatsapp_buttons',
  cards: readonly ProductCard[],
  items: readonly SearchHitView[],
  channel: ChannelContext,
  body: string,
): { payload: Parameters<typeof interactiveMessage>[1]; dropped: unknown } {
  if (format === 'whatsapp_list') return productListMessage(cards, { body, buttonLabel: 'View products' });
  if (format === 'whatsapp_buttons') {
    // Numbered, because the Cloud API wants distinct labels and titles cut to 20 characters often are not.
    return replyButtons({
      body,
      buttons: cards.map((card, index) => ({ id: card.productId, title: `${index + 1}. ${card.title}` })),
    });
  }
  if (!channel.whatsappCatalogId) {
    throw ProblemException.validation([
      { field: 'format', message: 'whatsapp_product_list needs the channel to have a whatsappCatalogId' },
    ]);
  }
  // The catalog's items are offers (the channel's feed: product retailer id = offer id), so each product shows its best
  // offer.
  const sections = new Map<string, string[]>();
  for (const item of items) {
    const title = item.categoryName ?? 'More';
    sections.set(title, [...(sections.get(title) ?? []), item.bestOffer.offerId]);
  }
  return multiProductMessage({
    header: 'Products',
    body,
    catalogId: channel.whatsappCatalogId,
    sections: [...sections].map(([title, productRetailerIds]) => ({ title, productRetailerIds })),
  });
}

/** The buy-in-chat link when the channel has a WhatsApp number, else the retailer's product page. */
export function productLink(productId: string, title: string, fallback: string, channel: ChannelContext): string {
  return channel.whatsappNumber
    ? clickToChatLink(channel.whatsappNumber, productShareText(productId, title))
    : fallback;
}

function cardInput(item: SearchHitView, channel: ChannelContext): ProductCardInput {
  const offer = item.bestOffer;
  return {
    productId: item.productId,
    title: offer.title,
    ...(offer.brand ? { brand: offer.brand } : {}),
    ...(offer.imageLink ? { imageUrl: offer.imageLink } : {}),
    priceMinor: Number(offer.priceMinor),
    currency: offer.currency as CurrencyCode,
    offerCount: item.offerCount,
    link: productLink(item.productId, offer.title, offer.link, channel),
  };
}
