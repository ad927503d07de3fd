import { interactiveMessage } from '../cloud-api/chat-message.js';
import { askSearch } from './browsing.js';
import { fitLine, fitText } from './fit-text.js';
import { LIMITS } from './interactive.js';
import type { Outcome, Turn } from './turn.js';

/** What a multi-product message may hold (Meta's documentation). */
const CATALOG_LIMITS = { products: 30, headerText: 60 } as const;

/**
 * The results shown last, as WhatsApp shows a catalog: one product as a single product message,
 * several as a multi-product message. Its items are the best offers' ids, the ids of the channel's
 * catalog feed; the buyer can put several in WhatsApp's cart and send it as an `order` message.
 */
export async function showInCatalog(turn: Turn): Promise<Outcome> {
  const results =
    turn.step.kind === 'results' ? turn.step.results : turn.step.kind === 'product' ? turn.step.results : null;
  if (!turn.catalogId || !results || results.hits.length === 0) return askSearch(turn);
  const offers = results.hits.slice(0, CATALOG_LIMITS.products).map((hit) => hit.offerId);
  const body = fitText(turn.t.catalogBody, LIMITS.body);
  if (offers.length === 1) {
    await turn.send(
      interactiveMessage(
        {
          type: 'product',
          body: { text: body },
          action: { catalog_id: turn.catalogId, product_retailer_id: offers[0] },
        },
        body,
      ),
    );
  } else {
    await turn.send(
      interactiveMessage(
        {
          type: 'product_list',
          header: { type: 'text', text: fitLine(turn.t.catalogHeader, CATALOG_LIMITS.headerText) },
          body: { text: body },
          action: {
            catalog_id: turn.catalogId,
            sections: [
              {
                title: fitLine(results.label, LIMITS.sectionTitle),
                product_items: offers.map((id) => ({ product_retailer_id: id })),
              },
            ],
          },
        },
        `${body}\n${results.hits.map((hit) => `- ${hit.title}: ${hit.price}`).join('\n')}`,
      ),
    );
  }
  return { step: turn.step };
}
