import { TextDecoder } from 'node:util';
import { ConnectorError } from '#connector-sdk';

/**
 * The character encoding of a feed: a byte order mark wins, then an XML declaration's
 * `encoding`, then UTF-8 (the encoding Google expects).
 */
export function detectEncoding(head: Buffer): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const declaration = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
    head.subarray(0, 200).toString('latin1'),
  );
  return declaration ? declaration[1].toLowerCase() : 'utf-8';
}

export function createDecoder(encoding: string): TextDecoder {
  try {
    return new TextDecoder(encoding);
  } catch (error) {
    throw new ConnectorError(
      `The feed declares the character encoding "${encoding}", which is not supported; use UTF-8.`,
      'format',
      { cause: error },
    );
  }
}
