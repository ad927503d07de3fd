import { textMessage } from '../cloud-api/chat-message.js';
import type { SearchPage } from '../souk/souk-port.js';
import type { HitMemo, ResultsMemo } from './conversation-step.js';
import { fitLine } from './fit-text.js';
import { buttonsMessage, listMessage, LIMITS } from './interactive.js';
import type { Outcome, Turn } from './turn.js';

/** Products per list message: rows are kept for "more results" and, with a Meta catalog, "see them in the catalog". */
const pageSize = (turn: Turn) => LIMITS.rows - 1 - (turn.catalogId ? 1 : 0);

export const TAPS = {
  search: 'menu:search',
  categories: 'menu:categories',
  cart: 'menu:cart',
  more: 'more',
  catalog: 'catalog',
  back: 'back',
  product: 'p:',
  category: 'cat:',
  add: 'add:',
  otherOffers: 'offers:',
} as const;

export async function welcome(turn: Turn): Promise<Outcome> {
  await turn.send(
    buttonsMessage(turn.t.welcome(turn.profileName, turn.shopName), [
      { id: TAPS.search, title: turn.t.buttonSearch },
      { id: TAPS.categories, title: turn.t.buttonCategories },
      { id: TAPS.cart, title: turn.t.buttonCart },
    ]),
  );
  return { step: { kind: 'idle' } };
}

export async function askSearch(turn: Turn): Promise<Outcome> {
  await turn.send(textMessage(turn.t.askSearch));
  return { step: { kind: 'idle' } };
}

export async function search(turn: Turn, q: string): Promise<Outcome> {
  const page = await turn.souk.search(turn.userRef, { q, limit: pageSize(turn) });
  if (page.items.length === 0) {
    await turn.send(buttonsMessage(turn.t.noResults(q), [{ id: TAPS.categories, title: turn.t.buttonCategories }]));
    return { step: { kind: 'idle' } };
  }
  return showResults(turn, memo(page, { q, categoryId: null, label: q }));
}

export async function browseCategory(turn: Turn, categoryId: number, label: string): Promise<Outcome> {
  const page = await turn.souk.search(turn.userRef, { categoryId, limit: pageSize(turn) });
  if (page.items.length === 0) return categories(turn);
  return showResults(turn, memo(page, { q: null, categoryId, label }));
}

export async function moreResults(turn: Turn): Promise<Outcome> {
  const shown =
    turn.step.kind === 'results' ? turn.step.results : turn.step.kind === 'product' ? turn.step.results : null;
  if (!shown?.nextCursor) return askSearch(turn);
  const page = await turn.souk.search(turn.userRef, {
    ...(shown.q ? { q: shown.q } : {}),
    ...(shown.categoryId !== null ? { categoryId: shown.categoryId } : {}),
    cursor: shown.nextCursor,
    limit: pageSize(turn),
  });
  if (page.items.length === 0) return askSearch(turn);
  return showResults(turn, memo(page, shown));
}

export async function showResults(turn: Turn, results: ResultsMemo): Promise<Outcome> {
  const rows = results.hits.map((hit) => {
    // A title longer than a row's shows its first words there; the rest leads the description, so
    // rows of one product line ("Speaker (white)", "Speaker (black)") can be told apart.
    const title = fitLine(hit.title, LIMITS.rowTitle);
    const rest = title.endsWith('…') ? hit.title.slice(title.length - 1).trim() : '';
    const where = choiceLine(turn, hit) || hit.retailerName;
    return {
      id: `${TAPS.product}${hit.productId}`,
      title,
      description: [rest, hit.price, where].filter(Boolean).join(' · '),
    };
  });
  if (results.nextCursor) rows.push({ id: TAPS.more, title: turn.t.moreRow, description: turn.t.moreRowDescription });
  if (turn.catalogId)
    rows.push({ id: TAPS.catalog, title: turn.t.catalogRow, description: turn.t.catalogRowDescription });
  const found = turn.t.offersCount(results.total);
  const body = results.q !== null ? turn.t.results(results.q, found) : turn.t.categoryResults(results.label, found);
  await turn.send(listMessage(body, turn.t.resultsButton, turn.t.resultsSection, rows));
  return { step: { kind: 'results', results } };
}

export async function showProduct(turn: Turn, productId: string): Promise<Outcome> {
  const results =
    turn.step.kind === 'results' ? turn.step.results : turn.step.kind === 'product' ? turn.step.results : null;
  const hit =
    results?.hits.find((candidate) => candidate.productId === productId) ?? (await hitFromSouk(turn, productId));
  if (!hit) {
    await turn.send(textMessage(turn.t.productGone));
    return { step: { kind: 'idle' } };
  }
  const offers = choiceLine(turn, hit);
  const buttons = [{ id: `${TAPS.add}${hit.offerId}`, title: turn.t.buttonAdd }];
  if (hit.offerCount > 1) {
    const title = (hit.variantCount ?? 1) > 1 ? turn.t.buttonChooseVariant : turn.t.buttonOtherOffers;
    buttons.push({ id: `${TAPS.otherOffers}${hit.productId}`, title });
  }
  buttons.push({ id: TAPS.back, title: turn.t.buttonBack });
  await turn.send(
    buttonsMessage(turn.t.productCard(hit.title, hit.price, hit.retailerName, offers), buttons, hit.imageLink),
  );
  return { step: { kind: 'product', hit, results } };
}

/** "3 variants" for a product in sizes or colours, "at 2 shops" for one sold by several, else nothing. */
function choiceLine(turn: Turn, hit: HitMemo): string {
  if ((hit.variantCount ?? 1) > 1) return turn.t.variantsCount(hit.variantCount!);
  return hit.offerCount > 1 ? turn.t.shopsCount(hit.offerCount) : '';
}

export async function otherOffers(turn: Turn, productId: string): Promise<Outcome> {
  const offers = await turn.souk.productOffers(productId);
  if (!offers || offers.length === 0) {
    await turn.send(textMessage(turn.t.productGone));
    return { step: { kind: 'idle' } };
  }
  const title = turn.step.kind === 'product' ? turn.step.hit.title : (offers[0]?.title ?? '');
  await turn.send(
    listMessage(
      turn.t.otherOffers(title),
      turn.t.otherOffersButton,
      turn.t.resultsSection,
      // A product's offers differ by variant, by shop or both: each row says which, before the stock.
      offers.map((offer) => ({
        id: `${TAPS.add}${offer.offerId}`,
        title: offer.price,
        description: [
          Object.values(offer.variantAttributes).join(' / '),
          offer.retailerName,
          turn.t.availability(offer.availability),
        ]
          .filter(Boolean)
          .join(' · '),
      })),
    ),
  );
  return { step: turn.step };
}

export async function back(turn: Turn): Promise<Outcome> {
  const results =
    turn.step.kind === 'product' ? turn.step.results : turn.step.kind === 'results' ? turn.step.results : null;
  return results ? showResults(turn, results) : welcome(turn);
}

export async function categories(turn: Turn): Promise<Outcome> {
  const choices = await turn.souk.categories();
  if (choices.length === 0) {
    await turn.send(textMessage(turn.t.noCategories));
    return { step: { kind: 'idle' } };
  }
  await turn.send(
    listMessage(
      turn.t.categoriesBody,
      turn.t.categoriesButton,
      turn.t.categoriesButton,
      choices.map((choice) => ({
        id: `${TAPS.category}${choice.id}:${choice.name}`,
        title: choice.name,
        description: turn.t.categoryRowDescription(choice.count),
      })),
    ),
  );
  return { step: { kind: 'idle' } };
}

function memo(page: SearchPage, what: { q: string | null; categoryId: number | null; label: string }): ResultsMemo {
  return {
    ...what,
    total: page.total,
    nextCursor: page.nextCursor,
    hits: page.items.map((item): HitMemo => ({
      productId: item.productId,
      offerId: item.bestOffer.offerId,
      title: item.bestOffer.title,
      retailerName: item.bestOffer.retailerName,
      price: item.bestOffer.price,
      imageLink: item.bestOffer.imageLink,
      offerCount: item.offerCount,
      variantCount: item.variantCount,
    })),
  };
}

/** A product that was not on the page shown (a tap on an older list): its best offer, from Souk. */
async function hitFromSouk(turn: Turn, productId: string): Promise<HitMemo | null> {
  const offers = await turn.souk.productOffers(productId);
  const best = offers?.[0];
  if (!best) return null;
  return {
    productId,
    offerId: best.offerId,
    title: best.title,
    retailerName: best.retailerName,
    price: best.price,
    imageLink: best.imageLink,
    offerCount: offers.length,
    variantCount: new Set(offers.map((offer) => offer.variantKey)).size,
  };
}
