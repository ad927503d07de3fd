import { productIdFromRefToken, productRefToken } from './product-ref-token.js';
import { fitText } from './text-fit.js';

/** Room for the title in the prefilled message; the token after it must stay whole. */
export const SHARE_TEXT_TITLE_MAX = 80;

// A token stands alone: not glued to letters or digits on either side.
const TOKEN = /(?<![A-Za-z0-9])P-[A-Z2-7]{4,}(?![A-Za-z0-9])/gi;

/**
 * The message a click-to-chat link prefills: "I'd like to buy: <title> [ref <token>]". The token
 * (productRefToken) lets the chat flow find the product in what the user sends back.
 */
export function productShareText(productId: string, title: string): string {
  return (
    `I'd like to buy: ${fitText(title, SHARE_TEXT_TITLE_MAX, { ellipsis: true })} ` +
    `[ref ${productRefToken(productId)}]`
  );
}

/**
 * The product id of the ref token in a message the user sent, wherever it stands and whatever text
 * they changed around it; null when the message holds no whole, undamaged token.
 */
export function parseProductRef(message: string): string | null {
  // The last token wins: ours ends the prefilled text, and a product title that happens to hold a
  // token-like word comes before it.
  const tokens = [...message.matchAll(TOKEN)].map((match) => match[0]).reverse();
  for (const token of tokens) {
    const productId = productIdFromRefToken(token);
    if (productId !== null) return productId;
  }
  return null;
}
