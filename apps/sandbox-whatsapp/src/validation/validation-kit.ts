import { GraphError } from '../graph-errors.js';

/**
 * Small checks that name the parameter they refuse, the way the send checks report a violation:
 * a missing required parameter is 131008, a wrong value 131009, a key the Cloud API does not know
 * 100. Paths read like `interactive.action.buttons[0].reply.title`.
 */

export type Fields = Record<string, unknown>;

/** Characters as WhatsApp counts them: code points, so an emoji counts once. */
export function characters(text: string): number {
  return [...text].length;
}

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

export function missing(path: string): GraphError {
  return new GraphError('missingParameter', `${path} is required`);
}

export function invalid(path: string, why: string): GraphError {
  return new GraphError('invalidValue', `${path} ${why}`);
}

/** The object at `fields[key]`; a missing one is 131008. */
export function requiredObject(fields: Fields, key: string, path: string): Fields {
  const at = child(path, key);
  const value = fields[key];
  if (value === undefined || value === null) throw missing(at);
  if (!isFields(value)) throw invalid(at, 'must be an object');
  return value;
}

export function optionalObject(fields: Fields, key: string, path: string): Fields | undefined {
  return fields[key] === undefined ? undefined : requiredObject(fields, key, path);
}

/** Refuses keys the Cloud API does not read here, as Meta does (code 100), so a typo never passes silently. */
export function onlyKeys(fields: Fields, path: string, keys: readonly string[]): void {
  const unexpected = Object.keys(fields).find((key) => !keys.includes(key));
  if (unexpected !== undefined)
    throw new GraphError('invalidParameter', `Unexpected key "${unexpected}" on param "${path || 'body'}"`);
}

export function requiredText(fields: Fields, key: string, path: string, max = Number.MAX_SAFE_INTEGER): string {
  const at = child(path, key);
  const value = fields[key];
  if (value === undefined || value === null) throw missing(at);
  return checkedText(value, at, max);
}

export function optionalText(
  fields: Fields,
  key: string,
  path: string,
  max = Number.MAX_SAFE_INTEGER,
): string | undefined {
  const value = fields[key];
  return value === undefined ? undefined : checkedText(value, child(path, key), max);
}

function checkedText(value: unknown, at: string, max: number): string {
  if (typeof value !== 'string') throw invalid(at, 'must be a string');
  if (value.trim() === '') throw invalid(at, 'must not be empty');
  const length = characters(value);
  if (length > max) throw invalid(at, `is ${length} characters long; at most ${max} are allowed`);
  return value;
}

/** The array at `fields[key]`, with `min` to `max` entries; a missing one is 131008. */
export function requiredArray(
  fields: Fields,
  key: string,
  path: string,
  min: number,
  max: number,
  what = 'entries',
): unknown[] {
  const at = child(path, key);
  const value = fields[key];
  if (value === undefined || value === null) throw missing(at);
  if (!Array.isArray(value)) throw invalid(at, 'must be an array');
  if (value.length < min)
    throw invalid(at, `has ${value.length} ${what}; at least ${min} ${min === 1 ? 'is' : 'are'} required`);
  if (value.length > max) throw invalid(at, `has ${value.length} ${what}; at most ${max} are allowed`);
  return value;
}

export function arrayEntry(value: unknown, path: string): Fields {
  if (!isFields(value)) throw invalid(path, 'must be an object');
  return value;
}

export function optionalBoolean(fields: Fields, key: string, path: string): boolean | undefined {
  const value = fields[key];
  if (value !== undefined && typeof value !== 'boolean') throw invalid(child(path, key), 'must be true or false');
  return value as boolean | undefined;
}

export function oneOf<T extends string>(fields: Fields, key: string, path: string, allowed: readonly T[]): T {
  const at = child(path, key);
  const value = fields[key];
  if (value === undefined || value === null) throw missing(at);
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(
      at,
      `must be one of ${allowed.map((entry) => `"${entry}"`).join(', ')}, not ${JSON.stringify(value)}`,
    );
  }
  return value as T;
}

/** Refuses the second of two equal values; `what` names them in the details. */
export function unique(values: readonly { value: string; path: string }[], what: string): void {
  const seen = new Map<string, string>();
  for (const { value, path } of values) {
    const first = seen.get(value);
    if (first !== undefined)
      throw invalid(path, `repeats the ${what} ${JSON.stringify(value)} of ${first}; ${what}s must be unique`);
    seen.set(value, path);
  }
}

export function httpUrl(value: string, path: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(path, 'must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid(path, 'must be an absolute http or https URL');
  return value;
}
