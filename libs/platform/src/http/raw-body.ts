import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProblemException } from './problem.js';

const RAW_BODY = Symbol('souk.rawBody');

/**
 * Keeps the exact bytes of the request body for the routes `matches` selects, for handlers that
 * check a signature over them (webhooks from shop systems). The body is then parsed as usual.
 */
export function keepRawBody(fastify: FastifyInstance, matches: (url: string) => boolean, limitBytes: number): void {
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    if (!matches(request.url)) return payload;
    // The answer closes the connection, with the rest of the body unread on it (ProblemFilter).
    const tooLarge = () =>
      Object.assign(new Error(`The body is larger than ${limitBytes} bytes.`), { statusCode: 413 });
    if (Number(request.headers['content-length'] ?? 0) > limitBytes) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      size += (chunk as Buffer).length;
      if (size > limitBytes) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks);
    (request.raw as unknown as Record<symbol, Buffer>)[RAW_BODY] = raw;
    return Object.assign(Readable.from([raw]), { receivedEncodedLength: raw.length });
  });
}

/** The exact body bytes kept by keepRawBody; an empty buffer for a request without a body. */
export function rawBodyOf(request: FastifyRequest): Buffer {
  const raw = (request.raw as unknown as Record<symbol, Buffer | undefined>)[RAW_BODY];
  if (raw === undefined && request.method !== 'GET')
    throw new ProblemException(500, 'internal', 'Internal server error', 'The raw body was not kept for this route.');
  return raw ?? Buffer.alloc(0);
}
