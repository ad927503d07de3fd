const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The text cut to at most `limit` characters (UTF-16 code units, as the Cloud API counts), at a
 * word boundary when one is near, never inside a grapheme (an emoji, a letter with its accents),
 * with an ellipsis when something was cut.
 */
export function fitText(text: string, limit: number): string {
  const clean = text
    .split('\n')
    // Only plain spaces and tabs collapse: a no-break space (as between "€" and an amount) stays.
    .map((line) => line.replace(/[ \t\r]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (clean.length <= limit) return clean;
  let kept = '';
  for (const { segment } of segmenter.segment(clean)) {
    if (kept.length + segment.length > limit - 1) break;
    kept += segment;
  }
  const space = Math.max(kept.lastIndexOf(' '), kept.lastIndexOf('\n'));
  if (space >= kept.length * 0.6) kept = kept.slice(0, space);
  return `${kept.trimEnd()}…`;
}

/** One line of at most `limit` characters: a title, a button label. */
export function fitLine(text: string, limit: number): string {
  return fitText(text.replace(/[ \t\r\n]+/g, ' '), limit);
}
