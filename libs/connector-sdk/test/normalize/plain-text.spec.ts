import fc from 'fast-check';
import { cleanLine, cleanParagraphs, cutText } from '../../src/normalize/plain-text.js';

describe('cutText', () => {
  it('leaves text that fits unchanged', () => {
    expect(cutText('Blue shoe', 9)).toBe('Blue shoe');
  });

  it('cuts at the last space when that keeps at least half the room', () => {
    expect(cutText('Blue running shoe', 14)).toBe('Blue running');
    expect(cutText('Blue running shoe', 12)).toBe('Blue running');
  });

  it('cuts between whole characters when the last space is too early', () => {
    expect(cutText('A verylongwordwithoutspaces', 10)).toBe('A verylong');
  });

  it('cuts a single grapheme longer than the room between code points', () => {
    expect(cutText(`e${'\u0301'.repeat(20)}`, 5)).toBe(`e${'\u0301'.repeat(4)}`);
  });

  it('gives a prefix of at most max code units that never ends inside a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: 1, max: 60 }), (text, max) => {
        const cut = cutText(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(text.startsWith(cut)).toBe(true);
        const last = cut.charCodeAt(cut.length - 1);
        expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
      }),
    );
  });
});

describe('cleanLine and cleanParagraphs', () => {
  it('make one line of text without control characters', () => {
    expect(cleanLine(' a\u0000b\tc\r\nd\u0085  e ')).toBe('ab c d e');
  });

  it('keep paragraphs apart by at most one blank line', () => {
    expect(cleanParagraphs(' one \n two\u0007 \n\n\n\n three ')).toBe('one\ntwo\n\nthree');
  });
});
