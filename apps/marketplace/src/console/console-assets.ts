import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const CONSOLE_PATH = '/console';

/**
 * What the console's page may load: only its own scripts, styles, images and API, nothing inline,
 * and no framing, so an injected string can neither run nor send data elsewhere.
 */
export const CONSOLE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * The built console (`vite build` writes `dist/console`): beside the compiled server at run time,
 * and under `dist/` of the checkout when the server runs from its sources (the tests).
 */
export function builtConsoleFolder(): string | null {
  const candidates = [resolve(HERE, '../../../../console'), resolve(HERE, '../../../../dist/console')];
  return candidates.find((folder) => existsSync(resolve(folder, 'index.html'))) ?? null;
}

/**
 * Serves the console's single-page app at /console: its hashed assets for a year, and its page for
 * every other path under /console (the app routes in the browser), never cached, all under the CSP.
 */
export async function serveConsole(
  fastify: FastifyInstance,
  folder: string | null = builtConsoleFolder(),
): Promise<void> {
  fastify.addHook('onSend', async (request, reply) => {
    if (
      request.url === CONSOLE_PATH ||
      request.url.startsWith(`${CONSOLE_PATH}/`) ||
      request.url.startsWith(`${CONSOLE_PATH}?`)
    )
      setPageHeaders(reply);
  });
  if (!folder) {
    const notBuilt = async (_request: unknown, reply: FastifyReply) =>
      reply.code(503).type('application/problem+json').send({
        type: 'https://souk.dev/problems/console-not-built',
        title: 'Service Unavailable',
        status: 503,
        detail: 'The console has not been built: run npm run build.',
      });
    fastify.get(CONSOLE_PATH, notBuilt);
    fastify.get(`${CONSOLE_PATH}/*`, notBuilt);
    return;
  }
  await fastify.register(fastifyStatic, {
    root: folder,
    prefix: `${CONSOLE_PATH}/`,
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (response, path) => {
      void response.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const page = async (request: FastifyRequest, reply: FastifyReply) =>
    request.url.startsWith(`${CONSOLE_PATH}/assets/`)
      ? reply.code(404).type('text/plain; charset=utf-8').send('No such console asset.')
      : reply.header('cache-control', 'no-cache').sendFile('index.html', folder);
  fastify.get(CONSOLE_PATH, page);
  fastify.get(`${CONSOLE_PATH}/*`, page);
}

function setPageHeaders(reply: FastifyReply): void {
  void reply.header('content-security-policy', CONSOLE_CONTENT_SECURITY_POLICY);
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('referrer-policy', 'no-referrer');
  void reply.header('x-frame-options', 'DENY');
  void reply.header('cross-origin-opener-policy', 'same-origin');
}
