/**
 * Cleaning and cutting of the plain text that feeds send. Lengths are UTF-16 code units (JavaScript
 * `length`), which is never less than the character count PostgreSQL checks against varchar(n).
 */

const CONTROL_CHARACTERS = /\p{Cc}/gu;

/** An identifier: control characters removed, trimmed; inner spaces kept, so it still matches the source. */
export function cleanIdentifier(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').trim();
}

// Anything cleanLine would change besides the ends: a control character, whitespace other than a
// plain space, or two whitespace characters in a row. Most feed values have none (the fast path).
const NEEDS_CLEANING = /\p{Cc}|[^\S ]|\s\s/u;

/** One line: line breaks and tabs become spaces, other control characters go, whitespace runs collapse. */
export function cleanLine(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text.trim();
  return text
    .replace(/[\t\n\v\f\r]/g, ' ')
    .replace(CONTROL_CHARACTERS, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Text with paragraphs: each line cleaned as by cleanLine, and at most one blank line in a row. */
export function cleanParagraphs(text: string): string {
  return text
    .split(/\r\n|[\n\v\f\r\u2028\u2029]/)
    .map(cleanLine)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The text cut to at most `max` code units: at the last space when that keeps at least half of
 * `max`, otherwise at the last whole grapheme (so never inside a surrogate pair, an accented letter
 * or an emoji sequence). Unchanged when it already fits.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = lastGraphemeEndWithin(text, max);
  const head = text.slice(0, end);
  if (/\s/.test(text.charAt(end))) return head.trimEnd();
  const lastSpace = head.search(/\s\S*$/);
  return (lastSpace >= max / 2 ? head.slice(0, lastSpace) : head).trimEnd();
}

function lastGraphemeEndWithin(text: string, max: number): number {
  let end = 0;
  for (const { index, segment } of GRAPHEMES.segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  if (end > 0) return end;
  // A single grapheme longer than max (a pile of combining marks): cut between code points.
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}
