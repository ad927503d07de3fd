import type { ProductCard } from './product-card.js';
import { fitText } from './text-fit.js';
import { LIST_MESSAGE_LIMITS } from './whatsapp-limits.js';
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
 * subtitle as the description. A title longer than a row's shows its first words there and the rest
 * leads the description, so the models and variants of one product line can be told apart.
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
        rows: cards.map((card) => {
          const title = fitText(card.title, LIST_MESSAGE_LIMITS.rowTitle, { ellipsis: true });
          const rest = title === card.title ? '' : card.title.slice(title.length - 1).trim();
          return {
            id: card.productId,
            title,
            description: [rest, card.price, card.subtitle].filter((part) => part !== '').join(' · '),
          };
        }),
      },
    ],
  });
}
