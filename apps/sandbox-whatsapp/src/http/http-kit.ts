import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLarge extends Error {}

/**
 * The request body as text; throws BodyTooLarge past 1 MiB (read to the end, so the answer still reaches the caller).
 */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) throw new BodyTooLarge('The body is over 1 MiB.');
  return Buffer.concat(chunks).toString('utf8');
}

/** A JSON body of a control route; an empty body is `{}`. */
export async function readJson(request: IncomingMessage): Promise<unknown> {
  const text = await readBody(request);
  return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.destroyed) return;
  response
    .writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));
}

export function notAllowed(response: ServerResponse, allow: string): void {
  sendJson(response, 405, { error: `Allowed: ${allow}.` }, { allow });
}

export function notFound(response: ServerResponse, path: string): void {
  sendJson(response, 404, { error: `Nothing at ${path}.` });
}
