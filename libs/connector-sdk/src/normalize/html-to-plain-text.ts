import { compile } from 'html-to-text';

// Content that is not text for a reader: dropped with everything inside it.
const DROPPED_ELEMENTS = ['script', 'style', 'iframe', 'noscript', 'template', 'object', 'embed', 'svg', 'img', 'head'];

const SELECTORS = [
  ...DROPPED_ELEMENTS.map((selector) => ({ selector, format: 'skip' })),
  { selector: 'a', options: { ignoreHref: true } },
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
  { selector: 'table', format: 'block' },
];

const fromHtml = compile({ wordwrap: false, selectors: SELECTORS });
// For text without tags: entities are decoded, the author's line breaks kept.
const fromPlainText = compile({ wordwrap: false, preserveNewlines: true, selectors: SELECTORS });

const MARKUP = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|<!--/i;

// Feeds often escape HTML twice (XML over escaped HTML), so decoded text may hold markup again.
const MAX_PASSES = 3;

// Longer input is cut before parsing; nothing past it could survive the length limits anyway.
const MAX_INPUT_LENGTH = 200_000;

/**
 * Plain text from text that may hold HTML: tags removed, entities decoded, scripts, styles and
 * frames dropped with their content, links reduced to their text. Whitespace is left to the caller.
 */
export function htmlToPlainText(input: string): { text: string; hadMarkup: boolean } {
  let text = input.slice(0, MAX_INPUT_LENGTH);
  if (!/[<&]/.test(text)) return { text, hadMarkup: false };
  let hadMarkup = false;
  if (!MARKUP.test(text)) text = fromPlainText(text);
  for (let pass = 0; pass < MAX_PASSES && MARKUP.test(text); pass++) {
    hadMarkup = true;
    text = fromHtml(text);
  }
  return { text, hadMarkup };
}
