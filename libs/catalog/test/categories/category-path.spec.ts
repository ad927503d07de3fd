import { normalizePath, normalizeText, pathSegments } from '../../src/categories/category-path.js';

describe('normalizePath', () => {
  it.each([
    [['Home', 'Garden'], 'home > garden'],
    [['  HOME ', ' Garden  '], 'home > garden'],
    [['Home>Garden'], 'home > garden'],
    [['Home  >   Garden'], 'home > garden'],
    [[' Home > ', '> Garden >'], 'home > garden'],
    [['Home & Garden', 'Lawn  and\tGarden'], 'home & garden > lawn and garden'],
    [['Home\u00a0Decor'], 'home decor'],
    [[], ''],
    [[' ', '>', ' > '], ''],
  ])('normalizes %j to %j', (segments, path) => {
    expect(normalizePath(segments)).toBe(path);
  });

  it('lowercases letters of any script and composes accents (NFC)', () => {
    expect(normalizePath(['CAFÉ', 'Кофе'])).toBe('café > кофе');
    expect(normalizePath(['Cafe\u0301'])).toBe(normalizePath(['Café']));
  });

  it('is idempotent', () => {
    const once = normalizePath([' Sport > Laufen ', 'SCHUHE']);
    expect(normalizePath([once])).toBe(once);
  });
});

describe('pathSegments and normalizeText', () => {
  it('split into normalized levels', () => {
    expect(pathSegments(['A > b', ' C '])).toEqual(['a', 'b', 'c']);
  });

  it('normalize text without splitting on >', () => {
    expect(normalizeText('  Big   > Deal ')).toBe('big > deal');
  });
});
