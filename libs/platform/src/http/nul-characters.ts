import type { FastifyInstance } from 'fastify';
import { ProblemException, type FieldError } from './problem.js';

/** PostgreSQL cannot store U+0000 in text, so no request may carry it (JSON bodies: see json-body.ts). */
export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

export function containsNul(text: string): boolean {
  return text.includes('\u0000');
}

/** A key as it can be shown in a field name. */
export function printableKey(key: string): string {
  return key.replaceAll('\u0000', '\\u0000');
}

/** Refuses a query string or path parameter holding NUL, naming it, before any handler sees it. */
export function refuseNulInQueryAndPath(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    const errors = [...parametersWithNul(request.params), ...parametersWithNul(request.query)];
    if (errors.length > 0) throw ProblemException.validation(errors);
  });
}

function parametersWithNul(parameters: unknown): FieldError[] {
  if (typeof parameters !== 'object' || parameters === null) return [];
  return Object.entries(parameters)
    .filter(
      ([name, value]) =>
        containsNul(name) || [value].flat().some((item) => typeof item === 'string' && containsNul(item)),
    )
    .map(([name]) => ({ field: printableKey(name), message: NUL_MESSAGE }));
}
