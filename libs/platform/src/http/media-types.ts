import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, type SchemaObject } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProblemException } from './problem.js';

interface ConsumesConfig {
  readonly consumes?: readonly string[];
}

/**
 * The media types a route takes its body in, when not JSON: documented in the OpenAPI document and
 * enforced before the body is read (refuseUnacceptableBodies). `body` is the documented schema.
 */
export function Consumes(
  types: readonly string[],
  body: SchemaObject = { type: 'string', format: 'binary' },
): MethodDecorator {
  return applyDecorators(
    ApiConsumes(...types),
    ApiBody({ schema: body }),
    RouteConfig({ consumes: types } satisfies ConsumesConfig),
  );
}

/**
 * Refuses a body whose media type its route does not take with 415, naming the types it does:
 * JSON (`application/json` or `application/*+json`) unless the route says otherwise with Consumes.
 * Nothing is read or parsed first.
 */
export function refuseUnacceptableBodies(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request) => {
    const headers = request.headers;
    const hasBody = Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;
    if (!hasBody) return;
    const type = headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? '';
    const accepted = acceptedTypes(request);
    if (
      !(accepted ?? ['application/json']).some(
        (acceptable) => acceptable === type || (acceptable === 'application/json' && isJson(type)),
      )
    ) {
      const detail = accepted
        ? `Send the body as one of ${accepted.join(', ')}.`
        : 'Send the body as application/json.';
      throw new ProblemException(415, 'unsupported-media-type', 'Unsupported media type', detail);
    }
  });
}

function acceptedTypes(request: FastifyRequest): readonly string[] | undefined {
  return (request.routeOptions.config as ConsumesConfig | undefined)?.consumes;
}

function isJson(type: string): boolean {
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}
