/** Where a JSON text stops being JSON: the offset (in UTF-16 code units) and what was expected there. */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly reason: string;
}

type Expecting = 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'colon' | 'comma-or-end' | 'nothing';

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/**
 * Finds the first syntax error in a text that JSON.parse refused, to say where it is without
 * quoting the text (V8's messages quote it). Iterative, so deep nesting cannot overflow the stack.
 * Undefined when it finds none.
 */
export function locateJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const open: ('{' | '[')[] = [];
  let at = 0;
  let expecting: Expecting = 'value';
  const fail = (reason: string, offset = at) => ({ offset, reason });
  const afterValue = (): Expecting => (open.length > 0 ? 'comma-or-end' : 'nothing');

  for (;;) {
    while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')) at++;
    if (at >= text.length) return expecting === 'nothing' ? undefined : fail('the body ends too soon');
    const char = text[at]!;
    switch (expecting) {
      case 'value-or-end':
      case 'value':
        if (expecting === 'value-or-end' && char === ']') {
          open.pop();
          at++;
          expecting = afterValue();
        } else if (char === '{' || char === '[') {
          open.push(char);
          at++;
          expecting = char === '{' ? 'key-or-end' : 'value-or-end';
        } else if (char === '"') {
          const error = skipString();
          if (error) return error;
          expecting = afterValue();
        } else {
          const error = skipNumberOrLiteral();
          if (error) return error;
          expecting = afterValue();
        }
        break;
      case 'key-or-end':
      case 'key':
        if (expecting === 'key-or-end' && char === '}') {
          open.pop();
          at++;
          expecting = afterValue();
        } else if (char === '"') {
          const error = skipString();
          if (error) return error;
          expecting = 'colon';
        } else {
          return fail('expected a property name in double quotes');
        }
        break;
      case 'colon':
        if (char !== ':') return fail("expected ':' after a property name");
        at++;
        expecting = 'value';
        break;
      case 'comma-or-end': {
        const close = open.at(-1) === '{' ? '}' : ']';
        if (char === ',') {
          at++;
          expecting = close === '}' ? 'key' : 'value';
        } else if (char === close) {
          open.pop();
          at++;
          expecting = afterValue();
        } else {
          return fail(`expected ',' or '${close}'`);
        }
        break;
      }
      case 'nothing':
        return fail('unexpected text after the JSON value');
    }
  }

  function skipString(): JsonSyntaxError | undefined {
    at++;
    while (at < text.length) {
      const char = text[at]!;
      if (char === '"') {
        at++;
        return undefined;
      }
      if (char === '\\') {
        const escaped = text[at + 1];
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) return fail('expected four hex digits after \\u');
          at += 6;
        } else if (escaped !== undefined && ESCAPES.has(escaped)) {
          at += 2;
        } else {
          return fail('an invalid escape in a string');
        }
      } else if (char.charCodeAt(0) < 0x20) {
        return fail('a control character in a string must be escaped');
      } else {
        at++;
      }
    }
    return fail('the body ends too soon');
  }

  function skipNumberOrLiteral(): JsonSyntaxError | undefined {
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(text);
    if (number) {
      at += number[0].length;
      return undefined;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (literal[0] !== text[at]) continue;
      for (let index = 1; index < literal.length; index++) {
        if (at + index >= text.length) return fail('the body ends too soon', text.length);
        if (text[at + index] !== literal[index]) return fail('expected a value', at + index);
      }
      at += literal.length;
      return undefined;
    }
    return fail('expected a value');
  }
}

/** "line 3, column 14 (byte 41)" for an offset in `text`; lines and columns count from 1. */
export function describeJsonPosition(text: string, offset: number, bytesBefore = 0): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `line ${line}, column ${column} (byte ${bytesBefore + Buffer.byteLength(before)})`;
}
