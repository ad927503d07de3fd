import type { FastifyRequest } from 'fastify';

/**
 * Where the caller reached this server (scheme and host; behind a proxy, as it forwarded them), for absolute URLs in
 * answers.
 */
export function requestBaseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
