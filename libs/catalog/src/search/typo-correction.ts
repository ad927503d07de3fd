import type { DataSource } from 'typeorm';

/** Below this many products the words as written are thought to have failed, and corrections are tried. */
export const FEW_RESULTS = 3;

/**
 * The words with each unknown word replaced by the most similar known word (trigram similarity
 * at least pg_trgm's threshold, 0.3, over `search_term`: the words of live titles and brands), or
 * null when no word needed or found a correction. Only words of 3 to 40 Latin letters (accents
 * folded) are corrected; numbers, model codes and Chinese are left as written.
 */
export async function correctedWords(dataSource: DataSource, words: string): Promise<string | null> {
  const tokens = words.split(/\s+/).filter((token) => token !== '');
  const candidates = tokens.map((token) => fold(token)).filter((token) => /^[a-z]{3,40}$/.test(token));
  if (candidates.length === 0) return null;
  const rows = (await dataSource.query(
    `SELECT w.word,
            EXISTS (SELECT 1 FROM search_term t WHERE t.term = w.word) AS known,
            (SELECT t.term FROM search_term t WHERE t.term % w.word
              ORDER BY t.term <-> w.word, t.term LIMIT 1) AS correction
       FROM unnest($1::text[]) AS w(word)`,
    [candidates],
  )) as { word: string; known: boolean; correction: string | null }[];
  const replacements = new Map(
    rows.filter((row) => !row.known && row.correction !== null).map((row) => [row.word, row.correction as string]),
  );
  if (replacements.size === 0) return null;
  return tokens.map((token) => replacements.get(fold(token)) ?? token).join(' ');
}

/** Lower case without accents, as the souk_simple text search configuration folds words. */
function fold(token: string): string {
  return token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
