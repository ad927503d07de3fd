import { randomBytes, randomUUID } from 'node:crypto';
import {
  operationsOf,
  resolveSchema,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiParameter,
  type Schema,
} from './openapi-document.js';

/**
 * Malformed requests derived from the OpenAPI document: for every operation, each path and query
 * parameter and each body field is replaced by a wrong value of the kinds a careless client or an
 * attacker sends, and every body by one that cannot be read. A route added later is covered as
 * soon as it is in the document.
 */

/** What a malformed request must get: refused (a 4xx problem, naming `field` when given), or just not a 5xx. */
export type Expectation =
  | {
      readonly refused: true;
      readonly status?: number;
      readonly field?: string;
      readonly detail?: RegExp;
      readonly hides?: string;
    }
  | { readonly refused: false };

export interface Probe {
  readonly operation: string;
  readonly mutation: string;
  readonly method: string;
  /** The path and query, encoded. */
  readonly url: string;
  readonly contentType?: string;
  readonly body?: string | Uint8Array;
  readonly headers: Record<string, string>;
  readonly expect: Expectation;
}

/** What the probes need to know about the running app: existing records, and which key each path needs. */
export interface ProbeContext {
  /** A value of this path parameter that exists (the id of a created record), or a made-up one of the right form. */
  pathValue(path: string, name: string): string;
  /** A sensible value for a body field of this name, when the fixtures have one (ids of created records). */
  fieldValue(name: string): string | undefined;
  /** The Authorization header for the role this path is for. */
  headersFor(path: string): Record<string, string>;
}

const refused = (field?: string, extra: Partial<Extract<Expectation, { refused: true }>> = {}): Expectation => ({
  refused: true,
  ...(field ? { field } : {}),
  ...extra,
});
const answered: Expectation = { refused: false };

const NUL = 'a\u0000b';
const SECRET_MARKER = 'do-not-echo-7f3a';
/** Replaced by a bare number literal after JSON.stringify, which would otherwise write 1e+23. */
const RAW = (literal: string) => `\u0001raw:${literal}\u0001`;

const isIdName = (name: string) => name === 'id' || /Id$/.test(name);
const base64url = (text: string) => Buffer.from(text).toString('base64url');

/** Cursors that no list endpoint ever returned: random bytes, base64 of the wrong shape, ids out of range. */
const MALFORMED_CURSORS: readonly [string, string][] = [
  ['random bytes', randomBytes(24).toString('base64url')],
  ['not base64', '%%%'],
  ['base64 of an object', base64url('{"a":1}')],
  ['base64 of a number', base64url('12')],
  ['base64 of a non-UUID id', base64url('["2026-01-01T00:00:00.000Z","not-a-uuid"]')],
  ['base64 of a bigint overflow', base64url('["2026-01-01T00:00:00.000Z","99999999999999999999"]')],
  ['base64 of a bad date', base64url(`["1","${randomUUID()}"]`)],
  ['base64 with NUL', base64url(`["2026-01-01T00:00:00.000Z","${randomUUID()}","a\\u0000b"]`)],
  ['base64 of a search position out of range', base64url(`[1e308,"${'-'.repeat(36)}","w\\u0000",99]`)],
  ['a bigint overflow', '99999999999999999999'],
  ['a negative number', '-1'],
];

/** The well-formed request of every GET operation: the probes change one thing in these. */
export function wellFormedReads(document: OpenApiDocument, context: ProbeContext): Probe[] {
  return operationsOf(document)
    .filter(({ method }) => method === 'GET')
    .map(({ method, path, operation }) =>
      new RequestShape(document, context, method, path, operation).probe('well formed', answered),
    );
}

/**
 * The well-formed request of one operation: valid path, required query parameters and body. A route
 * the document leaves out gets its path values only.
 */
export function wellFormedRequest(
  document: OpenApiDocument,
  context: ProbeContext,
  method: string,
  path: string,
): Probe {
  const operation = document.paths[path]?.[method.toLowerCase()] ?? {};
  return new RequestShape(document, context, method, path, operation).probe('well formed', answered);
}

export function malformedProbes(document: OpenApiDocument, context: ProbeContext): Probe[] {
  return operationsOf(document).flatMap(({ method, path, operation }) => {
    const request = new RequestShape(document, context, method, path, operation);
    return [...pathProbes(request), ...queryProbes(request), ...(method === 'GET' ? [] : bodyProbes(request))];
  });
}

/** One operation with valid values everywhere; each probe changes one thing. */
class RequestShape {
  readonly name: string;
  readonly parameters: readonly OpenApiParameter[];

  constructor(
    readonly document: OpenApiDocument,
    readonly context: ProbeContext,
    readonly method: string,
    readonly path: string,
    readonly operation: OpenApiOperation,
  ) {
    this.name = `${method} ${path}`;
    this.parameters = operation.parameters ?? [];
  }

  get contentTypes(): string[] {
    return Object.keys(this.operation.requestBody?.content ?? {});
  }

  get jsonSchema(): Schema | undefined {
    const schema = this.operation.requestBody?.content['application/json']?.schema;
    return schema ? resolveSchema(this.document, schema) : undefined;
  }

  probe(
    mutation: string,
    expect: Expectation,
    change: {
      path?: Record<string, string>;
      rawPath?: Record<string, string>;
      query?: Record<string, string>;
      contentType?: string;
      body?: string | Uint8Array;
    } = {},
  ): Probe {
    const url = this.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
      if (change.rawPath?.[name] !== undefined) return change.rawPath[name];
      return encodeURIComponent(change.path?.[name] ?? this.context.pathValue(this.path, name));
    });
    const query = new URLSearchParams();
    for (const parameter of this.parameters.filter((p) => p.in === 'query')) {
      const value =
        change.query?.[parameter.name] ??
        (parameter.required ? validValue(this.document, parameter.schema, parameter.name, this.context) : undefined);
      if (value !== undefined) query.set(parameter.name, String(value));
    }
    const headers: Record<string, string> = { ...this.context.headersFor(this.path) };
    for (const parameter of this.parameters.filter((p) => p.in === 'header' && p.required))
      headers[parameter.name.toLowerCase()] = randomUUID();
    const search = query.toString();
    // A probe of a parameter sends the valid body, so that the parameter is the one thing wrong.
    const body = change.body ?? (this.jsonSchema ? JSON.stringify(this.validBody()) : undefined);
    const contentType = change.contentType ?? (body !== undefined ? 'application/json' : undefined);
    return {
      operation: this.name,
      mutation,
      method: this.method,
      url: url + (search ? `?${search}` : ''),
      headers,
      ...(contentType ? { contentType } : {}),
      ...(body !== undefined ? { body } : {}),
      expect,
    };
  }

  /** The body with its required fields only: optional ones may depend on each other ("this or that"). */
  validBody(): unknown {
    return validValue(this.document, this.jsonSchema, '', this.context);
  }

  /** The valid body with one field set to `value`, adding the optional fields on the way to it. */
  bodyWith(field: Field, value: unknown): string {
    const body = structuredClone(this.validBody()) as Record<string | number, unknown>;
    let parent = body;
    let schema = this.jsonSchema!;
    for (const key of field.keys.slice(0, -1)) {
      schema = resolveSchema(this.document, typeof key === 'number' ? schema.items : schema.properties![key]);
      parent[key] ??= schema.type === 'array' ? [] : validValue(this.document, schema, String(key), this.context);
      parent = parent[key] as Record<string | number, unknown>;
    }
    parent[field.keys.at(-1)!] = value;
    return JSON.stringify(body).replace(/"\\u0001raw:([^\\]+)\\u0001"/g, '$1');
  }
}

function* pathProbes(request: RequestShape): Iterable<Probe> {
  for (const { name } of request.parameters.filter((p) => p.in === 'path')) {
    yield request.probe(`path ${name}: not an id`, isIdName(name) ? refused(name) : answered, {
      path: { [name]: 'not-an-id' },
    });
    yield request.probe(`path ${name}: 300 characters`, refused(name), { path: { [name]: 'x'.repeat(300) } });
    yield request.probe(`path ${name}: NUL`, refused(name), { path: { [name]: NUL } });
    const tooLong = SECRET_MARKER + 'x'.repeat(1000);
    yield request.probe(
      `path ${name}: over 1000 characters`,
      refused(undefined, { status: 414, hides: SECRET_MARKER }),
      { path: { [name]: tooLong } },
    );
    yield request.probe(
      `path ${name}: broken percent-encoding`,
      refused(undefined, { status: 400, hides: SECRET_MARKER }),
      { rawPath: { [name]: `${SECRET_MARKER}%E0%A4%A` } },
    );
  }
}

function* queryProbes(request: RequestShape): Iterable<Probe> {
  for (const { name, schema: given } of request.parameters.filter((p) => p.in === 'query')) {
    const schema = resolveSchema(request.document, given);
    const values: [string, string, Expectation][] = [['NUL', NUL, refused(name)]];
    if (name === 'cursor') {
      for (const [what, cursor] of MALFORMED_CURSORS) values.push([`cursor: ${what}`, cursor, refused(name)]);
    } else if (schema.type === 'number' || schema.type === 'integer') {
      values.push(['not a number', 'abc', refused(name)]);
      for (const huge of ['1e308', '99999999999999999999999', '-99999999999999999999999'])
        values.push([huge, huge, refused(name)]);
      for (const big of ['99999999999', '2147483648'])
        values.push([
          big,
          big,
          schema.maximum !== undefined && Number(big) > schema.maximum ? refused(name) : answered,
        ]);
    } else if (schema.type === 'boolean') {
      values.push(['not a boolean', 'maybe', refused(name)]);
    } else if (schema.enum || schema.items?.enum) {
      values.push(['not one of the values', 'not-a-value', refused(name)]);
    } else if (schema.format === 'date-time') {
      for (const notADate of ['not-a-date', '1', 'true'])
        values.push([`not a date: ${notADate}`, notADate, refused(name)]);
    } else {
      values.push(['not an id', 'not-an-id', answered], ['5000 characters', 'x'.repeat(5000), answered]);
    }
    if (schema.maxLength !== undefined) values.push(['too long', 'x'.repeat(schema.maxLength + 1), refused(name)]);
    for (const [what, value, expect] of values)
      yield request.probe(`query ${name}: ${what}`, expect, { query: { [name]: value } });
  }
}

function* bodyProbes(request: RequestShape): Iterable<Probe> {
  const types = request.contentTypes;
  const takesJson = types.length === 0 || types.includes('application/json');
  // A route that takes no JSON refuses a JSON body by its type, before reading it; the others cannot read these.
  const json = (
    mutation: string,
    body: string | Uint8Array,
    unreadable: Partial<Extract<Expectation, { refused: true }>> = {},
  ) =>
    request.probe(
      `body: ${mutation}`,
      takesJson ? refused(undefined, { status: 400, ...unreadable }) : refused(undefined, { status: 415 }),
      { contentType: 'application/json', body },
    );
  yield json('arrays nested 10,000 deep', '['.repeat(10_000) + ']'.repeat(10_000), { field: '[0]' });
  yield json('objects nested 10,000 deep', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), { field: 'a' });
  yield json('malformed JSON', `{"name":"${SECRET_MARKER}","slug":tru}`, {
    detail: /line 1, column 3\d/,
    hides: SECRET_MARKER,
  });
  yield json('malformed JSON over lines', `{\n  "name": "${SECRET_MARKER}",\n  "slug": \n}`, {
    detail: /line 4, column 1/,
    hides: SECRET_MARKER,
  });
  yield json('bytes that are not JSON', Buffer.concat([Buffer.from([0xff, 0xfe, 0x00]), randomBytes(61)]));
  yield json('NUL in a key', '{"a\\u0000b":1}', { field: 'a\\u0000b' });
  // Parsed before the route is known to take no JSON: too short to be JSON whatever the route.
  yield request.probe('body: an empty body', refused(undefined, { status: 400 }), {
    contentType: 'application/json',
    body: '',
  });
  const wrongType = ['text/plain', 'application/x-www-form-urlencoded', 'image/png'].find(
    (type) => !types.includes(type),
  )!;
  yield request.probe(`body: sent as ${wrongType}`, refused(undefined, { status: 415 }), {
    contentType: wrongType,
    body: 'a=1',
  });
  if (types.length > 0 && !types.includes('application/json')) {
    yield request.probe(
      'body: sent as application/json',
      refused(undefined, { status: 415, detail: new RegExp(types[0]!.replace(/[+/.]/g, '\\$&')) }),
      {
        contentType: 'application/json',
        body: '{}',
      },
    );
  }
  const schema = request.jsonSchema;
  if (!schema) return;
  for (const field of fieldsOf(request.document, schema, [])) {
    for (const [what, value, expect] of fieldMutations(field)) {
      yield request.probe(`body ${field.label}: ${what}`, expect, {
        contentType: 'application/json',
        body: request.bodyWith(field, value),
      });
    }
  }
}

interface Field {
  readonly keys: readonly (string | number)[];
  readonly label: string;
  readonly schema: Schema;
}

function* fieldsOf(
  document: OpenApiDocument,
  schema: Schema,
  keys: readonly (string | number)[],
  label = '',
): Iterable<Field> {
  if (keys.length > 6) return;
  for (const [name, given] of Object.entries(schema.properties ?? {})) {
    const property = { ...resolveSchema(document, given), ...(given.nullable ? { nullable: true } : {}) };
    const path = [...keys, name];
    const fieldLabel = label ? `${label}.${name}` : name;
    yield { keys: path, label: fieldLabel, schema: property };
    if (property.properties) yield* fieldsOf(document, property, path, fieldLabel);
    if (property.type === 'array' && property.items) {
      const item = resolveSchema(document, property.items);
      if (item.properties) yield* fieldsOf(document, item, [...path, 0], `${fieldLabel}[0]`);
    }
  }
}

function fieldMutations({ label, schema }: Field): [string, unknown, Expectation][] {
  const mutations: [string, unknown, Expectation][] = [['null', null, schema.nullable ? answered : refused(label)]];
  switch (schema.type) {
    case 'string':
      mutations.push(
        ['NUL', NUL, refused(label)],
        ['a number', 12345, refused(label)],
        ['an object', { a: 1 }, refused(label)],
      );
      if (typeof schema.example === 'string' && /^-?\d+$/.test(schema.example))
        mutations.push(['a huge number as text', '99999999999999999999999', answered]);
      break;
    case 'number':
    case 'integer':
      mutations.push(
        ['a numeric string', '2', refused(label)],
        ['1e308', 1e308, refused(label)],
        ['99999999999999999999999', RAW('99999999999999999999999'), refused(label)],
      );
      mutations.push(
        ['-99999999999999999999999', RAW('-99999999999999999999999'), refused(label)],
        ['a boolean', true, refused(label)],
      );
      break;
    case 'boolean':
      mutations.push(['a string', 'true', refused(label)], ['a number', 1, refused(label)]);
      break;
    case 'array':
      mutations.push(['a string', 'x', refused(label)], ['an object', { a: 1 }, refused(label)]);
      if (schema.items?.$ref || schema.items?.properties)
        mutations.push(['a list of lists', [[]], refused(label)], ['a list of null', [null], refused(label)]);
      break;
    default:
      if (schema.properties || schema.type === 'object')
        mutations.push(
          ['a string', 'x', refused(label)],
          ['an array', [], refused(label)],
          ['a number', 7, refused(label)],
        );
  }
  return mutations;
}

/** A value the schema accepts, as far as the document tells: its example, default or first value. */
function validValue(
  document: OpenApiDocument,
  given: Schema | undefined,
  name: string,
  context: ProbeContext,
): unknown {
  const schema = resolveSchema(document, given);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  switch (schema.type) {
    case 'string':
      if (schema.format === 'date-time') return '2026-01-01T00:00:00.000Z';
      return context.fieldValue(name) ?? (isIdName(name) ? randomUUID() : 'x');
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return schema.items ? [validValue(document, schema.items, name.replace(/s$/, ''), context)] : [];
    default:
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([key]) => schema.required?.includes(key))
          .map(([key, property]) => [key, validValue(document, property, key, context)]),
      );
  }
}
