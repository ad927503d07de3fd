/** PostgreSQL cannot store U+0000 in text, so no request may carry it (JSON bodies: see json-body.ts). */
export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

export function containsNul(text: string): boolean {
  return text.includes('\u0000');
}

/** A key as it can be shown in a field name. */
export function printableKey(key: string): string {
  return key.replaceAll('\u0000', '\\u0000');
}
