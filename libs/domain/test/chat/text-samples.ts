/** Test helpers: texts in several scripts and checks that a fitted text is a whole-grapheme prefix. */

const GRAPHEMES = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** One "character" per script, with its length in UTF-16 code units. */
export const SCRIPT_UNITS = [
  { name: 'ASCII', unit: 'a' },
  { name: 'CJK', unit: '商' },
  { name: 'Arabic', unit: 'ب' },
  { name: 'emoji', unit: '😀' },
  { name: 'combining accent', unit: 'e\u0301' },
  { name: 'CJK extension B (surrogate pair)', unit: '𠀋' },
  { name: 'emoji ZWJ sequence', unit: '👩‍💻' },
] as const;

/** Exactly `length` code units: `unit` repeated, after as many 'a' as it takes to fill up. */
export function textOfLength(unit: string, length: number): string {
  return 'a'.repeat(length % unit.length) + unit.repeat(Math.floor(length / unit.length));
}

/** Just past `length` code units: textOfLength plus one more `unit`. */
export function textPast(unit: string, length: number): string {
  return textOfLength(unit, length) + unit;
}

export function graphemeEnds(text: string): Set<number> {
  const ends = new Set<number>([0]);
  for (const { index, segment } of GRAPHEMES.segment(text)) ends.add(index + segment.length);
  return ends;
}

export function endsInLoneSurrogate(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  const before = text.charCodeAt(text.length - 2);
  const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
  const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
  return isHigh(last) || (isLow(last) && !isHigh(before));
}

/** Expects `fitted` to be `source` cut at a whole grapheme within `max`, ending in '…'. */
export function expectCutWithEllipsis(fitted: string, source: string, max: number): void {
  expect(fitted.length).toBeLessThanOrEqual(max);
  expect(fitted.endsWith('…')).toBe(true);
  const kept = fitted.slice(0, -1);
  expect(source.startsWith(kept)).toBe(true);
  expect(graphemeEnds(source).has(kept.length)).toBe(true);
}
