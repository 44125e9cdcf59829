/**
 * Tokens of the POSIX shell language (the subset busybox `sh` scripts in the Kubernetes docs
 * use). A word keeps its raw text, quotes included: expansion (variables, `$(...)`, `$((...))`,
 * quote removal, field splitting) happens when the command runs, as POSIX specifies
 * (XCU 2.3 Token Recognition, 2.6 Word Expansions).
 */

export type Token =
  | { kind: 'word'; raw: string }
  | { kind: 'op'; op: Operator }
  | { kind: 'redir'; op: '>' | '>>' | '<'; fd: number; dupTo?: number }
  | { kind: 'newline' };

export type Operator = ';' | '&' | '&&' | '||' | '|' | '(' | ')';

export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

/** Index just past the `)` that closes a `$(` or `$((` opened before `i` (depth 1 at `i`). */
function skipParens(src: string, i: number): number {
  let depth = 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') i += 2;
    else if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
      i = end + 1;
    } else if (c === '"') i = skipDouble(src, i + 1);
    else {
      if (c === '(') depth++;
      if (c === ')') depth--;
      i++;
      if (depth === 0) return i;
    }
  }
  throw new ShellSyntaxError("syntax error: unexpected end of file (expecting \")\")");
}

/** Index just past the `"` closing a double-quoted string whose content starts at `i`. */
function skipDouble(src: string, i: number): number {
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if (c === '$' && src[i + 1] === '(') i = skipParens(src, i + 2);
    else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
      i = end + 1;
    } else i++;
  }
  throw new ShellSyntaxError('unterminated quoted string');
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '\n') {
      out.push({ kind: 'newline' });
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      out.push({ kind: 'op', op: two });
      i += 2;
      continue;
    }
    if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      out.push({ kind: 'op', op: c });
      i++;
      continue;
    }
    // Redirections: [n]> [n]>> [n]< and n>&m.
    const redir = /^(\d?)(>>|>&|>|<)(\d?)/.exec(src.slice(i));
    if (redir && (redir[2] !== '>&' || redir[3] !== '')) {
      const fd = redir[1] ? Number(redir[1]) : redir[2] === '<' ? 0 : 1;
      if (redir[2] === '>&') {
        out.push({ kind: 'redir', op: '>', fd, dupTo: Number(redir[3]) });
        i += redir[0].length;
      } else {
        out.push({ kind: 'redir', op: redir[2] as '>' | '>>' | '<', fd });
        i += redir[1].length + redir[2].length;
      }
      continue;
    }
    // A word: runs until an unquoted blank or operator character.
    const start = i;
    while (i < src.length) {
      const ch = src[i] as string;
      if (' \t\n;&|()<>'.includes(ch)) break;
      if (ch === '\\') i += 2;
      else if (ch === "'") {
        const end = src.indexOf("'", i + 1);
        if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
        i = end + 1;
      } else if (ch === '"') i = skipDouble(src, i + 1);
      else if (ch === '$' && src[i + 1] === '(') i = skipParens(src, i + 2);
      else if (ch === '`') {
        const end = src.indexOf('`', i + 1);
        if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
        i = end + 1;
      } else i++;
    }
    out.push({ kind: 'word', raw: src.slice(start, i) });
  }
  return out;
}
