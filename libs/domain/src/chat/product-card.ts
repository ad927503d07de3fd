import type { CurrencyCode } from '../currency.js';
import { formatPrice } from './money-format.js';
import { cleanText, fitText } from './text-fit.js';

export interface ProductCardInput {
  readonly productId: string;
  readonly title: string;
  readonly brand?: string;
  readonly imageUrl?: string;
  readonly priceMinor: number;
  readonly currency: CurrencyCode;
  /** Offers of the product the channel may show; a priced product has at least one. */
  readonly offerCount: number;
  readonly link: string;
}

export interface ProductCardOptions {
  readonly locale: string;
  /** Most characters (UTF-16 code units) of the title; default 60. */
  readonly titleMax?: number;
}

/** A product as chat front ends show it; every text already fits. */
export interface ProductCard {
  readonly productId: string;
  readonly title: string;
  readonly price: string;
  /** "3 offers" when several retailers sell it, else the brand, else "1 offer". */
  readonly subtitle: string;
  readonly imageUrl?: string;
  readonly link: string;
}

export const DEFAULT_CARD_TITLE_MAX = 60;
export const CARD_SUBTITLE_MAX = 60;
/** One SMS segment in the GSM 7-bit alphabet. */
export const PLAIN_TEXT_CARD_MAX = 160;

const SEPARATOR = ' · ';
/** Below this the title would be unreadable, so the link gives way. */
const PLAIN_TEXT_MIN_TITLE = 20;

export function productCard(input: ProductCardInput, options: ProductCardOptions): ProductCard {
  const imageUrl = input.imageUrl?.trim();
  return {
    productId: input.productId,
    title: fitText(input.title, options.titleMax ?? DEFAULT_CARD_TITLE_MAX, { ellipsis: true }),
    price: formatPrice(input.priceMinor, input.currency, options.locale),
    subtitle: cardSubtitle(input),
    ...(imageUrl ? { imageUrl } : {}),
    link: input.link.trim(),
  };
}

/**
 * The card as plain text for SMS-like channels, no markup: "<title> · <price> · <subtitle>" and,
 * on a second line, the link. At most 160 characters by construction: the title gets the room the
 * other parts leave, and the link (which cannot be cut and still work) is left out when it would
 * leave the title fewer than 20 characters.
 */
export function plainTextCard(input: ProductCardInput, options: ProductCardOptions): string {
  const card = productCard(input, options);
  const details = [card.price, card.subtitle].filter((part) => part !== '').join(SEPARATOR);
  const titleMax = options.titleMax ?? DEFAULT_CARD_TITLE_MAX;
  const roomWithoutLink = PLAIN_TEXT_CARD_MAX - details.length - SEPARATOR.length;
  const roomWithLink = roomWithoutLink - card.link.length - 1;
  const withLink = card.link !== '' && roomWithLink >= PLAIN_TEXT_MIN_TITLE;
  const titleRoom = Math.max(0, Math.min(titleMax, withLink ? roomWithLink : roomWithoutLink));
  const title = fitText(input.title, titleRoom, { ellipsis: true });
  const firstLine = title === '' ? details : title + SEPARATOR + details;
  return withLink ? `${firstLine}\n${card.link}` : firstLine;
}

function cardSubtitle(input: ProductCardInput): string {
  if (!Number.isSafeInteger(input.offerCount) || input.offerCount < 1) {
    throw new RangeError(`a product card needs at least one offer, got offerCount ${input.offerCount}`);
  }
  if (input.offerCount > 1) return `${input.offerCount} offers`;
  const brand = cleanText(input.brand ?? '');
  return brand === '' ? '1 offer' : fitText(brand, CARD_SUBTITLE_MAX, { ellipsis: true });
}
