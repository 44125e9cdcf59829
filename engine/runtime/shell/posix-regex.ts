/**
 * POSIX regular expressions (as busybox's applets get them from libc regcomp: basic by default,
 * extended with REG_EXTENDED) translated to a JavaScript RegExp source.
 *
 * Supported subset: literals, `.`, `*`, anchors, bracket expressions with `[:class:]` names,
 * back-references `\1`..`\9`; in BRE the groups/intervals `\( \) \{ \}` and the common extensions
 * `\+ \? \|`, while bare `+ ? | ( ) { }` are literal, as are a leading `*` and a `^`/`$` away from
 * the start/end; in ERE `( ) | + ? {m,n}` are operators. GNU's `\< \> \b \B \w \W \s \S` pass
 * through. Not reproduced: POSIX leftmost-longest matching (JS takes the leftmost-first
 * alternative), collating elements `[. .]` and equivalence classes `[= =]`.
 */

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: '0-9A-Za-z', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
};

/** Copies the bracket expression starting at `pattern[start] === '['`; returns it and the index after it. */
function bracket(pattern: string, start: number): { source: string; next: number } {
  let k = start + 1;
  let source = '[';
  if (pattern[k] === '^') {
    source += '^';
    k++;
  }
  // A `]` right after `[` or `[^` is a member, not the end.
  for (let first = true; k < pattern.length; first = false) {
    const c = pattern[k]!;
    if (c === ']' && !first) return { source: `${source}]`, next: k + 1 };
    const named = c === '[' && pattern[k + 1] === ':' ? /^\[:([a-z]+):\]/.exec(pattern.slice(k)) : null;
    if (named && CLASSES[named[1]!] !== undefined) {
      source += CLASSES[named[1]!];
      k += named[0].length;
      continue;
    }
    // Inside brackets POSIX has no escapes: `\`, `[` and `]` are members.
    source += c === '\\' || c === ']' || c === '[' ? `\\${c}` : c;
    k++;
  }
  // An unterminated `[` is an error for regcomp; here it is a literal `[` followed by the rest.
  return { source: '\\[', next: start + 1 };
}

const ERE_OPERATORS = new Set(['(', ')', '|', '+', '?', '{', '}']);
const JS_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

/** Escapes `text` so a RegExp matches it literally (grep -F). */
export function literalRegExpSource(text: string): string {
  return text.replace(JS_SPECIAL, '\\$&');
}

/** Translates a POSIX basic (`extended` false) or extended regular expression to RegExp source. */
export function posixToRegExpSource(pattern: string, extended: boolean): string {
  let out = '';
  // Where a BRE `*` is literal and `^` is an anchor: at the start and right after `\(` or `\|`.
  let atStart = true;
  for (let k = 0; k < pattern.length; ) {
    const c = pattern[k]!;
    const wasStart: boolean = atStart;
    atStart = false;
    if (c === '[') {
      const b = bracket(pattern, k);
      out += b.source;
      k = b.next;
      continue;
    }
    if (c === '\\') {
      const d = pattern[k + 1];
      k += 2;
      if (d === undefined) out += '\\\\';
      else if (!extended && ERE_OPERATORS.has(d)) {
        out += d;
        atStart = d === '(' || d === '|';
      } else if (d === '<') out += '\\b(?=\\w)';
      else if (d === '>') out += '\\b(?<=\\w)';
      else if (/[1-9bBwWsS]/.test(d)) out += `\\${d}`;
      else out += literalRegExpSource(d);
      continue;
    }
    k++;
    if (extended) {
      // A repetition with nothing before it is literal (regcomp's GNU-compatible reading).
      out += c === '/' || (wasStart && (c === '*' || c === '+' || c === '?')) ? `\\${c}` : c;
      atStart = c === '(' || c === '|';
    } else if (ERE_OPERATORS.has(c)) out += `\\${c}`;
    else if (c === '*') out += wasStart ? '\\*' : '*';
    else if (c === '^') {
      // Only the first `^` anchors, but a `*` after it is still literal: mark it with atStart.
      out += wasStart && !out.endsWith('^') ? '^' : '\\^';
      atStart = wasStart;
    } else if (c === '$') out += k === pattern.length || pattern.startsWith('\\)', k) || pattern.startsWith('\\|', k) ? '$' : '\\$';
    else out += c === '/' ? '\\/' : c;
  }
  return out;
}
