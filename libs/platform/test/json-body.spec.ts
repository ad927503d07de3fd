import fc from 'fast-check';
import { MAX_JSON_DEPTH, ProblemException, parseJsonBody } from '#platform';
import { locateJsonSyntaxError } from '../src/http/json-syntax-error.js';

const problemOf = (body: string): ReturnType<ProblemException['toProblem']> => {
  try {
    parseJsonBody(Buffer.from(body));
  } catch (error) {
    return (error as ProblemException).toProblem();
  }
  throw new Error(`${body} was accepted`);
};

describe('JSON request bodies', () => {
  it('names the first place a text stops being JSON', () => {
    expect(locateJsonSyntaxError('{"a":}')).toEqual({ offset: 5, reason: 'expected a value' });
    expect(locateJsonSyntaxError('{"a":1,}')).toEqual({
      offset: 7,
      reason: 'expected a property name in double quotes',
    });
    expect(locateJsonSyntaxError('{"a" 1}')).toEqual({ offset: 5, reason: "expected ':' after a property name" });
    expect(locateJsonSyntaxError('[1 2]')).toEqual({ offset: 3, reason: "expected ',' or ']'" });
    expect(locateJsonSyntaxError('{"a":tru}')).toEqual({ offset: 8, reason: 'expected a value' });
    expect(locateJsonSyntaxError('{"a":"b\nc"}')).toEqual({
      offset: 7,
      reason: 'a control character in a string must be escaped',
    });
    expect(locateJsonSyntaxError('"\\x"')).toEqual({ offset: 1, reason: 'an invalid escape in a string' });
    expect(locateJsonSyntaxError('{"a":1} x')).toEqual({ offset: 8, reason: 'unexpected text after the JSON value' });
    expect(locateJsonSyntaxError('[' + '['.repeat(100_000))).toEqual({
      offset: 100_001,
      reason: 'the body ends too soon',
    });
  });

  it('finds an error in every text JSON.parse refuses, and none in what it takes', () => {
    const corrupted = fc.tuple(fc.json(), fc.nat(), fc.string({ maxLength: 2 })).map(([json, at, insert]) => {
      const cut = at % (json.length + 1);
      return json.slice(0, cut) + insert + json.slice(cut + 1);
    });
    fc.assert(
      fc.property(corrupted, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const error = locateJsonSyntaxError(text);
        if (valid) return error === undefined;
        return error !== undefined && error.offset >= 0 && error.offset <= text.length;
      }),
      { numRuns: 2000 },
    );
  });

  it('says where by line, column and byte, without quoting the body', () => {
    const problem = problemOf('{\n  "name": "private words",\n  "é": nul\n}');
    expect(problem).toMatchObject({ type: 'https://souk.dev/problems/bad-request', status: 400 });
    expect(problem.detail).toBe('The body is not valid JSON: expected a value at line 3, column 11 (byte 40).');
    expect(problemOf('').detail).toBe('The body is empty; send a JSON value, or no Content-Type.');
  });

  it(`takes ${MAX_JSON_DEPTH} levels of nesting and refuses one more, without recursing`, () => {
    expect(parseJsonBody(Buffer.from('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)))).toBeDefined();
    expect(problemOf('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1)).errors).toEqual([
      { field: '[0]'.repeat(MAX_JSON_DEPTH), message: 'nests deeper than 32 levels' },
    ]);
    expect(problemOf('{"a":'.repeat(200_000) + '1' + '}'.repeat(200_000)).errors).toEqual([
      { field: Array(MAX_JSON_DEPTH).fill('a').join('.'), message: 'nests deeper than 32 levels' },
    ]);
  });

  it('refuses NUL characters in values and keys, reporting at most 20', () => {
    expect(problemOf('{"a":["x","y\\u0000"],"b\\u0000":1}').errors).toEqual([
      { field: 'a[1]', message: 'must not contain the NUL character (U+0000)' },
      { field: 'b\\u0000', message: 'must not contain the NUL character (U+0000)' },
    ]);
    expect(problemOf(JSON.stringify(Array(500_000).fill('\u0000'))).errors).toHaveLength(20);
  });

  it('refuses keys that would replace a prototype, and keeps a byte order mark out of the way', () => {
    expect(problemOf('{"__proto__":{"x":1}}').errors).toEqual([{ field: '__proto__', message: 'is not allowed' }]);
    expect(problemOf('{"a":{"constructor":{"prototype":{}}}}').errors).toEqual([
      { field: 'a.constructor', message: 'is not allowed' },
    ]);
    expect(parseJsonBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"constructor":"x"}')]))).toEqual(
      { constructor: 'x' },
    );
  });
});
