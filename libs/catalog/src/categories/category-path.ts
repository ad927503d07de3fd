/** Between the levels of a normalized category path. */
export const PATH_SEPARATOR = ' > ';

/**
 * Text in the one form rules and offers are compared in: Unicode NFC, lowercase, inner whitespace
 * collapsed to one space, trimmed.
 */
export function normalizeText(text: string): string {
  return text.replace(/\s+/gu, ' ').trim().toLowerCase().normalize('NFC');
}

/**
 * The normalized levels of a category path. A level that itself holds '>' is split there, so
 * ["Home>Garden"], ["Home", "Garden"] and [" home ", " > garden"] all give ["home", "garden"];
 * empty levels are dropped.
 */
export function pathSegments(segments: readonly string[]): string[] {
  return segments
    .flatMap((segment) => segment.split('>'))
    .map(normalizeText)
    .filter((segment) => segment.length > 0);
}

/** A category path as one normalized string: its normalized levels joined by ' > ' ('' for none). */
export function normalizePath(segments: readonly string[]): string {
  return pathSegments(segments).join(PATH_SEPARATOR);
}
