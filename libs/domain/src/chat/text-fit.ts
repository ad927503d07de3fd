import { toWellFormed } from './well-formed.js';

export interface FitTextOptions {
  /** End a shortened text with '…'; the ellipsis counts inside the limit. */
  readonly ellipsis?: boolean;
}

export const ELLIPSIS = '…';

// 'und': segmentation must not depend on the locale of the process running it.
const GRAPHEMES = new Intl.Segmenter('und', { granularity: 'grapheme' });
const WORDS = new Intl.Segmenter('und', { granularity: 'word' });

// Intl puts these between a currency symbol and its amount ("€ 19,99") and between digit groups
// (fr-FR "1 199,00 €"); turning them into plain spaces would let a chat bubble wrap a price apart.
const NO_BREAK_SPACES = /^[\u00a0\u2007\u202f]+$/;

/**
 * Whitespace runs collapsed to one space (a run of no-break spaces only to one no-break space),
 * both ends trimmed, unpaired surrogates replaced by U+FFFD.
 */
export function cleanText(text: string): string {
  return toWellFormed(text)
    .replace(/\s+/g, (run) => (NO_BREAK_SPACES.test(run) ? run.charAt(0) : ' '))
    .trim();
}

/**
 * The cleaned text (see cleanText), cut to at most `max` UTF-16 code units when longer.
 *
 * Length is JavaScript's `length`, never less than the code point count, so the result meets a
 * receiver's limit whether it counts code units or code points. The cut falls after the last whole
 * word that ends in the last 40% of the room; without one, after the last whole grapheme (never
 * inside a surrogate pair, a combining sequence or an emoji ZWJ sequence). Words are Unicode words
 * (Intl.Segmenter), so Chinese and Japanese text is cut between words too.
 *
 * @throws RangeError when `max` is not a non-negative integer.
 */
export function fitText(text: string, max: number, options: FitTextOptions = {}): string {
  if (!Number.isSafeInteger(max) || max < 0) throw new RangeError(`max must be a non-negative integer, got ${max}`);
  const cleaned = cleanText(text);
  if (cleaned.length <= max) return cleaned;
  const ellipsis = options.ellipsis === true && max > 0 ? ELLIPSIS : '';
  const room = max - ellipsis.length;
  return cleaned.slice(0, cutPosition(cleaned, room)).trimEnd() + ellipsis;
}

function cutPosition(text: string, room: number): number {
  const { ends, lastEnd } = graphemeEndsWithin(text, room);
  const wordEnd = lastWordEndWithin(text, room, ends);
  // room * 3/5 in integers: the word must end in the last 40% of the room.
  return wordEnd > 0 && wordEnd * 5 >= room * 3 ? wordEnd : lastEnd;
}

function graphemeEndsWithin(text: string, room: number): { ends: Set<number>; lastEnd: number } {
  const ends = new Set<number>();
  let lastEnd = 0;
  for (const { index, segment } of GRAPHEMES.segment(text)) {
    const end = index + segment.length;
    if (end > room) break;
    ends.add(end);
    lastEnd = end;
  }
  return { ends, lastEnd };
}

/** 0 when no word ends within the room. Only ends that are also grapheme ends count. */
function lastWordEndWithin(text: string, room: number, graphemeEnds: ReadonlySet<number>): number {
  let wordEnd = 0;
  for (const { index, segment, isWordLike } of WORDS.segment(text)) {
    const end = index + segment.length;
    if (end > room) break;
    if (isWordLike && graphemeEnds.has(end)) wordEnd = end;
  }
  return wordEnd;
}
