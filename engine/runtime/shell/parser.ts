/**
 * Parses tokens into the shell's command tree (POSIX XCU 2.9 Shell Commands): lists separated by
 * `;`, `&` or newlines; AND-OR lists with `&&` and `||`; pipelines with `|` and `!`; simple
 * commands with assignments and redirections; and the compound commands `if`, `while`, `until`,
 * `for`, `( ... )` and `{ ...; }`.
 */
import { ShellSyntaxError, tokenize, type Token } from './lexer.ts';

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<';
  /** The raw target word, or undefined for `n>&m`. */
  target?: string;
  dupTo?: number;
}

export type Command =
  | { type: 'simple'; assigns: Array<[string, string]>; words: string[]; redirects: Redirect[] }
  | { type: 'if'; clauses: Array<{ cond: List; body: List }>; otherwise?: List; redirects: Redirect[] }
  | { type: 'loop'; until: boolean; cond: List; body: List; redirects: Redirect[] }
  | { type: 'for'; name: string; items?: string[]; body: List; redirects: Redirect[] }
  | { type: 'subshell'; body: List; redirects: Redirect[] }
  | { type: 'group'; body: List; redirects: Redirect[] };

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: Array<{ op: '&&' | '||'; pipeline: Pipeline }>;
}

export interface List {
  items: Array<{ andOr: AndOr; background: boolean }>;
}

const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'while', 'until', 'do', 'done', 'for', 'in', '{', '}', '!']);

export function parseScript(src: string): List {
  const p = new Parser(tokenize(src));
  const list = p.list([]);
  if (!p.atEnd()) throw new ShellSyntaxError(`syntax error: unexpected "${p.describe()}"`);
  return list;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  atEnd(): boolean {
    return this.i >= this.tokens.length;
  }

  describe(): string {
    const t = this.tokens[this.i];
    if (!t) return 'end of file';
    if (t.kind === 'word') return t.raw;
    if (t.kind === 'op') return t.op;
    if (t.kind === 'redir') return t.op;
    return 'newline';
  }

  private peekWord(): string | undefined {
    const t = this.tokens[this.i];
    return t?.kind === 'word' ? t.raw : undefined;
  }

  private isOp(op: string): boolean {
    const t = this.tokens[this.i];
    return t?.kind === 'op' && t.op === op;
  }

  private skipNewlines(): void {
    while (this.tokens[this.i]?.kind === 'newline') this.i++;
  }

  private expectWord(word: string): void {
    this.skipNewlines();
    if (this.peekWord() !== word) throw new ShellSyntaxError(`syntax error: unexpected "${this.describe()}" (expecting "${word}")`);
    this.i++;
  }

  /** A list that ends at end of input, `)`, or one of the `terminators` reserved words. */
  list(terminators: string[]): List {
    const items: List['items'] = [];
    for (;;) {
      this.skipNewlines();
      if (this.atEnd() || this.isOp(')')) break;
      const w = this.peekWord();
      if (w !== undefined && terminators.includes(w)) break;
      const andOr = this.andOr();
      let background = false;
      if (this.isOp('&')) {
        background = true;
        this.i++;
      } else if (this.isOp(';')) this.i++;
      else if (this.tokens[this.i]?.kind === 'newline') this.i++;
      items.push({ andOr, background });
    }
    return { items };
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = (this.tokens[this.i] as { op: '&&' | '||' }).op;
      this.i++;
      this.skipNewlines();
      rest.push({ op, pipeline: this.pipeline() });
    }
    return { first, rest };
  }

  private pipeline(): Pipeline {
    let negate = false;
    if (this.peekWord() === '!') {
      negate = true;
      this.i++;
    }
    const commands = [this.command()];
    while (this.isOp('|')) {
      this.i++;
      this.skipNewlines();
      commands.push(this.command());
    }
    return { negate, commands };
  }

  private command(): Command {
    const w = this.peekWord();
    if (w === 'if') return this.withRedirects(this.ifCommand());
    if (w === 'while' || w === 'until') return this.withRedirects(this.loop(w === 'until'));
    if (w === 'for') return this.withRedirects(this.forCommand());
    if (w === '{') {
      this.i++;
      const body = this.list(['}']);
      this.expectWord('}');
      return this.withRedirects({ type: 'group', body, redirects: [] });
    }
    if (this.isOp('(')) {
      this.i++;
      const body = this.list([]);
      if (!this.isOp(')')) throw new ShellSyntaxError(`syntax error: unexpected "${this.describe()}" (expecting ")")`);
      this.i++;
      return this.withRedirects({ type: 'subshell', body, redirects: [] });
    }
    return this.simple();
  }

  private withRedirects<C extends Command>(cmd: C): C {
    while (this.tokens[this.i]?.kind === 'redir') cmd.redirects.push(this.redirect());
    return cmd;
  }

  private redirect(): Redirect {
    const t = this.tokens[this.i++] as Extract<Token, { kind: 'redir' }>;
    if (t.dupTo !== undefined) return { fd: t.fd, op: t.op, dupTo: t.dupTo };
    const target = this.peekWord();
    if (target === undefined) throw new ShellSyntaxError(`syntax error: unexpected "${this.describe()}"`);
    this.i++;
    return { fd: t.fd, op: t.op, target };
  }

  private simple(): Command {
    const cmd: Extract<Command, { type: 'simple' }> = { type: 'simple', assigns: [], words: [], redirects: [] };
    for (;;) {
      const t = this.tokens[this.i];
      if (!t) break;
      if (t.kind === 'redir') {
        cmd.redirects.push(this.redirect());
        continue;
      }
      if (t.kind !== 'word') break;
      const assign = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.raw);
      if (assign && cmd.words.length === 0) cmd.assigns.push([assign[1] as string, t.raw.slice(assign[0].length)]);
      else if (cmd.words.length === 0 && RESERVED.has(t.raw) && t.raw !== '{' && t.raw !== '!') break;
      else cmd.words.push(t.raw);
      this.i++;
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirects.length === 0) {
      throw new ShellSyntaxError(`syntax error: unexpected "${this.describe()}"`);
    }
    return cmd;
  }

  private ifCommand(): Command {
    this.i++; // if
    const clauses: Array<{ cond: List; body: List }> = [];
    let otherwise: List | undefined;
    const cond = this.list(['then']);
    this.expectWord('then');
    clauses.push({ cond, body: this.list(['elif', 'else', 'fi']) });
    for (;;) {
      const w = this.peekWord();
      if (w === 'elif') {
        this.i++;
        const c = this.list(['then']);
        this.expectWord('then');
        clauses.push({ cond: c, body: this.list(['elif', 'else', 'fi']) });
      } else if (w === 'else') {
        this.i++;
        otherwise = this.list(['fi']);
      } else break;
    }
    this.expectWord('fi');
    return { type: 'if', clauses, otherwise, redirects: [] };
  }

  private loop(until: boolean): Command {
    this.i++;
    const cond = this.list(['do']);
    this.expectWord('do');
    const body = this.list(['done']);
    this.expectWord('done');
    return { type: 'loop', until, cond, body, redirects: [] };
  }

  private forCommand(): Command {
    this.i++;
    const name = this.peekWord();
    if (name === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ShellSyntaxError(`syntax error: bad for loop variable`);
    this.i++;
    let items: string[] | undefined;
    this.skipNewlines();
    if (this.peekWord() === 'in') {
      this.i++;
      items = [];
      while (this.peekWord() !== undefined) items.push(this.tokens[this.i++] && (this.tokens[this.i - 1] as { raw: string }).raw);
    }
    if (this.isOp(';')) this.i++;
    this.expectWord('do');
    const body = this.list(['done']);
    this.expectWord('done');
    return { type: 'for', name, items, body, redirects: [] };
  }
}
