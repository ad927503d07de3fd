import { TextDecoder } from 'node:util';

/**
 * Decodes a byte stream as text, chunk by chunk (a character split across chunks is kept whole; a BOM is dropped).
 * The encoding must be one TextDecoder supports: check it first where it comes from the source.
 */
export async function* decodeText(chunks: AsyncIterable<Uint8Array>, encoding: string): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text.length > 0) yield text;
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}

/** The beginning of a file as text, without a character cut in half at the end. */
export function decodeHead(head: Buffer, encoding: string): string {
  return new TextDecoder(encoding).decode(head, { stream: true });
}
