import { CSV_DELIMITERS, type CsvDelimiter } from './settings.js';

/**
 * The header line: the first non-empty text up to a line break outside quotes; null when the text has no such break.
 */
export function headerLine(text: string): string | null {
  const start = text.length - text.replace(/^[\r\n]+/, '').length;
  let quoted = false;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) return text.slice(start, index);
  }
  return null;
}

/**
 * The most frequent of , ; tab | outside quotes in the header line; ties go to the earlier in that list, none to ','.
 */
export function detectDelimiter(line: string): CsvDelimiter {
  const counts = new Map<string, number>(CSV_DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: CsvDelimiter = ',';
  for (const delimiter of CSV_DELIMITERS) {
    if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  }
  return best;
}
