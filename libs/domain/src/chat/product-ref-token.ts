import { BASE32_ALPHABET, decodeBase32, encodeBase32 } from './base32.js';
import { toWellFormed } from './well-formed.js';

export const PRODUCT_REF_PREFIX = 'P-';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KIND_UUID = 'U';
const KIND_TEXT = 'T';
const CHECK_LENGTH = 2;

/**
 * A short, chat-safe token for a product id that reads back to exactly that id: "P-" + a kind
 * letter + base32 of the id + two check characters. Souk's product ids are UUIDs, which pack into
 * 16 bytes (kind U, 31 characters in all); any other id is carried as UTF-8 (kind T).
 *
 * The check characters make a damaged token (a character deleted or changed while the user edited
 * the message) unreadable instead of naming another product: "12345" cut to "1234" would be a
 * different, existing id.
 *
 * @throws RangeError for an empty id or one with an unpaired surrogate (UTF-8 cannot carry it).
 */
export function productRefToken(productId: string): string {
  if (productId === '') throw new RangeError('a product id must not be empty');
  if (toWellFormed(productId) !== productId) throw new RangeError('a product id must be well-formed Unicode');
  const kind = UUID.test(productId) ? KIND_UUID : KIND_TEXT;
  const bytes = kind === KIND_UUID ? uuidBytes(productId) : new TextEncoder().encode(productId);
  return PRODUCT_REF_PREFIX + kind + encodeBase32(bytes) + checkCharacters(kind, bytes);
}

/** The product id a token stands for, or null when it is not a whole, undamaged token. */
export function productIdFromRefToken(token: string): string | null {
  const upper = token.toUpperCase();
  if (!upper.startsWith(PRODUCT_REF_PREFIX)) return null;
  const kind = upper.charAt(PRODUCT_REF_PREFIX.length);
  const bytes = decodeBase32(upper.slice(PRODUCT_REF_PREFIX.length + 1, -CHECK_LENGTH));
  if (bytes === null || upper.slice(-CHECK_LENGTH) !== checkCharacters(kind, bytes)) return null;
  if (kind === KIND_UUID) return bytes.length === 16 ? uuidText(bytes) : null;
  if (kind !== KIND_TEXT || bytes.length === 0) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replaceAll('-', '');
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

function uuidText(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** 10 bits of FNV-1a over the kind and the bytes, as two base32 characters. */
function checkCharacters(kind: string, bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (const byte of [kind.charCodeAt(0), ...bytes]) hash = Math.imul(hash ^ byte, 0x01000193);
  const check = (hash >>> 0) & 0x3ff;
  return BASE32_ALPHABET[check >> 5] + BASE32_ALPHABET[check & 31];
}
