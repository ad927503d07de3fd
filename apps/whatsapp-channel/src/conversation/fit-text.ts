const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The text cut to at most `limit` characters (UTF-16 code units, as the Cloud API counts), at a
 * word boundary when one is near, never inside a grapheme (an emoji, a letter with its accents),
 * with an ellipsis when something was cut.
 */
export function fitText(text: string, limit: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= limit) return clean;
  let kept = '';
  for (const { segment } of segmenter.segment(clean)) {
    if (kept.length + segment.length > limit - 1) break;
    kept += segment;
  }
  const space = kept.lastIndexOf(' ');
  if (space >= kept.length * 0.6) kept = kept.slice(0, space);
  return `${kept.trimEnd()}…`;
}
