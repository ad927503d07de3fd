import type { ProductCard } from './product-card.js';
import { listMessage, type ListMessageDropped } from './whatsapp-list-message.js';
import type { BuiltPayload, WhatsAppInteractiveList } from './whatsapp-payload-types.js';

export interface ProductListMessageOptions {
  readonly body: string;
  readonly buttonLabel: string;
  readonly header?: string;
  readonly footer?: string;
  readonly sectionTitle?: string;
}

/**
 * Product cards as a list message: one row per card, in order (the first 10), with the product id
 * as row id (it comes back in the user's choice), the title fitted to a row title, and price and
 * subtitle as the description.
 *
 * @throws WhatsAppPayloadError as listMessage does, e.g. for no cards or the same product twice.
 */
export function productListMessage(
  cards: readonly ProductCard[],
  options: ProductListMessageOptions,
): BuiltPayload<WhatsAppInteractiveList, ListMessageDropped> {
  return listMessage({
    body: options.body,
    buttonLabel: options.buttonLabel,
    header: options.header,
    footer: options.footer,
    sections: [
      {
        title: options.sectionTitle,
        rows: cards.map((card) => ({
          id: card.productId,
          title: card.title,
          description: [card.price, card.subtitle].filter((part) => part !== '').join(' · '),
        })),
      },
    ],
  });
}
