import { randomBytes } from 'node:crypto';

/**
 * A WhatsApp message id in the shape Meta's have: `wamid.` and base64 of an opaque binary that
 * starts with the user's number. Unique per call.
 */
export function newWamid(waId: string): string {
  const opaque = Buffer.concat([
    Buffer.from([0x1c, 0x18, waId.length]),
    Buffer.from(waId),
    Buffer.from([0x15, 0x02, 0x00, 0x12, 0x18, 0x14]),
    randomBytes(20),
  ]);
  return `wamid.${opaque.toString('base64')}`;
}

/** Meta's conversation ids: 32 hex digits. */
export function newConversationId(): string {
  return randomBytes(16).toString('hex');
}

/** The `hub.challenge` of a verification request: Meta sends a random integer. */
export function newChallenge(): string {
  return String(1_000_000_000 + (randomBytes(4).readUInt32BE() % 1_000_000_000));
}
