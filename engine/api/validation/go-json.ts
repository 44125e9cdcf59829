/**
 * The error Go's `json.Unmarshal(b, &map[string]interface{}{})` returns, which upstream puts in
 * the field error for a malformed docker config (encoding/json scanner.go messages:
 * `unexpected end of JSON input`, `invalid character 'x' looking for beginning of value`, ...,
 * then decode.go's `json: cannot unmarshal array into Go value of type map[string]interface {}`).
 * A building block of the part `secret.types` (secret-types.ts); the messages never contain the
 * input itself, only one offending character.
 */

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** encoding/json quoteChar: the offending byte as Go prints it, in single quotes. */
function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 0x5c: '\\\\' };
  if (named[c]) return `'${named[c]}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  return `'${String.fromCharCode(c)}'`;
}

class SyntaxError_ {
  constructor(readonly message: string) {}
}

class Scanner {
  i = 0;
  constructor(private readonly b: Uint8Array) {}

  private peek(): number | undefined {
    return this.b[this.i];
  }
  private next(): number {
    const c = this.b[this.i];
    if (c === undefined) throw new SyntaxError_('unexpected end of JSON input');
    this.i++;
    return c;
  }
  private fail(c: number, context: string): never {
    throw new SyntaxError_(`invalid character ${quoteChar(c)} ${context}`);
  }
  skipSpace(): void {
    while (this.peek() !== undefined && WS.has(this.peek()!)) this.i++;
  }

  /** Scans one value; returns its kind as decode.go names it. */
  value(): string {
    this.skipSpace();
    const c = this.next();
    if (c === 0x7b) return this.object();
    if (c === 0x5b) return this.array();
    if (c === 0x22) return this.string();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number(c);
    if (c === 0x74) return this.literal('true', 'bool');
    if (c === 0x66) return this.literal('false', 'bool');
    if (c === 0x6e) return this.literal('null', 'null');
    this.fail(c, 'looking for beginning of value');
  }

  private object(): string {
    this.skipSpace();
    if (this.peek() === 0x7d) return (this.i++, 'object');
    for (;;) {
      this.skipSpace();
      const q = this.next();
      if (q !== 0x22) this.fail(q, 'looking for beginning of object key string');
      this.string();
      this.skipSpace();
      const colon = this.next();
      if (colon !== 0x3a) this.fail(colon, 'after object key');
      this.value();
      this.skipSpace();
      const c = this.next();
      if (c === 0x7d) return 'object';
      if (c !== 0x2c) this.fail(c, 'after object key:value pair');
    }
  }

  private array(): string {
    this.skipSpace();
    if (this.peek() === 0x5d) return (this.i++, 'array');
    for (;;) {
      this.value();
      this.skipSpace();
      const c = this.next();
      if (c === 0x5d) return 'array';
      if (c !== 0x2c) this.fail(c, 'after array element');
    }
  }

  private string(): string {
    for (;;) {
      const c = this.next();
      if (c === 0x22) return 'string';
      if (c < 0x20) this.fail(c, 'in string literal');
      if (c !== 0x5c) continue;
      const e = this.next();
      if (e === 0x75) {
        for (let k = 0; k < 4; k++) {
          const h = this.next();
          if (!/[0-9a-fA-F]/.test(String.fromCharCode(h))) this.fail(h, 'in \\u hexadecimal character escape');
        }
      } else if (!'"\\/bfnrt'.includes(String.fromCharCode(e))) this.fail(e, 'in string escape code');
    }
  }

  private digits(): number {
    let n = 0;
    while (this.peek() !== undefined && this.peek()! >= 0x30 && this.peek()! <= 0x39) (this.i++, n++);
    return n;
  }

  private number(first: number): string {
    const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;
    if (first === 0x2d) {
      const c = this.next();
      if (!isDigit(c)) this.fail(c, 'in numeric literal');
      if (c !== 0x30) this.digits();
    } else if (first !== 0x30) this.digits();
    if (this.peek() === 0x2e) {
      this.i++;
      const c = this.next();
      if (!isDigit(c)) this.fail(c, 'after decimal point in numeric literal');
      this.digits();
    }
    if (this.peek() === 0x65 || this.peek() === 0x45) {
      this.i++;
      let c = this.next();
      if (c === 0x2b || c === 0x2d) c = this.next();
      if (!isDigit(c)) this.fail(c, 'in exponent of numeric literal');
      this.digits();
    }
    return 'number';
  }

  private literal(word: string, kind: string): string {
    for (let k = 1; k < word.length; k++) {
      const c = this.next();
      if (c !== word.charCodeAt(k)) this.fail(c, `in literal ${word} (expecting ${quoteChar(word.charCodeAt(k))})`);
    }
    return kind;
  }
}

/** undefined when `bytes` unmarshal into a Go map[string]interface{}, else Go's error message. */
export function goJsonObjectError(bytes: Uint8Array): string | undefined {
  const s = new Scanner(bytes);
  let kind: string;
  try {
    kind = s.value();
    s.skipSpace();
    if (s.i < bytes.length) throw new SyntaxError_(`invalid character ${quoteChar(bytes[s.i]!)} after top-level value`);
  } catch (e) {
    if (e instanceof SyntaxError_) return e.message;
    throw e;
  }
  // null leaves the map alone; only an object fits into it.
  if (kind === 'object' || kind === 'null') return undefined;
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}
