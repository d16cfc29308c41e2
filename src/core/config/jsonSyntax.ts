/**
 * A strict JSON checker that says where and why. `JSON.parse` knows the rules but V8's messages
 * sometimes omit the position, and YAML (which reads the values, for positions) accepts comments
 * and trailing commas; this closes the gap so `.gan.json` files stay plain JSON.
 */
export interface JsonSyntaxError {
  /** Character offset of the offending token. */
  readonly offset: number;
  readonly message: string;
}

const MAX_DEPTH = 256;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const SIMPLE_ESCAPES = '"\\/bfnrt';

class Failure {
  constructor(readonly offset: number, readonly message: string) {}
}

/** The first syntax error in `text` by JSON.parse's rules, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let pos = text.startsWith('\uFEFF') ? 1 : 0;
  let depth = 0;

  const fail = (message: string, at = pos): never => {
    throw new Failure(at, message);
  };

  const skipSpace = (): void => {
    for (;;) {
      const ch = text.charAt(pos);
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') pos++;
      else if (ch === '/' && (text[pos + 1] === '/' || text[pos + 1] === '*')) {
        fail('comments are not allowed in JSON (use a .gan.yaml config to keep comments)');
      } else return;
    }
  };

  const string = (): void => {
    const start = pos++;
    while (pos < text.length) {
      const ch = text.charAt(pos);
      if (ch === '"') {
        pos++;
        return;
      }
      if (ch === '\\') {
        const escape = text.charAt(pos + 1);
        if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) pos += 6;
        else if (escape !== '' && SIMPLE_ESCAPES.includes(escape)) pos += 2;
        else fail(`invalid escape sequence '\\${escape}' in a string`);
      } else if (ch < ' ') {
        fail('control character in a string (write it as an escape such as \\n)');
      } else {
        pos++;
      }
    }
    fail('unterminated string: missing the closing "', start);
  };

  /** Objects and arrays share one loop; `item` reads one member or element. */
  const collection = (close: '}' | ']', item: () => void): void => {
    if (++depth > MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} levels deep`);
    pos++;
    skipSpace();
    if (text[pos] === close) {
      pos++;
      depth--;
      return;
    }
    for (;;) {
      item();
      skipSpace();
      if (text[pos] === close) {
        pos++;
        depth--;
        return;
      }
      if (text[pos] !== ',') fail(pos < text.length ? `expected ',' or '${close}'` : `unexpected end of file: missing '${close}'`);
      const comma = pos++;
      skipSpace();
      if (text[pos] === close) fail(`trailing comma before '${close}' is not allowed in JSON`, comma);
    }
  };

  const member = (): void => {
    skipSpace();
    if (text[pos] !== '"') fail('expected a field name in double quotes');
    string();
    skipSpace();
    if (text[pos] !== ':') fail("expected ':' after the field name");
    pos++;
    value();
  };

  const value = (): void => {
    skipSpace();
    const ch = text.charAt(pos);
    if (ch === '{') return collection('}', member);
    if (ch === '[') return collection(']', value);
    if (ch === '"') return string();
    NUMBER.lastIndex = pos;
    if (NUMBER.test(text)) {
      pos = NUMBER.lastIndex;
      return;
    }
    const word = ['true', 'false', 'null'].find((literal) => text.startsWith(literal, pos));
    if (word) {
      pos += word.length;
      return;
    }
    fail(ch === '' ? 'unexpected end of file: expected a value' : `unexpected ${JSON.stringify(ch)}: expected a value`);
  };

  try {
    value();
    skipSpace();
    if (pos < text.length) fail('unexpected text after the end of the JSON value');
    return undefined;
  } catch (error) {
    if (error instanceof Failure) return { offset: error.offset, message: error.message };
    throw error;
  }
}
