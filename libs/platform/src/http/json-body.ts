import { HttpStatus } from '@nestjs/common';
import { describeJsonPosition, locateJsonSyntaxError } from './json-syntax-error.js';
import { NUL_MESSAGE, containsNul, printableKey } from './nul-characters.js';
import { ProblemException, type FieldError } from './problem.js';

/**
 * How deep containers may nest in a JSON body. Validation and transformation recurse into bodies,
 * so a body nested thousands deep would overflow the stack; no request of the API needs more than
 * a few levels.
 */
export const MAX_JSON_DEPTH = 32;
/** A body with more wrong values than this gets this many errors, not one per value. */
const MAX_REPORTED_ERRORS = 20;

/**
 * Parses a JSON request body for the content type parser. Refuses, as problems, a body that is not
 * JSON (saying where it breaks, without quoting it), one nested deeper than MAX_JSON_DEPTH, NUL
 * characters (which PostgreSQL cannot store in text) and `__proto__` or `constructor.prototype` keys.
 */
export function parseJsonBody(bytes: Buffer): unknown {
  if (bytes.length === 0) throw badRequest('The body is empty; send a JSON value, or no Content-Type.');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const text = bytes.toString('utf8', bom);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const error = locateJsonSyntaxError(text);
    throw badRequest(
      error
        ? `The body is not valid JSON: ${error.reason} at ${describeJsonPosition(text, error.offset, bom)}.`
        : 'The body is not valid JSON.',
    );
  }
  const errors = unacceptableValues(value);
  if (errors.length > 0) throw ProblemException.validation(errors, 'The body has values that cannot be accepted.');
  return value;
}

function badRequest(detail: string): ProblemException {
  return new ProblemException(HttpStatus.BAD_REQUEST, 'bad-request', 'Bad request', detail);
}

interface Visit {
  readonly value: unknown;
  readonly path: string;
  readonly depth: number;
  /** What is wrong with the key that holds the value, reported in the key's place. */
  readonly badKey?: string;
}

/** Walks the parsed body without recursion, so that its depth cannot overflow the stack. */
function unacceptableValues(body: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const pending: Visit[] = [{ value: body, path: '', depth: 0 }];
  while (pending.length > 0 && errors.length < MAX_REPORTED_ERRORS) {
    const { value, path, depth, badKey } = pending.pop()!;
    const field = path || '(body)';
    if (badKey) errors.push({ field, message: badKey });
    else if (typeof value === 'string' && containsNul(value)) errors.push({ field, message: NUL_MESSAGE });
    if (badKey || typeof value !== 'object' || value === null) continue;
    if (depth === MAX_JSON_DEPTH) return [{ field, message: `nests deeper than ${MAX_JSON_DEPTH} levels` }];
    const children: Visit[] = Array.isArray(value)
      ? value.map((item, index) => ({ value: item, path: `${path}[${index}]`, depth: depth + 1 }))
      : Object.entries(value).map(([key, item]) => ({
          value: item,
          path: path ? `${path}.${printableKey(key)}` : printableKey(key),
          depth: depth + 1,
          badKey: keyProblem(key, item),
        }));
    // Reversed onto the stack, so fields are reported in the order the body gives them; one by
    // one, as spreading a long array into push() would overflow the stack.
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]!);
  }
  return errors;
}

function keyProblem(key: string, value: unknown): string | undefined {
  if (containsNul(key)) return NUL_MESSAGE;
  const replacesPrototype =
    key === '__proto__' ||
    (key === 'constructor' && typeof value === 'object' && value !== null && Object.hasOwn(value, 'prototype'));
  return replacesPrototype ? 'is not allowed' : undefined;
}

/**
 * parseJsonBody as a Fastify content type parser (`app.useBodyParser('application/json', options, jsonBodyParser)`).
 */
export function jsonBodyParser(
  _request: unknown,
  body: Buffer,
  done: (error: Error | null, value?: unknown) => void,
): void {
  let value: unknown;
  try {
    value = parseJsonBody(body);
  } catch (error) {
    done(error as Error);
    return;
  }
  done(null, value);
}
