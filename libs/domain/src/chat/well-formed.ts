// Without the `u` flag the pattern sees UTF-16 code units, which is what finds an unpaired half.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text with every unpaired surrogate replaced by U+FFFD, as String.prototype.toWellFormed does
 * (not in the ES2023 library this project compiles against). An unpaired surrogate cannot be encoded
 * as UTF-8, so a receiver would reject or mangle it.
 */
export function toWellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}
