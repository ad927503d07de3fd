import fc from 'fast-check';
import { cleanText, fitText } from '#domain';
import {
  endsInLoneSurrogate,
  expectCutWithEllipsis,
  graphemeEnds,
  SCRIPT_UNITS,
  textOfLength,
  textPast,
} from './text-samples.js';

describe('cleanText', () => {
  it('collapses whitespace runs, trims, and replaces unpaired surrogates', () => {
    expect(cleanText('  Red\n\t shoes\u00a0 size 42  ')).toBe('Red shoes size 42');
    expect(cleanText('€\u00a019,99 · 1\u202f199,00\u00a0€ \u00a0\u00a0x')).toBe(
      '€\u00a019,99 · 1\u202f199,00\u00a0€ x',
    );
    expect(cleanText('a\u00a0\u00a0b')).toBe('a\u00a0b');
    expect(cleanText('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
    expect(cleanText('ok 😀')).toBe('ok 😀');
  });
});

describe('fitText', () => {
  it('returns the cleaned text unchanged when it fits, even at exactly max', () => {
    expect(fitText('  Red   shoes ', 9)).toBe('Red shoes');
    expect(fitText('x'.repeat(24), 24, { ellipsis: true })).toBe('x'.repeat(24));
  });

  it('cuts after the last whole word ending in the last 40% of the room', () => {
    expect(fitText('Samsung Galaxy S24 Ultra 256 GB Titanium', 24, { ellipsis: true })).toBe('Samsung Galaxy S24…');
    expect(fitText('Samsung Galaxy S24 Ultra 256 GB Titanium', 24)).toBe('Samsung Galaxy S24 Ultra');
    expect(fitText('Hello, wonderful world', 9, { ellipsis: true })).toBe('Hello…');
    // "Hello" ends at 5, before the last 40% of 11: a word boundary that early would waste the room.
    expect(fitText('Hello, wonderful world', 12, { ellipsis: true })).toBe('Hello, wond…');
  });

  it('cuts at the last whole grapheme when no word ends in the last 40%', () => {
    expect(fitText('a supercalifragilisticexpialidocious', 10, { ellipsis: true })).toBe('a superca…');
    expect(fitText('Supercalifragilisticexpialidocious', 20)).toBe('Supercalifragilistic');
  });

  it('cuts Chinese and Japanese between words', () => {
    const text = '三星手机银色大屏幕智能手机';
    const fitted = fitText(text, 8, { ellipsis: true });
    expectCutWithEllipsis(fitted, text, 8);
    expect(fitted.length).toBeGreaterThan(1);
  });

  it('cuts Arabic at a word boundary', () => {
    expect(fitText('هاتف سامسونج جالاكسي الترا', 21, { ellipsis: true })).toBe('هاتف سامسونج جالاكسي…');
    expect(fitText('هاتف سامسونج جالاكسي الترا', 20, { ellipsis: true })).toBe('هاتف سامسونج…');
  });

  it.each(SCRIPT_UNITS)('never splits $name text', ({ unit }) => {
    for (const max of [1, 2, 3, 5, 24, 60]) {
      const source = textPast(unit, max);
      const fitted = fitText(source, max, { ellipsis: true });
      expectCutWithEllipsis(fitted, source, max);
      expect(textOfLength(unit, max)).toHaveLength(max);
      expect(fitText(textOfLength(unit, max), max, { ellipsis: true })).toBe(textOfLength(unit, max));
      const plain = fitText(source, max);
      expect(plain.length).toBeLessThanOrEqual(max);
      expect(graphemeEnds(source).has(plain.length)).toBe(true);
    }
  });

  it('keeps an emoji ZWJ family, a flag and a skin tone whole or drops them whole', () => {
    expect(fitText('ab👨‍👩‍👧‍👦', 8)).toBe('ab');
    expect(fitText('ab🇳🇱🇳🇱', 7)).toBe('ab🇳🇱');
    expect(fitText('ab👍🏽👍🏽', 8)).toBe('ab👍🏽');
    expect(fitText('😀😀', 3)).toBe('😀');
  });

  it('counts the ellipsis inside the limit and handles tiny limits', () => {
    expect(fitText('abcdef', 4, { ellipsis: true })).toBe('abc…');
    expect(fitText('abcdef', 1, { ellipsis: true })).toBe('…');
    expect(fitText('abcdef', 0, { ellipsis: true })).toBe('');
    expect(fitText('😀😀', 2, { ellipsis: true })).toBe('…');
    expect(fitText('😀😀', 2)).toBe('😀');
    expect(fitText('😀😀😀', 3, { ellipsis: true })).toBe('😀…');
  });

  it('rejects a limit that is not a non-negative integer', () => {
    expect(() => fitText('a', -1)).toThrow(RangeError);
    expect(() => fitText('a', 2.5)).toThrow(RangeError);
    expect(() => fitText('a', Number.NaN)).toThrow(RangeError);
  });

  describe('properties, over full Unicode text with emoji and combining marks', () => {
    const pieces = fc.constantFrom(
      'a',
      'Z',
      ' ',
      '  ',
      '\n',
      'é',
      'e\u0301',
      '\u0301',
      '😀',
      '👍🏽',
      '👩‍💻',
      '👨‍👩‍👧‍👦',
      '🇳🇱',
      '商',
      '𠀋',
      'ب',
      '\u200d',
      '\uFE0F',
      '…',
      '-',
      ',',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.array(pieces, { maxLength: 60 }).map((parts) => parts.join('')),
      fc.string({ unit: fc.constantFrom('\uD83D', '\uDE00', 'a', ' '), maxLength: 30 }),
    );
    const max = fc.integer({ min: 0, max: 80 });
    const ellipsis = fc.boolean();

    it('never exceeds max, is a prefix of the cleaned text (before the ellipsis) cut at a grapheme end, and never ends in a lone surrogate', () => {
      fc.assert(
        fc.property(text, max, ellipsis, (input, limit, withEllipsis) => {
          const cleaned = cleanText(input);
          const fitted = fitText(input, limit, { ellipsis: withEllipsis });
          expect(fitted.length).toBeLessThanOrEqual(limit);
          expect(endsInLoneSurrogate(fitted)).toBe(false);
          if (cleaned.length <= limit) {
            expect(fitted).toBe(cleaned);
            return;
          }
          const kept = withEllipsis && limit > 0 ? fitted.slice(0, -1) : fitted;
          if (withEllipsis && limit > 0) expect(fitted.endsWith('…')).toBe(true);
          expect(cleaned.startsWith(kept)).toBe(true);
          expect(graphemeEnds(cleaned).has(kept.length)).toBe(true);
        }),
        { numRuns: 500 },
      );
    });

    it('is idempotent', () => {
      fc.assert(
        fc.property(text, max, ellipsis, (input, limit, withEllipsis) => {
          const once = fitText(input, limit, { ellipsis: withEllipsis });
          expect(fitText(once, limit, { ellipsis: withEllipsis })).toBe(once);
        }),
      );
    });
  });
});
